"""The WordPress import against real exports: the Theme Unit Test data and the samples of the
WordPress importer's own test suite (../shared/corpora/wxr)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management.base import CommandError

from dateline.discussion.models import Comment as DiscussionComment
from dateline.importers.models import ImportedItem
from dateline.importers.wxr import Author, Category, Post, Tag, WXRReader
from dateline.news.models import ArticlePage, HomePage, InfoPage
from tests.corpora import corpus_names, corpus_path

from .wordpress_helpers import counts_line, offline_embeds, run_import

__all__ = ["offline_embeds"]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.corpora,
    pytest.mark.usefixtures("offline_embeds"),
]
THEME = ("wxr", "themeunittestdata.wordpress.xml")


def records(path):
    with WXRReader(path) as reader:
        return list(reader)


def ledger(kind: str) -> dict[str, ImportedItem]:
    return {row.external_id: row for row in ImportedItem.objects.filter(kind=kind)}


def test_theme_unit_test_data_arrives_whole_with_threads_statuses_and_dates():
    path = corpus_path(*THEME)
    stdout, _ = run_import(path)
    found = records(path)
    posts = [r for r in found if isinstance(r, Post) and r.post_type in ("post", "page")]
    assert len(posts) == 72
    articles, pages = ledger("articles"), ledger("pages")
    for post in posts:
        rows = articles if post.post_type == "post" else pages
        row = rows[str(post.post_id)]
        assert row.guid == post.guid
        assert row.target is not None, post.title
    # Two pairs of different posts share a guid; all four are there. Pages are plain pages.
    page_count = sum(p.post_type == "page" for p in posts)
    assert ArticlePage.objects.count() == 72 - page_count
    assert InfoPage.objects.count() == page_count
    assert {c.nicename for c in found if isinstance(c, Category)} <= set(ledger("section"))
    assert {f"tag:{t.slug}" for t in found if isinstance(t, Tag)} <= set(ledger("topic"))
    assert {a.login for a in found if isinstance(a, Author)} <= set(ledger("author"))
    # The item whose pubDate has a five-digit year is kept, dated from post_date_gmt.
    assert "'Mon, 16 Jun 20081 21:47:17 +0000' is not a date; left empty (item kept)" in stdout
    for post in posts:
        if post.status == "publish":
            first = articles.get(str(post.post_id)) or pages[str(post.post_id)]
            assert first.target.first_published_at == post.post_date_gmt, post.title

    comments = {(p.post_id, c.comment_id): c for p in posts for c in p.comments}
    assert len(comments) == 32
    # Every one, those on plain pages included (shown under the page, closed).
    stored = ledger("comment")
    assert len(stored) == 32
    by_pk = DiscussionComment.objects.in_bulk([row.object_id for row in stored.values()])
    external_of = {row.object_id: key for key, row in stored.items()}
    replies = 0
    for (post_id, comment_id), wxr in comments.items():
        comment = by_pk[stored[f"{post_id}:{comment_id}"].object_id]
        assert comment.status == wxr.status
        assert comment.created_at == wxr.date_gmt
        if wxr.parent_id:
            replies += 1
            assert external_of[comment.parent_id] == f"{post_id}:{wxr.parent_id}"
        else:
            assert comment.parent_id is None
    assert replies == sum(bool(c.parent_id) for c in comments.values()) == 10
    assert counts_line(stdout, "comments") == [32, 0, 0, 0, 0]
    assert counts_line(stdout, "articles")[4] == counts_line(stdout, "pages")[4] == 0
    assert "18 × the same post appears twice" not in stdout
    assert "navigation menu items are not imported" in stdout


def test_theme_unit_test_old_addresses_redirect_and_a_second_run_changes_nothing(client):
    path = corpus_path(*THEME)
    first, _ = run_import(path)
    posts = [r for r in records(path) if isinstance(r, Post) and r.post_type in ("post", "page")]
    targets = {**ledger("articles"), **ledger("pages")}
    for post in posts:
        page = targets[str(post.post_id)].target
        key = "page_id" if post.post_type == "page" else "p"
        response = client.get(f"/?{key}={post.post_id}")
        assert response.status_code == 301 and response["Location"] == page.url, post.title
        old = urlsplit(post.link)
        if old.path.strip("/") and not old.query:
            response = client.get(re.sub("/+", "/", old.path))
            if unquote(re.sub("/+", "/", old.path)) == unquote(page.url):
                # A plain page kept its WordPress address: served there, no redirect.
                assert response.status_code == 200, post.link
                continue
            assert response.status_code == 301, post.link
            assert response["Location"] == page.url, post.link
    second, _ = run_import(path)
    for kind in ("articles", "pages", "comments", "authors", "sections", "topics", "redirects"):
        before, after = counts_line(first, kind), counts_line(second, kind)
        assert after[0] == 0 and after[4] == 0, kind
        if kind in ("articles", "pages", "comments", "redirects"):  # one report per item
            assert after[2] == before[0] + before[2], kind


def test_theme_unit_test_nested_pages_keep_their_hierarchy_and_old_addresses(client):
    run_import(corpus_path(*THEME))
    level3 = InfoPage.objects.get(title="Level 3")
    level2 = level3.get_parent().specific
    level1 = level2.get_parent().specific
    assert (level2.title, level1.title) == ("Level 2", "Level 1")
    assert isinstance(level1.get_parent().specific, HomePage)
    assert level3.url == "/level-1/level-2/level-3/"
    assert client.get(level3.url).status_code == 200
    # Level 3 (id 172) comes before its parent (173) in the export: imported after it anyway.
    response = client.get("/?page_id=172")
    assert response.status_code == 301 and response["Location"] == level3.url
    page_b = InfoPage.objects.get(title="Page B")
    assert isinstance(page_b.get_parent().specific, HomePage)
    clearing = InfoPage.objects.get(title="Clearing Floats")
    assert clearing.get_parent().specific.title == "About The Tests"
    assert client.get("/?p=501")["Location"] == clearing.url == "/about/clearing-floats/"


@pytest.mark.parametrize("name", corpus_names("wxr", "wordpress-importer", pattern="*.xml"))
def test_each_wordpress_importer_sample_imports_or_is_refused_with_a_reason(name):
    path = corpus_path("wxr", "wordpress-importer", name)
    try:
        stdout, _ = run_import(path)
    except CommandError as refused:
        message = str(refused)
        assert message.startswith(name)
        assert "refused" in message or "damaged" in message
    else:
        assert "WordPress import of" in stdout
        assert "Traceback" not in stdout


def test_a_sample_with_a_broken_tag_is_refused_and_says_where():
    path = corpus_path("wxr", "wordpress-importer", "malformed.xml")
    with pytest.raises(CommandError, match="not well-formed XML at line 90"):
        run_import(path)
    assert ArticlePage.objects.count() == 0


def test_a_sample_damaged_after_its_header_keeps_nothing_half_read_and_says_so():
    path = corpus_path("wxr", "wordpress-importer", "crazy-cdata.xml")
    with pytest.raises(CommandError, match="damaged at line 18"):
        run_import(path)


def test_a_sample_without_a_version_is_refused():
    path = corpus_path("wxr", "wordpress-importer", "missing-version-tag.xml")
    with pytest.raises(CommandError, match="no <wp:wxr_version>"):
        run_import(path)
