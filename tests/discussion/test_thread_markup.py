"""A thread that grows by one reply renders that one comment, not the whole thread again (the
render that stands between an approval and its readers in a comment storm); what it shows is
the same, and a reader's own pending comment is never kept."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test.signals import template_rendered
from django.utils import timezone

from dateline.discussion import services, thread_markup
from dateline.discussion.models import Comment

COMMENT_TEMPLATE = "discussion/includes/comment.html"


@pytest.fixture(autouse=True)
def nothing_kept():
    thread_markup.KEPT.entries.clear()
    yield
    thread_markup.KEPT.entries.clear()


def approved(article, text, parent=None, minutes=0):
    return services.create_comment(
        article,
        text=text,
        name="Reader",
        email="reader@example.org",
        parent=parent,
        created_at=timezone.now() - timedelta(minutes=1000 - minutes),
        source="test",
    )


@contextmanager
def comment_renders():
    """The comments whose markup was rendered from the template meanwhile."""
    rendered = []

    def count(sender, template, context, **kwargs):
        if template.name == COMMENT_TEMPLATE:
            rendered.append(context["comment"].pk)

    template_rendered.connect(count)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(count)


def discussion_of(html: str) -> str:
    return html[html.index('<section class="discussion"') : html.index('<div id="respond"')]


def test_a_new_reply_renders_that_one_comment_not_the_whole_thread(article, client):
    top = approved(article, "Live: the bridge is closed")
    replies = [approved(article, f"Update {n}", parent=top, minutes=n + 1) for n in range(6)]
    with comment_renders() as rendered:
        client.get(article.url)
    assert sorted(rendered) == sorted([top.pk, *(r.pk for r in replies)])

    latest = approved(article, "Update 6: reopened", parent=top, minutes=10)
    with comment_renders() as rendered:
        html = client.get(article.url).content.decode()
    assert rendered == [latest.pk]
    assert html.count('class="children"') == 1
    assert html.index("Update 5") < html.index("Update 6: reopened") < html.index('id="respond"')


def test_a_thread_joined_from_kept_markup_is_the_thread_rendered_afresh(article, client):
    top = approved(article, "Top <b>comment</b> www.example.org")
    reply = approved(article, "A reply", parent=top, minutes=1)
    approved(article, "A reply to the reply", parent=reply, minutes=2)
    approved(article, "Second thread", minutes=3)
    client.get(article.url)  # every comment kept
    approved(article, "One more", parent=top, minutes=4)
    joined = discussion_of(client.get(article.url).content.decode())

    thread_markup.KEPT.entries.clear()
    caches["default"].clear()  # the whole-thread fragment too: everything rendered afresh
    assert discussion_of(client.get(article.url).content.decode()) == joined
    assert joined.count('class="children"') == 2
    assert "&lt;b&gt;comment&lt;/b&gt;" in joined


def test_a_changed_comment_is_rendered_again(article, client):
    top = approved(article, "Before the correction")
    client.get(article.url)
    Comment.objects.filter(pk=top.pk).update(text="After the correction")
    html = client.get(article.url).content.decode()
    assert "After the correction" in html and "Before the correction" not in html


def test_a_readers_own_pending_comment_is_never_kept(article, rules, post, client):
    rules.hold_first_time = True
    rules.save()
    approved(article, "Already there")
    response = post(article, comment="My own words, awaiting a moderator")
    assert response.status_code == 303
    page = client.get(article.url).content.decode()  # the poster's own cookie
    assert "My own words, awaiting a moderator" in page
    kept = "".join(before + after for before, after in thread_markup.KEPT.entries.values())
    assert "Already there" in kept
    assert "My own words" not in kept
