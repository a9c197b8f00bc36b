"""The desk and the kill screen in the Wagtail admin."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import timezone
from wagtail import hooks

from dateline.news.models import ArticlePage, KilledStory
from dateline.wire import services
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem


def arrive(headline="Floods force thousands from homes", uri="urn:sahel:1", **extra):
    doc = {
        "uri": uri,
        "headline": headline,
        "body_text": "Water rose.",
        "copyrightholder": "Sahel Press",
    }
    report = Report()
    ingest_bytes(json.dumps({**doc, **extra}).encode(), "x.json", report)
    return WireItem.objects.get(agency_id=uri)


def test_the_queue_lists_filters_and_searches_items(newsroom, admin_client):
    arrive()
    arrive("Central bank holds rates", uri="urn:sahel:2", urgency=2)
    page = admin_client.get("/admin/wire/").content.decode()
    assert "Floods force thousands" in page and "Central bank holds rates" in page
    found = admin_client.get("/admin/wire/", {"q": "bank"}).content.decode()
    assert "Central bank" in found and "Floods force" not in found
    urgent = admin_client.get("/admin/wire/", {"urgency": "2"}).content.decode()
    assert "Central bank" in urgent and "Floods force" not in urgent


def test_the_desk_is_closed_to_users_without_its_permission(newsroom, client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.get("/admin/wire/").status_code in (302, 403)


def test_taking_an_item_opens_the_editors_draft_and_spiking_takes_it_off_the_queue(
    newsroom, admin_client
):
    item = arrive()
    other = arrive("Second", uri="urn:sahel:2")
    response = admin_client.post(f"/admin/wire/{item.pk}/take/", {"section": newsroom.section.pk})
    article = ArticlePage.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/admin/pages/{article.pk}/edit/"
    )
    assert not article.live and article.source_name == "Sahel Press"
    admin_client.post(f"/admin/wire/{other.pk}/spike/")
    assert WireItem.objects.get(pk=other.pk).status == WireItem.SPIKED
    assert "Second" not in admin_client.get("/admin/wire/").content.decode()


def publish_hooks(page, user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    results = [fn(request, page) for fn in hooks.get_hooks("before_publish_page")]
    return [r for r in results if r is not None], [str(m) for m in request._messages]


def test_an_embargoed_story_cannot_be_published_from_the_admin_until_its_time(newsroom, admin_user):
    until = timezone.now() + timedelta(hours=3)
    item = arrive(embargoed=until.isoformat())
    article = services.take(item, newsroom.section)
    article.go_live_at = None  # the editor cleared the draft's schedule (set to the embargo)
    refusals, notes = publish_hooks(article, admin_user)
    assert refusals and "Embargoed by Sahel Press" in notes[0]
    WireItem.objects.update(embargo_until=timezone.now() - timedelta(minutes=1))
    assert publish_hooks(article, admin_user)[0] == []


def test_the_kill_screen_takes_a_story_down_and_it_cannot_be_republished(
    newsroom, admin_client, admin_user, client
):
    story = newsroom.article(title="Libellous claims")
    url = story.url
    edit = admin_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert f"/admin/news/kill/{story.pk}/" in edit
    response = admin_client.post(
        f"/admin/news/kill/{story.pk}/",
        {"reason": "Solicitor's letter of 5 December", "notice": "", "kind": "legal"},
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 410
    assert KilledStory.objects.get().killed_by == admin_user
    refusals, notes = publish_hooks(ArticlePage.objects.get(pk=story.pk), admin_user)
    assert refusals and "killed" in notes[0]


def test_a_kill_without_a_reason_is_refused_by_the_form(newsroom, admin_client, client):
    story = newsroom.article(title="Still up")
    response = admin_client.post(f"/admin/news/kill/{story.pk}/", {"reason": "", "kind": "legal"})
    assert response.status_code == 200 and not KilledStory.objects.exists()
    assert client.get(story.url).status_code == 200


def test_an_operator_adds_a_polled_source_in_the_admin(newsroom, admin_client):
    response = admin_client.post(
        "/admin/wire_sources/new/",
        {
            "name": "Sahel Press",
            "kind": "agency",
            "feed_url": "https://sahelpress.example/feed.xml",
            "poll_minutes": "10",
        },
    )
    assert response.status_code == 302
    from dateline.wire.models import Source

    source = Source.objects.get()
    assert (source.feed_url, source.poll_minutes) == ("https://sahelpress.example/feed.xml", 10)
    assert "Sahel Press" in admin_client.get("/admin/wire_sources/").content.decode()
