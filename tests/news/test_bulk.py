"""The bulk article writer (dateline.news.bulk): many published articles in a few inserts, each
a page Wagtail, readers, search and editors treat like one made through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from dateline.news import bulk, services
from dateline.news.models import ArticlePage, SectionPage
from dateline.news.queries import public_articles

pytestmark = pytest.mark.django_db

WHEN = datetime(2015, 6, 1, 9, 0, tzinfo=UTC)


def story(newsroom, n: int, **overrides) -> bulk.NewArticle:
    fields = {
        "section": newsroom.section,
        "title": f"Harbour story {n}",
        "standfirst": "What happened at the harbour.",
        "bylines": [(newsroom.author, "reporting")],
        "body": [("paragraph", f"<p>Boats number {n} left the quay.</p>")],
        "topics": [newsroom.topic],
        "published_at": WHEN + timedelta(hours=n),
    }
    return bulk.NewArticle(**(fields | overrides))


def test_bulk_articles_are_valid_live_pages_in_their_sections(newsroom, client):
    sport = services.create_section("Sport")
    items = [story(newsroom, n) for n in range(5)] + [
        story(newsroom, n, section=sport) for n in range(5, 8)
    ]
    articles = bulk.create_articles(items)
    assert Page.find_problems() == ([], [], [], [], [])  # paths, depth and numchild agree
    assert SectionPage.objects.get(pk=newsroom.section.pk).numchild == 5
    assert SectionPage.objects.get(pk=sport.pk).numchild == 3
    assert public_articles().count() == 8
    first = ArticlePage.objects.get(pk=articles[0].pk)
    assert first.url_path == f"{newsroom.section.url_path}harbour-story-0/"
    assert first.url == f"{newsroom.section.url}harbour-story-0/"
    assert first.live and not first.has_unpublished_changes
    assert first.first_published_at == WHEN
    assert [b.author for b in first.bylines.all()] == [newsroom.author]
    assert list(first.topics.all()) == [newsroom.topic]
    assert first.latest_revision_id is None  # the first edit makes one
    response = client.get(first.url)
    assert response.status_code == 200
    assert "Boats number 0 left the quay." in response.content.decode()
    actions = set(PageLogEntry.objects.filter(page=first).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}
    # Wagtail's reference index knows who it uses (an author cannot be deleted unnoticed).
    assert ReferenceIndex.get_references_to(newsroom.author).filter(object_id=str(first.pk))


def test_the_last_substantive_update_comes_from_the_corrections_log(newsroom):
    noted = WHEN + timedelta(days=2)
    plain, corrected = bulk.create_articles(
        [
            story(newsroom, 1),
            story(newsroom, 2, corrections=[("update", noted, "Adds the harbour master's words.")]),
        ]
    )
    assert ArticlePage.objects.get(pk=plain.pk).last_substantive_update is None
    corrected = ArticlePage.objects.get(pk=corrected.pk)
    assert corrected.last_substantive_update == noted == corrected.updated_at
    assert corrected.corrections.get().text == "Adds the harbour master's words."


def test_slugs_are_unique_among_siblings_and_within_the_batch(newsroom):
    newsroom.article(title="Same headline")  # through the services, by Wagtail's add_child
    articles = bulk.create_articles(
        [story(newsroom, n, title="Same headline") for n in range(3)]
        + [story(newsroom, 3, slug="chosen-slug")]
    )
    assert [a.slug for a in articles] == [
        "same-headline-2",
        "same-headline-3",
        "same-headline-4",
        "chosen-slug",
    ]


def test_wagtails_own_add_child_carries_on_after_a_bulk_batch(newsroom):
    bulk.create_articles([story(newsroom, n) for n in range(3)])
    # The caller's section object was kept right, so treebeard puts the next child after them.
    later = newsroom.article(title="Written by an editor", section=newsroom.section)
    bulk.create_articles([story(newsroom, 9)])
    assert Page.find_problems() == ([], [], [], [], [])
    assert later.get_parent().pk == newsroom.section.pk
    assert SectionPage.objects.get(pk=newsroom.section.pk).numchild == 5


def test_search_finds_a_bulk_article(newsroom):
    bulk.create_articles([story(newsroom, 1, title="Lighthouse keeper retires")])
    found = ArticlePage.objects.live().search("lighthouse")
    assert [a.title for a in found] == ["Lighthouse keeper retires"]


def test_a_bulk_article_is_edited_and_republished_through_the_services(newsroom):
    (article,) = bulk.create_articles([story(newsroom, 0)])
    article = ArticlePage.objects.get(pk=article.pk)
    revised = services.revise_article(article, standfirst="A new standfirst.")
    assert revised.live and revised.standfirst == "A new standfirst."
    assert revised.latest_revision_id is not None  # the first edit made the first revision
    assert revised.first_published_at == WHEN  # first publication never moves
    corrected = services.add_correction(revised, kind="correction", text="Fixes a name.")
    assert corrected.updated_at is not None and corrected.revisions.count() == 2
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_editor_can_open_a_bulk_article_in_the_admin(newsroom, admin_client):
    (article,) = bulk.create_articles([story(newsroom, 1)])
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_a_field_that_is_not_valid_refuses_the_batch_before_writing(newsroom):
    with pytest.raises(ValidationError):
        bulk.create_articles([story(newsroom, 1), story(newsroom, 2, title="x" * 300)])
    assert not ArticlePage.objects.exists()
    with pytest.raises(ValueError, match="byline"):
        bulk.create_articles([story(newsroom, 1, bylines=[])])


def test_the_number_of_queries_does_not_grow_with_the_batch(newsroom, django_assert_num_queries):
    bulk.create_articles([story(newsroom, 0)])  # content types and the like are cached now
    with CaptureQueriesContext(connection) as few:
        bulk.create_articles([story(newsroom, n) for n in range(1, 3)])
    assert len(few.captured_queries) <= 14
    with django_assert_num_queries(len(few.captured_queries)):
        bulk.create_articles([story(newsroom, n) for n in range(3, 33)])


def test_one_new_article_input_serves_both_writers(newsroom):
    """The same NewArticle makes the same story through Wagtail (services) or in bulk."""
    item = story(newsroom, 1, comments_enabled=False, slug="harbour")
    one_by_one = services.create_article(item)
    (in_bulk,) = bulk.create_articles([story(newsroom, 1, comments_enabled=False, slug="harbour")])
    one_by_one = ArticlePage.objects.get(pk=one_by_one.pk)
    in_bulk = ArticlePage.objects.get(pk=in_bulk.pk)
    assert (one_by_one.slug, in_bulk.slug) == ("harbour", "harbour-2")  # one slug rule
    assert one_by_one.revisions.count() == 1  # closed from the start, not by a second revision
    for page in (one_by_one, in_bulk):
        assert page.live and not page.comments_enabled
        assert page.first_published_at == WHEN + timedelta(hours=1)
        assert [b.author for b in page.bylines.all()] == [newsroom.author]
        assert list(page.topics.all()) == [newsroom.topic]


def test_a_draft_takes_the_services_not_the_bulk_writer(newsroom):
    draft = services.create_article(story(newsroom, 2, publish=False))
    assert not ArticlePage.objects.get(pk=draft.pk).live
    with pytest.raises(ValueError, match="draft"):
        bulk.create_articles([story(newsroom, 3, publish=False)])
    with pytest.raises(TypeError):
        services.create_article(story(newsroom, 4), title="both forms at once")
