"""Editors and reviewers see the draft they are about to publish, for every page type."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dateline.news import services

from .admin_forms import edit_form_data

DRAFT_TITLE = "A draft title nobody has seen"
DRAFT_DESCRIPTION = "A draft summary for search engines"


def _preview_of_edited_title(client, page, new_title=DRAFT_TITLE):
    """Load the edit form as an editor would, change the title (and the search description,
    which the front page shows where other pages show their title), and preview it."""
    data = edit_form_data(client, page)
    data["title"] = new_title
    data["search_description"] = DRAFT_DESCRIPTION
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    checked = client.post(preview_url, data=data)
    assert checked.json() == {"is_valid": True, "is_available": True}, checked.content
    return client.get(preview_url)


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _pages(newsroom):
    from dateline.news.models import AuthorIndexPage, TopicIndexPage

    article = newsroom.article(title="The published headline", topics=[newsroom.topic])
    info = services.create_info_page(newsroom.home, title="About us", intro="Who we are.")
    return {
        "article": article,
        "section": newsroom.section,
        "topic": newsroom.topic,
        "topic index": TopicIndexPage.objects.get(),
        "author": newsroom.author,
        "author index": AuthorIndexPage.objects.get(),
        "plain page": info,
        "front page": newsroom.home,
    }


PAGE_TYPES = [
    "article",
    "section",
    "topic",
    "topic index",
    "author",
    "author index",
    "plain page",
    "front page",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_preview_panel_renders_the_draft_of_every_page_type(newsroom, editor_client, page_type):
    page = _pages(newsroom)[page_type]
    response = _preview_of_edited_title(editor_client, page)
    assert response.status_code == 200
    html = response.content.decode()
    assert DRAFT_DESCRIPTION in html
    if page_type != "front page":  # the front page is titled with the newsroom's name
        assert DRAFT_TITLE in html


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_view_draft_renders_the_latest_revision_of_every_page_type(
    newsroom, editor_client, page_type
):
    page = _pages(newsroom)[page_type].specific
    page.search_description = DRAFT_DESCRIPTION
    page.save_revision()
    response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert DRAFT_DESCRIPTION in response.content.decode()


def test_preview_may_be_framed_by_the_admin_but_public_pages_may_not(newsroom, editor_client):
    article = _pages(newsroom)["article"]
    preview = _preview_of_edited_title(editor_client, article)
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "private" in preview["Cache-Control"]
    editor_client.logout()
    public = editor_client.get(article.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"


def test_a_preview_is_never_served_to_readers_from_the_page_cache(
    newsroom, editor_client, settings, client
):
    settings.DATELINE_PAGE_CACHE = True
    article = _pages(newsroom)["article"]
    for _ in range(2):  # the first render after a cache start is not stored
        _preview_of_edited_title(editor_client, article)
    from django.test import Client

    reader = Client()
    for _ in range(2):
        html = reader.get(article.url).content.decode()
        assert DRAFT_TITLE not in html
        assert "The published headline" in html


def test_reviewer_previews_a_story_in_review(newsroom, django_user_model, client):
    from django.contrib.auth.models import Group
    from wagtail.models import Task

    article = newsroom.article(title="Awaiting review", publish=False)
    draft = article.get_latest_revision_as_object()
    draft.title = "The headline under review"
    draft.save_revision()
    assert services.submit_for_review(article)
    reviewer = django_user_model.objects.create_user("rev", password="x")
    reviewer.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(reviewer)
    task = Task.objects.get(workflow_tasks__workflow=article.get_workflow())
    url = reverse("wagtailadmin_pages:workflow_preview", args=[article.pk, task.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "The headline under review" in response.content.decode()
