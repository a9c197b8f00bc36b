"""Comment feeds: approved comments only, RSS and Atom, per article and site-wide."""

from __future__ import annotations

import feedparser
from django.urls import reverse

from dateline.discussion import services


def make(article, text, status="approved", email="r@example.org"):
    return services.create_comment(
        article, text=text, name="Reader", email=email, status=status, source="test"
    )


def test_feeds_carry_approved_comments_only(article, newsroom, client):
    visible = make(article, "Visible words https://example.org/")
    make(article, "Waiting words", status="pending", email="p@example.org")
    make(article, "Junk words", status="spam", email="s@example.org")
    other = newsroom.article(title="Elsewhere")
    make(other, "Other article words", email="o@example.org")

    for name in ("article_feed_rss", "article_feed_atom"):
        response = client.get(reverse(f"discussion:{name}", args=[article.pk]))
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        texts = " ".join(e.summary for e in parsed.entries)
        assert "Visible words" in texts
        assert "Waiting words" not in texts and "Junk words" not in texts
        assert "Other article words" not in texts
        assert parsed.entries[0].link.endswith(f"{article.url}#comment-{visible.pk}")

    for name in ("feed_rss", "feed_atom"):
        parsed = feedparser.parse(client.get(reverse(f"discussion:{name}")).content)
        assert {e.title for e in parsed.entries} == {
            "Reader on Floods reach the capital",
            "Reader on Elsewhere",
        }


def test_a_control_character_does_not_break_the_feed(article, client):
    comment = make(article, "fine")
    type(comment).objects.filter(pk=comment.pk).update(
        text="bell \x07 and form feed \x0c here", name="Ctrl\x1bName"
    )
    for name in ("feed_rss", "feed_atom"):
        response = client.get(reverse(f"discussion:{name}"))
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        assert "bell  and form feed  here" in parsed.entries[0].summary


def test_feeds_of_unknown_or_unpublished_articles_are_404(newsroom, client):
    draft = newsroom.article(title="Draft", publish=False)
    assert client.get(reverse("discussion:article_feed_rss", args=[draft.pk])).status_code == 404
    assert client.get("/discussion/99999/feed/atom/").status_code == 404


def test_the_article_page_links_its_comment_feeds(article, client):
    html = client.get(article.url).content.decode()
    assert reverse("discussion:article_feed_rss", args=[article.pk]) in html
