"""Specifications for `dateline import wordpress`: a small hand-written export of a newsroom."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, WorkflowState

from dateline.discussion.models import Comment
from dateline.importers.models import ImportedItem
from dateline.news.models import (
    ArticlePage,
    AuthorPage,
    CommentPolicy,
    HomePage,
    InfoPage,
    SectionPage,
    TopicPage,
)
from dateline.news.queries import public_articles

from .wordpress_helpers import HARBOUR, counts_line, offline_embeds, run_import, uploads

__all__ = ["offline_embeds", "uploads"]  # fixtures used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offline_embeds")]


def article(title: str) -> ArticlePage:
    return ArticlePage.objects.get(title=title)


def comments_of(page) -> dict[str, Comment]:
    return {c.name: c for c in Comment.objects.filter(page=page)}


# --- what becomes what ------------------------------------------------------------------------


def test_published_post_keeps_its_date_author_section_topics_and_lead_image(uploads):
    run_import(HARBOUR, "--uploads", str(uploads))
    story = article("Storm closes the harbour")
    assert story.live
    assert story.first_published_at == datetime(2024, 3, 14, 8, 30, tzinfo=UTC)
    assert story.slug == "storm-closes-the-harbour"
    assert [b.author.title for b in story.bylines.all()] == ["Amina Diallo"]
    assert story.get_parent().specific.title == "Quays & Docks"
    # The second category becomes a topic so the story still says it belongs there.
    assert {t.title for t in story.topics.all()} == {"Storms", "Sport"}
    assert story.lead_image.title == "Harbour at dawn"
    assert story.lead_image.description == "Fishing boats moored in the harbour"
    assert story.lead_image_caption == "The harbour at dawn, before the storm."
    assert story.standfirst.startswith("Gusts of 110 km/h closed the harbour on Thursday.")


def test_body_keeps_headings_lists_quotes_links_images_and_embeds_and_drops_scripts(uploads):
    run_import(HARBOUR, "--uploads", str(uploads))
    story = article("Storm closes the harbour")
    kinds = [block.block_type for block in story.body]
    assert kinds == ["paragraph", "image", "paragraph", "embed", "paragraph"]
    html = "".join(str(b.value.source) for b in story.body if b.block_type == "paragraph")
    assert "<b>110 km/h</b>" in html and "<br/>" in html
    assert "<h2>What the council said</h2>" in html
    assert "<blockquote>We will reopen when it is safe.</blockquote>" in html
    assert "<li>Ferries cancelled</li>" in html
    assert '<a href="https://council.example/notice">council notice</a>' in html
    assert "script" not in html and "javascript" not in html and "onclick" not in html
    image = story.body[1].value
    assert image["image"] == story.lead_image  # the resized copy in the body is the same file
    assert image["caption"] == "The harbour before the storm."
    assert image["credit"] == "The Harbour Post"
    assert story.body[3].value.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_an_imported_story_renders_with_its_threaded_comments(client, uploads):
    run_import(HARBOUR, "--uploads", str(uploads))
    response = client.get(article("Storm closes the harbour").url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Storm closes the harbour" in page
    assert "Stay safe, everyone." in page and "Thanks, Ada." in page
    assert "Waiting for moderation." not in page and "Buy now!" not in page


def test_comments_keep_threads_dates_and_statuses():
    run_import(HARBOUR)
    comments = comments_of(article("Storm closes the harbour"))
    assert len(comments) == 9
    assert comments["Ben"].parent == comments["Ada"]
    assert comments["Cy"].parent == comments["Ben"] and comments["Cy"].depth == 3
    assert comments["Eve"].parent == comments["Fay"]  # the reply came first in the file
    assert comments["Orphan"].parent is None  # its parent is not in the export
    statuses = {name: c.status for name, c in comments.items()}
    assert statuses["Ada"] == statuses["Quayside Blog"] == "approved"
    assert (statuses["Cy"], statuses["Cheap Pills"], statuses["Dan"]) == (
        "pending",
        "spam",
        "trash",
    )
    assert comments["Ada"].created_at == datetime(2024, 3, 14, 9, 0, tzinfo=UTC)
    assert (
        comments["Ada"].text
        == "Stay safe, everyone.\n\nSee the warnings (https://met.example/warnings)."
    )
    assert comments["Ada"].email == "ada@example.org"
    assert comments["Ada"].email_encrypted and "ada@" not in comments["Ada"].email_encrypted
    assert comments["Ben"].website == ""  # "not a website" was not kept
    assert comments["Dan"].email == ""  # not an address
    assert comments["Quayside Blog"].email == "" and comments["Quayside Blog"].email_index == ""


def test_each_wordpress_state_becomes_the_matching_dateline_state():
    stdout, _ = run_import(HARBOUR)
    draft = article("Council budget: first draft")
    assert not draft.live and draft.first_published_at is None
    pending = article("Ferry timetable changes")
    assert not pending.live
    assert WorkflowState.objects.filter(
        object_id=str(pending.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    scheduled = article("Election night live")
    assert not scheduled.live
    assert scheduled.go_live_at == datetime(2099, 5, 1, 20, 0, tzinfo=UTC)
    assert scheduled.status_string == "scheduled"
    private = article("Newsroom staff notes")
    assert private.live and not private.comments_enabled
    # Created with its comments closed: one revision, not a second one just to close them.
    assert private.revisions.count() == 1
    # WordPress's comment_status is kept: closed stays closed whatever the story's age; open
    # follows the site's rule (as WordPress's own "close comments on older articles" would).
    assert private.comment_policy == CommentPolicy.CLOSED
    assert article("Regatta report from 2009").comment_policy == CommentPolicy.CLOSED
    assert article("Storm closes the harbour").comment_policy == CommentPolicy.DEFAULT
    assert PageViewRestriction.objects.get(page=private).restriction_type == "login"
    protected = article("Embargoed: port figures")
    restriction = PageViewRestriction.objects.get(page=protected)
    assert (restriction.restriction_type, restriction.password) == ("password", "embargo")
    public = set(public_articles().values_list("title", flat=True))
    assert public == {"Storm closes the harbour", "Regatta report from 2009"}
    assert not ArticlePage.objects.filter(title="Binned story").exists()
    assert "the post is in WordPress's trash state" in stdout


def test_private_and_password_posts_are_not_shown_to_readers(client):
    run_import(HARBOUR)
    assert client.get(article("Newsroom staff notes").url).status_code == 302  # to the login
    response = client.get(article("Embargoed: port figures").url)
    assert "Tonnage was up 4%" not in response.content.decode()


def test_pages_become_plain_pages_under_the_front_page_with_their_images_and_embeds(
    uploads, client
):
    stdout, _ = run_import(HARBOUR, "--uploads", str(uploads))
    about = InfoPage.objects.get(title="About us")
    assert isinstance(about.get_parent().specific, HomePage)
    assert about.live and about.url == "/about/"
    assert [b.block_type for b in about.body] == ["paragraph", "image", "embed"]
    assert about.body[1].value["caption"] == "Our view."
    assert about.body[2].value.url == "https://vimeo.com/76979871"
    assert not ArticlePage.objects.filter(title="About us").exists()
    assert not SectionPage.objects.filter(title="Pages").exists()
    assert counts_line(stdout, "pages")[0] == 1
    # Its permalink is its new address: no redirect to itself; the numeric forms lead to it.
    assert not Redirect.objects.filter(old_path="/about").exists()
    assert client.get("/?page_id=30")["Location"] == "/about/"
    assert client.get("/about/").status_code == 200


def test_two_posts_sharing_a_guid_both_arrive():
    run_import(HARBOUR)
    regatta = article("Regatta report from 2009")
    assert regatta.first_published_at == datetime(2009, 7, 4, 16, 0, tzinfo=UTC)
    assert regatta.get_parent().specific.title == "Sport"
    # Its author is not among the export's authors: one is made from the login.
    assert [b.author.title for b in regatta.bylines.all()] == ["someone-gone"]


def test_authors_categories_and_tags_arrive_once_each():
    stdout, _ = run_import(HARBOUR)
    assert set(AuthorPage.objects.values_list("title", flat=True)) == {
        "Amina Diallo",
        "Luc Martin",
        "someone-gone",
    }
    sections = set(SectionPage.objects.values_list("title", flat=True))
    assert {"News", "Quays & Docks", "Sport"} <= sections
    assert "Pages" not in sections
    assert {"Storms", "Council"} <= set(TopicPage.objects.values_list("title", flat=True))
    assert "navigation menu items are not imported" in stdout
    assert "terms of the nav_menu taxonomy are not imported" in stdout


def test_create_users_makes_accounts_that_cannot_log_in():
    run_import(HARBOUR, "--create-users")
    user = get_user_model().objects.get(username="amina")
    assert (user.email, user.first_name, user.last_name) == (
        "amina@harbour.example",
        "Amina",
        "Diallo",
    )
    assert not user.has_usable_password()


def test_categories_can_become_topics_with_every_post_in_one_section():
    run_import(HARBOUR, "--categories-as", "topics", "--section", "Archive")
    story = article("Storm closes the harbour")
    assert story.get_parent().specific.title == "Archive"
    assert {"Quays & Docks", "Sport", "Storms"} <= {t.title for t in story.topics.all()}
    assert not SectionPage.objects.filter(title="Quays & Docks").exists()


def test_sub_categories_can_file_under_their_top_level_section():
    run_import(HARBOUR, "--section-parent", "top")
    story = article("Storm closes the harbour")
    assert story.get_parent().specific.title == "News"
    assert "Quays & Docks" in {t.title for t in story.topics.all()}
    assert not SectionPage.objects.filter(title="Quays & Docks").exists()


def test_existing_sections_and_topics_are_reused_not_duplicated(newsroom):
    from dateline.news import services

    sport = services.create_section("Sport")
    run_import(HARBOUR)
    assert SectionPage.objects.filter(slug="sport").count() == 1
    assert article("Regatta report from 2009").get_parent().pk == sport.pk


# --- old addresses --------------------------------------------------------------------------


def test_old_permalinks_redirect_permanently_to_the_new_pages(client):
    run_import(HARBOUR)
    story = article("Storm closes the harbour")
    response = client.get("/2024/03/14/storm-closes-the-harbour/")
    assert response.status_code == 301
    assert response["Location"] == story.url
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/about/").status_code == 200  # the plain page kept its address
    assert client.get("/category/news/quays/")["Location"] == story.get_parent().url
    assert client.get("/tag/storms/")["Location"] == TopicPage.objects.get(title="Storms").url
    assert client.get("/author/amina/").status_code == 301


def test_query_links_on_the_front_page_redirect_too(client):
    run_import(HARBOUR)
    story = article("Storm closes the harbour")
    for old in ("/?p=20", "/?p=20&utm_source=feed", "/?attachment_id=10"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == story.url
    assert client.get("/?page_id=30")["Location"] == InfoPage.objects.get(title="About us").url
    assert client.get("/?p=12345").status_code == 200  # unknown: the front page, as before


def test_attachment_pages_and_files_redirect(client, uploads):
    run_import(HARBOUR, "--uploads", str(uploads))
    story = article("Storm closes the harbour")
    response = client.get("/2024/03/14/storm-closes-the-harbour/harbour-at-dawn/")
    assert response["Location"] == story.url
    image = get_image_model().objects.get(title="Harbour at dawn")
    response = client.get("/wp-content/uploads/2024/03/harbour.png")
    assert response.status_code == 301 and response["Location"] == image.file.url


# --- running again, crashes, dry runs --------------------------------------------------------


def snapshot():
    return {
        "articles": ArticlePage.objects.count(),
        "comments": Comment.objects.count(),
        "authors": AuthorPage.objects.count(),
        "sections": SectionPage.objects.count(),
        "topics": TopicPage.objects.count(),
        "redirects": Redirect.objects.count(),
        "images": get_image_model().objects.count(),
        "ledger": ImportedItem.objects.count(),
    }


def test_a_second_import_changes_nothing_and_says_so(uploads):
    run_import(HARBOUR, "--uploads", str(uploads))
    before = snapshot()
    stdout, _ = run_import(HARBOUR, "--uploads", str(uploads))
    assert snapshot() == before
    for kind in ("articles", "pages", "comments", "authors", "redirects", "images"):
        created, updated, unchanged, _, failed = counts_line(stdout, kind)
        assert (created, updated, failed) == (0, 0, 0), kind
        assert unchanged > 0, kind
    assert counts_line(stdout, "articles")[2] == 7


def test_a_killed_import_finishes_on_the_next_run_without_duplicates(monkeypatch):
    from dateline.importers.wordpress import comments as step

    real = step.prepare_comment
    calls = {"n": 0}

    def dies_on_the_fourth_comment(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt  # the operator's ^C, or the process being killed
        return real(*args, **kwargs)

    monkeypatch.setattr(step, "prepare_comment", dies_on_the_fourth_comment)
    with pytest.raises(KeyboardInterrupt):
        run_import(HARBOUR)
    # The storm story was being written when the run died: none of it is left half-done.
    assert not ArticlePage.objects.filter(title="Storm closes the harbour").exists()
    assert Comment.objects.count() == 0
    monkeypatch.setattr(step, "prepare_comment", real)
    run_import(HARBOUR)
    after_resume = snapshot()
    comments = Comment.objects.filter(page=article("Storm closes the harbour"))
    assert comments.count() == 9
    assert ArticlePage.objects.filter(title="Storm closes the harbour").count() == 1
    run_import(HARBOUR)
    assert snapshot() == after_resume


def edited_export(tmp_path, *replacements):
    text = HARBOUR.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "later-export.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_post_changed_in_wordpress_since_is_updated_if_nobody_edited_it_here(tmp_path):
    run_import(HARBOUR)
    story = article("Storm closes the harbour")
    first_published, revisions = story.first_published_at, story.revisions.count()
    later = edited_export(
        tmp_path,
        ("<title><![CDATA[Storm closes the harbour]]>", "<title><![CDATA[Storm shuts port]]>"),
        ("The ferry did not sail.", "The ferry did not sail. Updated at noon."),
    )
    stdout, _ = run_import(later)
    assert counts_line(stdout, "articles")[:3] == [0, 1, 6]
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.title == "Storm shuts port" and story.live
    assert "Updated at noon." in str(story.body[0].value.source)
    assert story.first_published_at == first_published
    assert story.revisions.count() == revisions + 1
    assert Comment.objects.filter(page=story).count() == 9  # nothing doubled
    stdout, _ = run_import(later)
    assert counts_line(stdout, "articles")[:3] == [0, 0, 7]


def test_a_post_edited_in_dateline_is_not_overwritten_by_a_later_export(tmp_path):
    from dateline.news import services

    run_import(HARBOUR)
    story = services.revise_article(
        article("Storm closes the harbour"), standfirst="The editor's own standfirst."
    )
    later = edited_export(tmp_path, ("The ferry did not sail.", "The ferry stayed in port."))
    stdout, _ = run_import(later)
    assert "changed in WordPress and edited in Dateline since" in stdout
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.standfirst == "The editor's own standfirst."
    assert "stayed in port" not in str(story.body[0].value.source)


def test_a_draft_published_in_wordpress_since_is_published_with_its_date(tmp_path):
    run_import(HARBOUR)
    later = edited_export(
        tmp_path,
        (
            "<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>\n"
            "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
            "\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
            "\t\t<wp:post_name><![CDATA[]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[draft]]></wp:status>",
            "<wp:post_date_gmt><![CDATA[2024-03-16 07:00:00]]></wp:post_date_gmt>\n"
            "\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
            "\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
            "\t\t<wp:post_name><![CDATA[]]></wp:post_name>\n"
            "\t\t<wp:status><![CDATA[publish]]></wp:status>",
        ),
    )
    run_import(later)
    budget = article("Council budget: first draft")
    assert budget.live
    assert budget.first_published_at == datetime(2024, 3, 16, 7, 0, tzinfo=UTC)


def test_one_broken_item_is_reported_and_the_rest_imported(monkeypatch):
    from dateline.importers.wordpress import content as step

    real = step.to_blocks

    def breaks_on_the_regatta(html, context=None):
        if "Same guid" in html:
            raise RuntimeError("simulated failure")
        return real(html, context)

    monkeypatch.setattr(step, "to_blocks", breaks_on_the_regatta)
    stdout, _ = run_import(HARBOUR)
    assert "RuntimeError: simulated failure" in stdout
    assert counts_line(stdout, "articles")[4] == 1
    assert not ArticlePage.objects.filter(title="Regatta report from 2009").exists()
    assert ArticlePage.objects.filter(title="Storm closes the harbour").exists()
    monkeypatch.setattr(step, "to_blocks", real)
    stdout, _ = run_import(HARBOUR)  # fixed: the next run brings the missing one in
    assert counts_line(stdout, "articles")[0] == 1


def test_dry_run_reports_what_would_happen_and_writes_nothing(uploads):
    before = snapshot()
    stdout, _ = run_import(HARBOUR, "--dry-run", "--uploads", str(uploads))
    assert "Dry run: nothing was written" in stdout
    assert counts_line(stdout, "articles")[0] == 7
    assert counts_line(stdout, "comments")[0] == 9
    assert counts_line(stdout, "images")[0] == 1
    after = snapshot()
    assert {k: v for k, v in after.items() if k != "sections" and k != "topics"} == {
        k: v for k, v in before.items() if k != "sections" and k != "topics"
    }
    assert after["sections"] == before["sections"] and after["topics"] == before["topics"]
    assert not list(uploads.parent.glob("media/original_images/*"))


def test_progress_goes_to_stderr_and_the_summary_to_stdout():
    stdout, stderr = run_import(HARBOUR)
    assert "Importing items: " in stderr and stderr.rstrip().endswith("19/19")
    assert 'WordPress import of "The Harbour Post"' in stdout
    for word in ("created", "updated", "unchanged", "skipped", "failed"):
        assert word in stdout.splitlines()[1]


# --- refusing what must not be read --------------------------------------------------------


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "nope.xml")


def test_a_file_that_is_not_an_export_is_refused_with_the_parsers_reason(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<html><body>hello</body></html>")
    with pytest.raises(CommandError, match="not <rss>"):
        run_import(path)
    assert ArticlePage.objects.count() == 0


# --- hostile files -----------------------------------------------------------------------


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&f;</title><wp:post_id>1</wp:post_id></item></channel></rss>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&secret;</title><wp:post_id>1</wp:post_id></item></channel></rss>
"""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (BOMB, "DOCTYPE"),
        (EXTERNAL, "DOCTYPE"),
        ("this is not XML at all, just a text file\n" * 100, "not well-formed XML"),
        ("\x00\x01\x02binary" * 1000, "not well-formed XML"),
    ],
    ids=["entity-bomb", "external-entity", "text", "binary"],
)
def test_hostile_and_foreign_files_are_refused_in_under_a_second(tmp_path, content, reason):
    path = tmp_path / "export.xml"
    path.write_text(content, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(CommandError, match=reason):
        run_import(path)
    assert time.perf_counter() - started < 1.0
    assert ArticlePage.objects.count() == 0
    assert ImportedItem.objects.count() == 0


# --- pages ------------------------------------------------------------------------------------

PAGE = """<item><title>{title}</title><link>https://paper.example/blog/{path}</link>
<guid isPermaLink="false">https://paper.example/blog/?page_id={id}</guid>
<content:encoded><![CDATA[<p>{title}: what we do.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{id}</wp:post_id>
<wp:post_date_gmt>2020-02-02 10:00:00</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>
<wp:status>{status}</wp:status><wp:post_parent>{parent}</wp:post_parent>
<wp:post_type>page</wp:post_type><wp:post_password></wp:post_password></item>"""


def nested_pages_export(folder):
    """A blog that lived under /blog: a child page listed before its parent, and a draft."""
    pages = [  # title, path, id, slug, status, parent
        ("Our team", "about-the-paper/our-team/", 41, "our-team", "publish", 40),
        ("About the paper", "about-the-paper/", 40, "about-the-paper", "publish", 0),
        ("Jobs", "about-the-paper/jobs/", 42, "jobs", "draft", 40),
    ]
    fields = ("title", "path", "id", "slug", "status", "parent")
    items = [PAGE.format(**dict(zip(fields, page, strict=True))) for page in pages]
    path = folder / "pages.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0"'
        ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><title>The Paper</title><link>https://paper.example/blog</link>"
        "<wp:wxr_version>1.2</wp:wxr_version>" + "".join(items) + "</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_a_page_with_a_parent_page_becomes_a_child_plain_page_and_its_old_addresses_lead_to_it(
    client, tmp_path
):
    export = nested_pages_export(tmp_path)
    dry, _ = run_import(export, "--dry-run")
    assert counts_line(dry, "pages")[0] == 3 and not InfoPage.objects.exists()
    first, _ = run_import(export)
    team = InfoPage.objects.get(title="Our team")
    about = team.get_parent().specific
    assert about.title == "About the paper" and isinstance(about.get_parent().specific, HomePage)
    assert team.url == "/about-the-paper/our-team/" and team.live
    for old in ("/blog/?page_id=41", "/blog/about-the-paper/our-team/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == team.url
    assert client.get(team.url).status_code == 200
    jobs = InfoPage.objects.get(title="Jobs")
    assert jobs.get_parent().pk == about.pk and not jobs.live
    assert counts_line(first, "pages")[0] == 3
    again, _ = run_import(export)
    assert counts_line(again, "pages")[:3] == [0, 0, 3]  # created, updated, unchanged
    assert InfoPage.objects.count() == 3
