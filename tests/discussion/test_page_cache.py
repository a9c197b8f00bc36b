"""The article page stays cacheable: approving a comment purges it; personal views never stick."""

from __future__ import annotations

from pathlib import Path

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

    from dateline.core.pagecache import next_local_midnight
    from dateline.discussion import tokens

    def token_of(response) -> str:
        return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)

    # From a fixed time of day: a cached page ends at local midnight (its masthead's date), so
    # half an hour on from a start after 23:30 would find no copy to serve.
    start = next_local_midnight() + timedelta(hours=12)
    with time_machine.travel(start):
        for _ in range(3):  # the very first request of a site creates its settings rows
            first = client.get(article.url)
    rendered = token_of(first)
    with time_machine.travel(start + timedelta(minutes=30)):
        hit = client.get(article.url)
        assert hit["X-Dateline-Cache"] == "hit"
        served = token_of(hit)
        assert served != rendered
        assert tokens.read_form_token(served).age < 2  # stamped as it was served
        assert tokens.read_form_token(rendered).age > 1700
        too_fast = post(article, token=served)
        assert too_fast.status_code == 400
        assert "That was too fast" in too_fast.content.decode()
    with time_machine.travel(start + timedelta(minutes=30, seconds=10)):
        assert post(article, token=served).status_code == 303  # a person, 10 s later


def test_a_form_from_an_edge_copy_counts_from_when_the_reader_began_writing(
    article, client, post, settings
):
    """Edge mode (nginx, or a CDN) serves copies Dateline cannot re-stamp: the comment box's
    focus style loads /discussion/writing/, whose signed cookie says when writing began
    (decision 0005). A bot posting a stale token at once is stopped or held, a person is not."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from dateline.discussion import tokens
    from dateline.discussion.models import Comment
    from tests.discussion.conftest import aged_token

    settings.DATELINE_DISCUSSION_CACHED_FORMS = True
    from django.contrib.staticfiles import finders

    css = Path(finders.find("discussion/discussion.css")).read_text()
    assert 'textarea:focus { background-image: url("/discussion/writing/")' in css
    stale = aged_token(article, seconds=1800)  # as an edge copy rendered 30 minutes ago holds

    # No stamp at all: the comment is kept, but a person decides.
    unstamped = post(
        article,
        token=stale,
        comment="Posted by something that never typed.",
        ip="203.0.113.1",
        email="a@example.org",
    )
    assert unstamped.status_code == 303
    held = Comment.objects.get(text="Posted by something that never typed.")
    assert held.status == "pending"
    assert any(r["check"] == "form_token" and r["action"] == "hold" for r in held.reasons)

    stamp = client.get("/discussion/writing/")
    assert stamp.status_code == 204 and "no-store" in stamp["Cache-Control"]
    assert tokens.WRITING_COOKIE in stamp.cookies
    from dateline.core.pagecache import DEFAULT_BYPASS_COOKIES

    assert tokens.WRITING_COOKIE not in DEFAULT_BYPASS_COOKIES  # the reader keeps edge copies
    too_fast = post(
        article,
        token=stale,
        comment="Began writing a moment ago.",
        ip="203.0.113.2",
        email="b@example.org",
    )
    assert too_fast.status_code == 400 and "That was too fast" in too_fast.content.decode()

    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        person = post(
            article,
            token=stale,
            comment="Began writing twenty seconds ago.",
            ip="203.0.113.3",
            email="c@example.org",
        )
    assert person.status_code == 303
    published = Comment.objects.get(text="Began writing twenty seconds ago.")
    assert not any(r["check"] == "form_token" for r in published.reasons)

    client.cookies[tokens.WRITING_COOKIE] = "forged"  # a made-up stamp counts as none
    forged = post(
        article,
        token=stale,
        comment="A forged stamp says nothing.",
        ip="203.0.113.4",
        email="d@example.org",
    )
    assert forged.status_code == 303
    assert Comment.objects.get(text="A forged stamp says nothing.").status == "pending"


def test_without_edge_mode_an_old_token_and_no_stamp_is_not_held(article, client, post, settings):
    """Pages Dateline serves itself are re-stamped (decision 0004): a reader who took half an
    hour over a comment, browser images off, is not held for it."""
    from dateline.discussion.models import Comment
    from tests.discussion.conftest import aged_token

    settings.DATELINE_EDGE_ROOT = None
    settings.DATELINE_DISCUSSION_CACHED_FORMS = None
    response = post(article, token=aged_token(article, seconds=1800), comment="Took my time.")
    assert response.status_code == 303
    comment = Comment.objects.get(text="Took my time.")
    assert not any(r["check"] == "form_token" for r in comment.reasons)
    # A quick reply typed just after focusing the box, on a page served a minute ago: the
    # token (stamped when served) is what counts here, not the writing stamp.
    client.get("/discussion/writing/")
    quick = post(
        article,
        token=aged_token(article, seconds=60),
        comment="Yes!",
        email="q@example.org",
        ip="203.0.113.9",
    )
    assert quick.status_code == 303
