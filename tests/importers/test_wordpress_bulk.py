"""The import's bulk path: new published posts are written a batch at a time, and are the same
valid, searchable, editable Wagtail pages as those Wagtail's own machinery makes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from dateline.discussion.models import Comment
from dateline.importers.models import ImportedItem
from dateline.importers.wordpress import batch
from dateline.news import services
from dateline.news.models import ArticlePage, SectionPage

from .wordpress_helpers import HARBOUR, counts_line, offline_embeds, run_import

__all__ = ["offline_embeds"]  # fixture used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offline_embeds")]

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Quay Times</title><link>https://quay.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://quay.example</wp:base_site_url>
<wp:author><wp:author_login>ed</wp:author_login>
 <wp:author_display_name>Ed Itor</wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>harbour</wp:category_nicename>
 <wp:cat_name>Harbour</wp:cat_name></wp:category>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>town</wp:category_nicename>
 <wp:cat_name>Town</wp:cat_name></wp:category>
"""
START = datetime(2012, 5, 1, 8, 0, tzinfo=UTC)


def comment(n: int, parent: int, when: datetime) -> str:
    stamp = when.strftime("%Y-%m-%d %H:%M:%S")
    return f"""<wp:comment><wp:comment_id>{n}</wp:comment_id>
<wp:comment_author>Reader {n}</wp:comment_author>
<wp:comment_author_email>reader{n}@example.org</wp:comment_author_email>
<wp:comment_author_IP>192.0.2.{n % 250}</wp:comment_author_IP>
<wp:comment_date_gmt>{stamp}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[<p>Comment {n} &amp; more.</p>]]></wp:comment_content>
<wp:comment_approved>{"1" if n % 4 else "0"}</wp:comment_approved>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def post(n: int, *, status="publish", category="harbour", comments=3, title="", text="") -> str:
    when = START + timedelta(days=n)
    stamp = when.strftime("%Y-%m-%d %H:%M:%S")
    thread = "".join(
        comment(n * 100 + k, n * 100 + k - 1 if k % 3 == 2 else 0, when + timedelta(hours=k))
        for k in range(1, comments + 1)
    )
    return f"""<item><title>{title or f"Quay story {n}"}</title>
<link>https://quay.example/{when:%Y/%m/%d}/quay-story-{n}/</link>
<dc:creator>ed</dc:creator><guid isPermaLink="false">https://quay.example/?p={n}</guid>
<content:encoded><![CDATA[<p>{text or f"The tide came in {n} times."}</p>]]></content:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>{stamp}</wp:post_date_gmt>
<wp:post_name>quay-story-{n}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type><wp:comment_status>open</wp:comment_status>
<category domain="category" nicename="{category}"><![CDATA[{category.title()}]]></category>
{thread}</item>
"""


def export(tmp_path, items: list[str], name="quay.xml"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(items) + "</channel></rss>\n", encoding="utf-8")
    return path


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of four posts, so that a dozen posts take several."""
    monkeypatch.setattr(batch, "MAX_POSTS", 4)


def twelve_posts(tmp_path):
    return export(
        tmp_path, [post(n, category="harbour" if n % 3 else "town") for n in range(1, 13)]
    )


def snapshot():
    return {
        "pages": Page.objects.count(),
        "comments": Comment.objects.count(),
        "redirects": Redirect.objects.count(),
        "ledger": ImportedItem.objects.count(),
    }


def test_new_published_posts_are_written_in_bulk_as_valid_pages(tmp_path, client, small_batches):
    stdout, stderr = run_import(twelve_posts(tmp_path))
    assert counts_line(stdout, "articles") == [12, 0, 0, 0, 0]
    assert counts_line(stdout, "comments") == [36, 0, 0, 0, 0]
    assert stderr.rstrip().endswith("15/15")  # the progress line counts every record
    articles = ArticlePage.objects.order_by("first_published_at")
    assert all(a.latest_revision_id is None for a in articles)  # the bulk path, not Wagtail's
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.filter(title__in=["Harbour", "Town"]):
        expected = 8 if section.slug == "harbour" else 4
        assert section.numchild == section.get_children().count() == expected
    story = articles.first()
    assert story.title == "Quay story 1" and story.first_published_at == START + timedelta(days=1)
    assert story.url_path.endswith("/harbour/quay-story-1/")
    assert [b.author.title for b in story.bylines.all()] == ["Ed Itor"]
    response = client.get(story.url)
    assert response.status_code == 200 and "The tide came in 1 times." in response.content.decode()
    assert client.get("/2012/05/02/quay-story-1/")["Location"] == story.url
    assert client.get("/?p=1")["Location"] == story.url


def test_comments_written_in_bulk_keep_threads_statuses_dates_and_encrypted_emails(tmp_path):
    run_import(export(tmp_path, [post(1, comments=6)]))
    comments = {c.name: c for c in Comment.objects.all()}
    assert comments["Reader 102"].parent == comments["Reader 101"]
    assert comments["Reader 105"].parent == comments["Reader 104"]
    assert comments["Reader 105"].root == comments["Reader 104"]
    assert (
        comments["Reader 104"].status == "pending" and comments["Reader 101"].status == "approved"
    )
    assert comments["Reader 101"].created_at == START + timedelta(days=1, hours=1)
    assert comments["Reader 101"].text == "Comment 101 & more."
    assert comments["Reader 101"].email == "reader101@example.org"
    assert "reader101" not in comments["Reader 101"].email_encrypted
    assert comments["Reader 101"].events.get().action == "wordpress"


def test_search_finds_an_imported_article(tmp_path):
    run_import(export(tmp_path, [post(1), post(2, title="Lighthouse keeper retires")]))
    found = ArticlePage.objects.live().search("lighthouse")
    assert [a.title for a in found] == ["Lighthouse keeper retires"]


def test_an_imported_article_is_edited_and_republished_and_a_later_export_keeps_the_edit(
    tmp_path,
):
    run_import(export(tmp_path, [post(1), post(2)]))
    edited = services.revise_article(
        ArticlePage.objects.get(title="Quay story 1"), standfirst="The editor's standfirst."
    )
    assert edited.live and edited.latest_revision_id and edited.standfirst.startswith("The editor")
    assert edited.first_published_at == START + timedelta(days=1)
    later = export(
        tmp_path,
        [post(1, text="Changed in WordPress."), post(2, text="Also changed in WordPress.")],
        name="later.xml",
    )
    stdout, _ = run_import(later)
    assert "changed in WordPress and edited in Dateline since" in stdout
    assert counts_line(stdout, "articles")[:4] == [0, 1, 0, 1]
    kept = ArticlePage.objects.get(pk=edited.pk)
    assert "Changed in WordPress" not in str(kept.body[0].value.source)
    # The untouched one (written without a revision) follows WordPress, as a new revision.
    updated = ArticlePage.objects.get(title="Quay story 2")
    assert "Also changed in WordPress." in str(updated.body[0].value.source)
    assert updated.live and updated.revisions.count() == 1
    assert Page.find_problems() == ([], [], [], [], [])


def test_running_again_changes_nothing(tmp_path, small_batches):
    path = twelve_posts(tmp_path)
    run_import(path)
    before = snapshot()
    stdout, _ = run_import(path)
    assert snapshot() == before
    assert counts_line(stdout, "articles") == [0, 0, 12, 0, 0]
    assert counts_line(stdout, "comments") == [0, 0, 36, 0, 0]


def test_new_comments_on_posts_imported_before_join_their_threads(tmp_path):
    run_import(export(tmp_path, [post(1, comments=2)]))
    stdout, _ = run_import(export(tmp_path, [post(1, comments=3)], name="later.xml"))
    assert counts_line(stdout, "comments")[:3] == [1, 0, 2]
    reply = Comment.objects.get(name="Reader 102")
    assert reply.parent.name == "Reader 101" and reply.depth == 2


def test_a_failure_while_writing_a_batch_keeps_the_rest_and_reports_the_broken_post(
    tmp_path, monkeypatch
):
    real = batch.bulk.create_articles

    def refuses_the_broken_one(items, **kwargs):
        if any(item.title == "Broken" for item in items):
            raise IntegrityError("simulated database refusal")
        return real(items, **kwargs)

    monkeypatch.setattr(batch.bulk, "create_articles", refuses_the_broken_one)
    items = [post(1), post(2, title="Broken"), post(3)]
    stdout, _ = run_import(export(tmp_path, items))
    assert counts_line(stdout, "articles") == [2, 0, 0, 0, 1]
    assert "IntegrityError: simulated database refusal" in stdout
    assert "post 2 'Broken'" in stdout
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {
        "Quay story 1",
        "Quay story 3",
    }
    assert Comment.objects.count() == 6  # the broken post's comments went with it
    assert Page.find_problems() == ([], [], [], [], [])
    monkeypatch.setattr(batch.bulk, "create_articles", real)
    stdout, _ = run_import(export(tmp_path, items))  # fixed: the next run brings it in
    assert counts_line(stdout, "articles") == [1, 0, 2, 0, 0]
    assert Comment.objects.count() == 9


def test_bulk_and_wagtail_written_articles_share_a_section(tmp_path, small_batches):
    items = [post(n, status="draft" if n % 3 == 0 else "publish") for n in range(1, 11)]
    stdout, _ = run_import(export(tmp_path, items))
    assert counts_line(stdout, "articles") == [10, 0, 0, 0, 0]
    harbour = SectionPage.objects.get(slug="harbour")
    assert harbour.numchild == harbour.get_children().count() == 10
    assert Page.find_problems() == ([], [], [], [], [])
    drafts = ArticlePage.objects.filter(live=False)
    assert drafts.count() == 3 and all(d.latest_revision_id for d in drafts)  # Wagtail's path
    author = drafts[0].bylines.get().author
    services.create_article(harbour, title="By hand", standfirst="Here.", bylines=[(author, "")])
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_page_cache_is_purged_once_when_the_import_ends_not_once_per_article(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from dateline.core import pagecache

    purged = []
    monkeypatch.setattr(pagecache, "purge", lambda *tags, hard=False: purged.append(tags))
    with django_capture_on_commit_callbacks(execute=True):
        run_import(twelve_posts(tmp_path))
    # New sections changed the menu: the one purge, at the end, is the whole site.
    assert purged == [("site",)]
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_import(HARBOUR)  # published, draft, private and protected posts among others
    assert purged == [("site",)]
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_import(HARBOUR, "--dry-run")
    assert purged == []  # a dry run changes nothing, so it purges nothing
