"""Merge picks its target story with Wagtail's page chooser, not a typed page id."""

from __future__ import annotations

import json

from django.urls import reverse

from dateline.news.models import ArticlePage
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem


def arrive():
    doc = {
        "uri": "urn:sahel:7",
        "headline": "Ferry service resumes after storm",
        "body_text": "The first ferry left at dawn with 300 passengers.",
        "copyrightholder": "Sahel Press",
    }
    ingest_bytes(json.dumps(doc).encode(), "x.json", Report())
    return WireItem.objects.get()


def test_the_item_page_offers_a_page_chooser_limited_to_stories(newsroom, admin_client):
    item = arrive()
    page = admin_client.get(reverse("wire_desk:detail", args=[item.pk])).content.decode()
    assert 'data-chooser-url="/admin/choose-page/"' in page
    assert '"modelNames": ["news.articlepage"]' in page
    assert 'name="merge-article"' in page
    assert "page-chooser.js" in page  # its script is on the page, so the button works


def test_the_chooser_finds_the_story_by_its_headline(newsroom, admin_client):
    story = newsroom.article(title="Storm closes the harbour")
    newsroom.article(title="Budget day")
    found = admin_client.get(
        "/admin/choose-page/search/", {"q": "harbour", "page_type": "news.articlepage"}
    ).content.decode()
    assert story.title in found and "Budget day" not in found


def test_the_chosen_story_receives_the_copy(newsroom, admin_client):
    story = newsroom.article(title="Storm closes the harbour")
    item = arrive()
    response = admin_client.post(
        reverse("wire_desk:act", args=[item.pk, "merge"]), {"merge-article": story.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    merged = ArticlePage.objects.get(pk=story.pk)
    assert "300 passengers" in str(merged.body)
    assert WireItem.objects.get().status == WireItem.MERGED


def test_no_story_or_an_unknown_one_is_refused_with_a_message(newsroom, admin_client):
    item = arrive()
    url = reverse("wire_desk:act", args=[item.pk, "merge"])
    for posted in ({}, {"merge-article": "999999"}, {"merge-article": "abc"}):
        response = admin_client.post(url, posted, follow=True)
        assert response.status_code == 200
        assert "Choose the story to merge into" in response.content.decode()
        assert WireItem.objects.get().status == WireItem.QUEUED
