"""The article page stays cacheable: approving a comment purges it; personal views never stick."""

from __future__ import annotations

import pytest

from dateline.discussion import services


@pytest.fixture
def page_cache(settings):
    settings.DATELINE_PAGE_CACHE = True


def test_approving_a_comment_purges_the_cached_article(
    article, client, page_cache, django_capture_on_commit_callbacks
):
    for _ in range(3):  # the very first request of a site creates its settings rows
        response = client.get(article.url)
    assert response["X-Dateline-Cache"] == "hit"
    comment = services.create_comment(
        article, text="Fresh words", name="N", email="n@example.org", status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(comment, "approve")
    fresh = client.get(article.url)
    assert fresh.get("X-Dateline-Cache") != "hit"
    assert "Fresh words" in fresh.content.decode()


def test_a_readers_own_view_is_never_cached_for_others(
    article, client, post, page_cache, django_capture_on_commit_callbacks, hold_first
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        post(article, comment="Only mine for now")
    own = client.get(article.url)
    assert "Only mine for now" in own.content.decode()
    assert "no-store" in own["Cache-Control"]
    stranger = Client()
    for _ in range(2):
        assert "Only mine for now" not in stranger.get(article.url).content.decode()


def test_comment_feeds_are_purged_when_a_comment_is_approved(
    article, client, page_cache, django_capture_on_commit_callbacks
):
    client.get("/discussion/feed/rss/")
    comment = services.create_comment(
        article, text="Feed words", name="N", email="n@example.org", status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(comment, "approve")
    assert b"Feed words" in client.get("/discussion/feed/rss/").content


@pytest.mark.django_db
def test_thread_fragment_is_reused_until_a_comment_changes(client, newsroom):
    from unittest import mock

    from dateline.discussion.models import Comment
    from dateline.discussion.services.posting import create_comment
    from dateline.discussion.templatetags import discussion_tags

    article = newsroom.article(title="Fragment story")
    create_comment(article, text="First approved words", name="Ann", email="ann@example.org")
    assert "First approved words" in client.get(article.url).content.decode()
    renders = mock.patch.object(
        discussion_tags, "render_to_string", wraps=discussion_tags.render_to_string
    )
    with renders as render:
        assert "First approved words" in client.get(article.url).content.decode()
        assert render.call_count == 0  # the thread came from the fragment cache
        Comment.objects.filter(page=article).update(text="Edited in the database")
        assert "Edited in the database" in client.get(article.url).content.decode()
        create_comment(article, text="Second words", name="Bo", email="bo@example.org")
        assert "Second words" in client.get(article.url).content.decode()
        assert render.call_count == 2


def test_a_cached_pages_form_token_counts_from_when_the_reader_got_the_page(
    article, client, page_cache, post
):
    """The time trap: a bot that loads a page cached half an hour ago and posts at once must
    meet the fill-time check as on a freshly rendered page (decision 0004)."""
    import re
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from dateline.discussion import tokens

    def token_of(response) -> str:
        return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)

    for _ in range(3):  # the very first request of a site creates its settings rows
        first = client.get(article.url)
    rendered = token_of(first)
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        hit = client.get(article.url)
        assert hit["X-Dateline-Cache"] == "hit"
        served = token_of(hit)
        assert served != rendered
        assert tokens.read_form_token(served).age < 2  # stamped as it was served
        assert tokens.read_form_token(rendered).age > 1700
        too_fast = post(article, token=served)
        assert too_fast.status_code == 400
        assert "That was too fast" in too_fast.content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=30, seconds=10)):
        assert post(article, token=served).status_code == 303  # a person, 10 s later
