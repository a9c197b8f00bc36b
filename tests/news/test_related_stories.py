"""Related stories at the foot of an article: public stories sharing its topics, those sharing
the most first, then the newest; in a fixed number of queries; refreshed in the page cache when
a related story changes, goes or arrives.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.news import services
from dateline.news.queries import RELATED_STORIES

pytestmark = pytest.mark.django_db


def _related(client, article) -> list[str]:
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".related .card__headline")]


@pytest.fixture
def economy(newsroom):
    return services.create_topic("Economy")


def _story(newsroom, title, topics, hours_old=1, **fields):
    return newsroom.article(
        title=title,
        topics=topics,
        published_at=timezone.now() - timedelta(hours=hours_old),
        **fields,
    )


def test_stories_sharing_more_topics_come_first_then_the_newest(newsroom, client, economy):
    mali, barkhane = newsroom.topic, newsroom.other_topic
    article = _story(newsroom, "The story", [mali, barkhane], hours_old=0)
    _story(newsroom, "Both topics, older", [mali, barkhane], hours_old=30)
    _story(newsroom, "One topic, newest", [barkhane], hours_old=2)
    _story(newsroom, "One topic, older", [mali], hours_old=20)
    _story(newsroom, "Another topic", [economy], hours_old=1)
    assert _related(client, article) == [
        "Both topics, older",
        "One topic, newest",
        "One topic, older",
    ]


def test_at_most_four_and_never_itself_a_draft_or_a_private_story(newsroom, client):
    article = _story(newsroom, "The story", [newsroom.topic], hours_old=0)
    for n in range(RELATED_STORIES + 2):
        _story(newsroom, f"Public {n}", [newsroom.topic], hours_old=n + 1)
    _story(newsroom, "A draft", [newsroom.topic], publish=False)
    private_section = services.create_section("Members")
    private = _story(newsroom, "Members only", [newsroom.topic], section=private_section)
    services.restrict_page(private_section, password="secret")
    shown = _related(client, article)
    assert shown == [f"Public {n}" for n in range(RELATED_STORIES)]
    assert private.title not in shown


def test_a_story_without_topics_has_no_related_section(newsroom, client):
    article = _story(newsroom, "Alone", [])
    _story(newsroom, "Other", [newsroom.topic])
    page = client.get(article.url).content.decode()
    assert 'class="related"' not in page


def test_related_cards_name_their_section(newsroom, client):
    article = _story(newsroom, "The story", [newsroom.topic], hours_old=0)
    _story(newsroom, "Related", [newsroom.topic])
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert soup.select_one(".related .card__section").get_text(strip=True) == "World"


def test_related_stories_take_a_fixed_number_of_queries(newsroom, client, economy):
    mali, barkhane = newsroom.topic, newsroom.other_topic
    article = _story(newsroom, "The story", [mali, barkhane, economy], hours_old=0)
    _story(newsroom, "Only one", [mali])
    client.get(article.url)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as one:
        client.get(article.url)
    other_section = services.create_section("Business")
    for n in range(8):
        _story(
            newsroom,
            f"More {n}",
            [mali, economy],
            section=other_section if n % 2 else newsroom.section,
            bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
        )
    client.get(article.url)
    with CaptureQueriesContext(connection) as many:
        assert len(_related(client, article)) == RELATED_STORIES
    assert len(many.captured_queries) <= len(one.captured_queries)


@pytest.fixture
def cached(settings):
    settings.DATELINE_PAGE_CACHE = True
    for cache in caches.all(initialized_only=True):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


def _cached_related(client, article):
    client.get(article.url)  # the first page after a cache start is not stored
    shown = _related(client, article)
    assert client.get(article.url)["X-Dateline-Cache"] == "hit"
    return shown


def test_a_related_story_renamed_refreshes_the_cached_article(
    newsroom, client, cached, django_capture_on_commit_callbacks
):
    article = _story(newsroom, "The story", [newsroom.topic], hours_old=0)
    other = _story(newsroom, "Old headline", [newsroom.topic])
    assert _cached_related(client, article) == ["Old headline"]
    with django_capture_on_commit_callbacks(execute=True):
        services.revise_article(other, title="New headline")
    assert _related(client, article) == ["New headline"]


def test_a_related_story_unpublished_leaves_the_cached_article(
    newsroom, client, cached, django_capture_on_commit_callbacks
):
    article = _story(newsroom, "The story", [newsroom.topic], hours_old=0)
    other = _story(newsroom, "Going away", [newsroom.topic])
    assert _cached_related(client, article) == ["Going away"]
    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()
    assert _related(client, article) == []


def test_a_new_story_on_a_shared_topic_joins_the_cached_article(
    newsroom, client, cached, django_capture_on_commit_callbacks
):
    article = _story(newsroom, "The story", [newsroom.topic], hours_old=5)
    assert _cached_related(client, article) == []
    with django_capture_on_commit_callbacks(execute=True):
        _story(newsroom, "Just in", [newsroom.topic], hours_old=0)
    assert _related(client, article) == ["Just in"]


def test_the_ranking_reads_only_the_newest_stories_on_the_topics(newsroom, client, monkeypatch):
    """A popular topic holds thousands of stories: the ranking reads a bounded number of the
    newest (story, topic) rows, so an article page costs the same in a large archive."""
    from dateline.news import queries

    mali, barkhane = newsroom.topic, newsroom.other_topic
    article = _story(newsroom, "The story", [mali, barkhane], hours_old=0)
    _story(newsroom, "Both topics, long ago", [mali, barkhane], hours_old=500)
    for n in range(3):
        _story(newsroom, f"Recent {n}", [mali], hours_old=n + 1)
    assert _related(client, article)[0] == "Both topics, long ago"
    monkeypatch.setattr(queries, "RELATED_CANDIDATE_ROWS", 3)
    assert _related(client, article) == ["Recent 0", "Recent 1", "Recent 2"]
