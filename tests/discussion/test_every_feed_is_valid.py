"""Every feed the site serves, news and comments, passes the W3C feed validator and feedparser."""

from __future__ import annotations

import feedparser
import pytest

from dateline.core.models import NewsroomSettings
from dateline.discussion import services
from tests.feedvalidator import feed_errors
from tests.news.findability import make_image

NEWS_FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/feeds/section/world/",
    "/feeds/section/world/atom/",
    "/feeds/topic/mali/",
    "/feeds/topic/mali/atom/",
    "/feeds/author/amina-diallo/",
    "/feeds/author/amina-diallo/atom/",
]
COMMENT_FEEDS = [
    "/discussion/feed/rss/",
    "/discussion/feed/atom/",
    "/discussion/{pk}/feed/rss/",
    "/discussion/{pk}/feed/atom/",
]


@pytest.fixture(params=[True, False], ids=["full-text", "summaries"])
def commented_article(request, article, newsroom):
    """A commented article beside a story with a lead image and a body figure, in feeds of full
    text and in feeds of summaries (the newsroom's setting; summaries are the default)."""
    # The validator wants enclosure URLs on a real domain name, as a live site has.
    site = newsroom.home.get_site()
    site.hostname, site.port = "news.example.org", 80
    site.save()
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"feed_full_text": request.param}
    )
    newsroom.article(
        title="Pictured & quoted",
        lead_image=make_image(),
        body=[("paragraph", '<p>See <a href="/world/">the section</a> &amp; more.</p>')],
    )
    for n in range(2):
        services.create_comment(
            article,
            text=f"Comment number {n} <b>with</b> markup & an ampersand",
            name=f"Reader {n}",
            email=f"r{n}@example.org",
            status="approved",
            source="test",
        )
    return article


@pytest.mark.parametrize("url", NEWS_FEEDS + COMMENT_FEEDS)
def test_every_feed_is_valid(commented_article, client, url):
    url = url.format(pk=commented_article.pk)
    response = client.get(url, HTTP_HOST="testserver")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries
    errors = feed_errors(response.content, response["Content-Type"], f"http://testserver{url}")
    assert errors == [], errors


@pytest.mark.parametrize("url", ["/discussion/feed/atom/", "/discussion/{pk}/feed/atom/"])
def test_comment_atom_entries_carry_updated_id_and_the_feed_a_self_link(
    commented_article, client, url
):
    url = url.format(pk=commented_article.pk)
    parsed = feedparser.parse(client.get(url).content)
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [
        f"http://testserver{url}"
    ]
    for entry in parsed.entries:
        assert entry.updated_parsed and entry.id.startswith("http://")
