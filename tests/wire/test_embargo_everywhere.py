"""An agency's embargo holds a story back on every way it could go out, not only the admin's
Publish button: the model's publish(), the news services, scheduling and the scheduler, workflow
approval, the bulk action, Wagtail's admin API, and a hand-set `live`. Scheduling at the embargo's
end is allowed and offered."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, TaskState

from dateline.news import services as news
from dateline.news.models import ArticlePage
from dateline.news.publishing import PublishRefused
from dateline.wire import services
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem

from ..news.admin_forms import edit_form_data


def arrive(embargo, uri="urn:sahel:1", version=1):
    doc = {
        "uri": uri,
        "version": str(version),
        "headline": "Budget figures leaked ahead of the speech",
        "body_text": "The minister will announce the figures at noon.",
        "copyrightholder": "Sahel Press",
        "embargoed": embargo.isoformat(),
    }
    report = Report()
    ingest_bytes(json.dumps(doc).encode(), "x.json", report)
    assert not report.refused, report.refused
    return WireItem.objects.get(agency_id=uri)


@pytest.fixture
def until():
    return (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)


@pytest.fixture
def embargoed(newsroom, until):
    """A taken, embargoed story: a draft whose schedule the editor has cleared."""
    item = arrive(until)
    article = services.take(item, newsroom.section)
    draft = article.get_latest_revision_as_object()
    draft.go_live_at = None
    draft.save_revision()
    return ArticlePage.objects.get(pk=article.pk)


def fresh(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)


def assert_refused_and_unchanged(page, refusal: PublishRefused, until):
    page = fresh(page)
    assert not page.live and page.first_published_at is None
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert "Embargoed by Sahel Press until" in str(refusal)
    assert refusal.not_before == until and refusal.page_id == page.pk


def test_taking_an_embargoed_item_sets_the_draft_to_go_live_when_the_embargo_ends(newsroom, until):
    article = services.take(arrive(until), newsroom.section)
    assert article.get_latest_revision_as_object().go_live_at == until
    news.republish(article)  # pressing Publish on the untouched draft schedules it
    article = fresh(article)
    assert not article.live and article.scheduled_revision.approved_go_live_at == until


def test_a_direct_revision_publish_is_refused(embargoed, until):
    with pytest.raises(PublishRefused) as refused:
        embargoed.get_latest_revision().publish()
    assert_refused_and_unchanged(embargoed, refused.value, until)


def test_the_news_services_are_refused(embargoed, until):
    with pytest.raises(PublishRefused) as refused:
        news.revise_article(embargoed, title="Budget: the figures", publish=True)
    assert_refused_and_unchanged(embargoed, refused.value, until)
    with pytest.raises(PublishRefused) as too_early:
        news.schedule_article(embargoed, until - timedelta(minutes=1))
    assert_refused_and_unchanged(embargoed, too_early.value, until)


def test_scheduling_at_the_embargos_end_is_allowed(embargoed, until):
    news.schedule_article(embargoed, until)
    assert fresh(embargoed).scheduled_revision.approved_go_live_at == until


def test_a_hand_set_live_is_refused_by_the_models_save(embargoed, until):
    embargoed.live = True
    with pytest.raises(PublishRefused) as refused:
        embargoed.save()
    assert_refused_and_unchanged(embargoed, refused.value, until)


def come_due():
    """Every scheduled revision's time has come: a second ago, in its schedule and content."""
    past = timezone.now() - timedelta(seconds=1)
    for revision in Revision.objects.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])


def test_the_scheduler_holds_back_a_story_whose_embargo_moved_later_and_publishes_the_rest(
    embargoed, newsroom, until
):
    news.schedule_article(embargoed, until)
    other = newsroom.article(title="Harbour reopens", publish=False)
    news.schedule_article(other, timezone.now() + timedelta(minutes=5))
    later = until + timedelta(hours=2)
    arrive(later, version=2)  # the agency moves its embargo
    come_due()  # as if the clock had moved past the first embargo
    WireItem.objects.update(embargo_until=later)
    call_command("publish_scheduled", verbosity=0)
    assert fresh(other).live  # one held-back story does not stop the rest
    embargoed = fresh(embargoed)
    assert not embargoed.live and embargoed.scheduled_revision.approved_go_live_at == later

    WireItem.objects.update(embargo_until=timezone.now() - timedelta(seconds=1))  # it ends
    come_due()
    call_command("publish_scheduled", verbosity=0)
    assert fresh(embargoed).live


def test_the_admin_publish_button_is_refused_and_offers_the_embargos_end(
    embargoed, admin_client, until
):
    data = edit_form_data(admin_client, embargoed)
    data["title"] = "Budget: the figures, edited"
    data["action-publish"] = "action-publish"
    edit = reverse("wagtailadmin_pages:edit", args=[embargoed.pk])
    response = admin_client.post(edit, data, follow=True)
    page = response.content.decode()
    assert "Embargoed by Sahel Press until" in page and "saved as a draft" in page
    schedule = reverse("news_schedule_held", args=[embargoed.pk])
    assert schedule in page
    article = fresh(embargoed)
    assert not article.live
    assert article.get_latest_revision_as_object().title == "Budget: the figures, edited"

    # The offer: a confirmation page, then the story is scheduled at the embargo's end.
    assert "Schedule" in admin_client.get(schedule).content.decode()
    admin_client.post(schedule)
    article = fresh(embargoed)
    assert not article.live and article.scheduled_revision.approved_go_live_at == until


def test_the_admin_publish_button_with_a_go_live_time_at_the_embargo_schedules_it(
    embargoed, admin_client, until
):
    data = edit_form_data(admin_client, embargoed)
    data["go_live_at"] = timezone.localtime(until).strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "action-publish"
    admin_client.post(reverse("wagtailadmin_pages:edit", args=[embargoed.pk]), data)
    article = fresh(embargoed)
    assert not article.live and article.scheduled_revision.approved_go_live_at == until


def test_the_editor_shows_the_embargo_when_opened(embargoed, admin_client):
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[embargoed.pk]))
    assert "Embargoed by Sahel Press until" in page.content.decode()


def test_workflow_approval_is_refused_with_a_message_and_the_task_stays_open(
    embargoed, admin_client, until
):
    assert news.submit_for_review(embargoed)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[embargoed.pk, "approve", task_state.pk]
    )
    response = admin_client.post(url, {"comment": ""}, follow=True)
    assert response.status_code == 200
    assert "Embargoed by Sahel Press until" in response.content.decode()
    assert not fresh(embargoed).live
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS

    # The same from the review modal (an XHR): it is sent to the story, where the message is.
    modal = admin_client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    edit = reverse("wagtailadmin_pages:edit", args=[embargoed.pk])
    assert modal.json()["step"] == "success" and modal.json()["redirect"] == edit
    assert "Embargoed by Sahel Press until" in admin_client.get(edit).content.decode()
    assert not fresh(embargoed).live


def test_the_bulk_publish_action_publishes_nothing_and_says_why(embargoed, newsroom, admin_client):
    other = newsroom.article(title="Harbour reopens", publish=False)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={embargoed.pk}&id={other.pk}"
    )
    response = admin_client.post(url, {"include_descendants": ""}, follow=True)
    assert response.status_code == 200
    assert "Embargoed by Sahel Press until" in response.content.decode()
    assert not fresh(embargoed).live and not fresh(other).live  # all or nothing


def test_wagtails_admin_api_publish_action_is_refused(embargoed, admin_client):
    url = f"/admin/api/main/pages/{embargoed.pk}/action/publish/"
    response = admin_client.post(url, {}, content_type="application/json")
    assert response.status_code == 409
    assert "Embargoed by Sahel Press until" in response.json()["message"]
    assert not fresh(embargoed).live


def test_after_the_embargo_every_path_publishes(embargoed):
    WireItem.objects.update(embargo_until=timezone.now() - timedelta(seconds=1))
    embargoed.get_latest_revision().publish()
    assert fresh(embargoed).live


def test_merging_embargoed_copy_into_a_published_story_is_refused(newsroom, until):
    story = newsroom.article(title="Budget day")
    item = arrive(until)
    with pytest.raises(services.DeskError, match="embargoed until"):
        services.merge(item, story)
    assert WireItem.objects.get(pk=item.pk).status == WireItem.QUEUED


def test_a_killed_story_is_refused_on_a_direct_publish(newsroom):
    story = newsroom.article(title="Libellous claims")
    news.kill_article(story, reason="Court order")
    with pytest.raises(PublishRefused, match="killed"):
        fresh(story).get_latest_revision().publish()
    assert not fresh(story).live
