"""Reader reports with a category, removal with a statement of reasons, the commenter's appeal
(EU Digital Services Act, art. 16, 17 and 20), all in the audit trail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from dateline.discussion import services
from dateline.discussion.models import Comment, CommentReport, ModerationEvent, RemovalStatement
from dateline.discussion.services import dsa


@pytest.fixture
def published(article):
    return services.create_comment(
        article,
        text="You are all idiots",
        name="Rude Reader",
        email="rude@example.org",
        status="approved",
        source="test",
    )


def appeal_link() -> str:
    [message] = [m for m in mail.outbox if "removed" in m.subject]
    return next(w for w in message.body.split() if "/discussion/appeal/" in w)


def test_a_report_needs_a_category_and_keeps_it(published, client):
    url = reverse("discussion:report", args=[published.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and "Hate speech, harassment or threats" in page
    assert "<script" not in page  # public pages stay script-free

    refused = client.post(url, {"reason": "no category"})
    assert "This field is required" in refused.content.decode()
    assert not CommentReport.objects.exists()

    client.post(url, {"category": "hate", "reason": "insults"})
    report = CommentReport.objects.get()
    assert report.category == "hate"
    event = ModerationEvent.objects.get(action="reported")
    assert event.note == "Hate speech, harassment or threats: insults"
    client.post(url, {"category": "nonsense"})  # a made-up category is refused, not stored
    assert CommentReport.objects.count() == 1


def test_removal_mails_a_statement_of_reasons_and_the_appeal_brings_it_back(
    published, client, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("discussion_admin:act", args=[published.pk]),
            {"action": "remove", "category": "hate", "explanation": "Insults other readers."},
            follow=True,
        )
    assert "statement of reasons was recorded and mailed" in response.content.decode()
    published.refresh_from_db()
    assert published.status == Comment.Status.TRASH  # removed, never deleted
    [message] = mail.outbox
    assert message.to == ["rude@example.org"]
    assert "Hate speech, harassment or threats" in message.body
    assert "Insults other readers." in message.body
    assert "automated means were not used" in message.body
    statement = RemovalStatement.objects.get()
    assert statement.emailed_at is not None
    client.logout()

    link = appeal_link()
    page = client.get(link)
    assert page.status_code == 200 and "Insults other readers." in page.content.decode()
    assert RemovalStatement.objects.get().appealed_at is None  # a link scanner's GET is nothing
    client.post(link, {"text": "It was a joke between friends."})
    published.refresh_from_db()
    assert published.status == Comment.Status.PENDING  # back in the queue for a person
    again = client.post(link, {"text": "Once more"})
    assert again.status_code == 409 and "already been appealed" in again.content.decode()

    client.force_login(moderator)
    queue = client.get(reverse("discussion_admin:queue"), {"status": "all", "reason": "appealed"})
    assert "You are all idiots" in queue.content.decode()
    assert "Appeals (1)" in queue.content.decode()
    services.moderate(published, "approve", actor=moderator)
    statement.refresh_from_db()
    assert statement.appeal_decided_at and statement.appeal_outcome == "approve"
    actions = list(published.events.values_list("action", flat=True))
    assert actions == [
        "test",  # create_comment records the source as the first entry
        "trash",
        "statement of reasons",
        "statement mailed",
        "appealed",
        "approve",
    ]


def test_a_removal_without_an_explanation_or_with_a_made_up_ground_is_refused(published, moderator):
    with pytest.raises(ValueError, match="explanation"):
        dsa.remove_with_statement(published, category="hate", explanation=" ", actor=moderator)
    with pytest.raises(ValueError, match="category"):
        dsa.remove_with_statement(published, category="bad", explanation="x", actor=moderator)
    published.refresh_from_db()
    assert published.status == Comment.Status.APPROVED
    assert not RemovalStatement.objects.exists()


def test_a_forged_or_tampered_appeal_link_is_refused(db, client):
    assert client.get("/discussion/appeal/not-a-token/").status_code == 400


def test_bulk_removal_gives_each_commenter_their_own_statement_and_appeal(
    article, published, client, moderator, django_capture_on_commit_callbacks
):
    second = services.create_comment(
        article,
        text="Buy pills here",
        name="Seller",
        email="seller@example.net",
        status="pending",
        source="test",
    )
    anonymous = services.create_comment(
        article,
        text="Same insult again",
        name="No Mail",
        email="",
        status="approved",
        source="test",
    )
    client.force_login(moderator)
    queue = client.get(reverse("discussion_admin:queue"), {"status": "all"}).content.decode()
    assert 'value="remove"' in queue and 'id="bulk-explanation"' in queue
    ids = [published.pk, second.pk, anonymous.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("discussion_admin:queue") + "?status=all",
            {"action": "remove", "ids": ids, "category": "spam", "explanation": "Advertising."},
            follow=True,
        )
    assert "Removed 3 comments with a statement of reasons; 2 mailed" in (response.content.decode())
    assert set(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"trash"}
    statements = RemovalStatement.objects.order_by("comment_id")
    assert [s.comment_id for s in statements] == sorted(ids)
    assert {s.category for s in statements} == {"spam"}
    assert sorted(m.to[0] for m in mail.outbox) == ["rude@example.org", "seller@example.net"]
    for message in mail.outbox:  # each commenter's own appeal link, none of another's text
        assert "Advertising." in message.body and "/discussion/appeal/" in message.body
    links = {next(w for w in m.body.split() if "/discussion/appeal/" in w) for m in mail.outbox}
    assert len(links) == 2
    assert ModerationEvent.objects.filter(action="statement of reasons").count() == 3


def test_bulk_removal_without_an_explanation_removes_nothing(published, client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("discussion_admin:queue") + "?status=all",
        {"action": "remove", "ids": [published.pk], "category": "spam", "explanation": "  "},
        follow=True,
    )
    assert "Nothing was removed: a statement of reasons needs an explanation" in (
        response.content.decode()
    )
    published.refresh_from_db()
    assert published.status == Comment.Status.APPROVED
    assert not RemovalStatement.objects.exists() and not mail.outbox
    client.post(
        reverse("discussion_admin:queue"),
        {"action": "remove", "ids": [published.pk], "category": "made-up", "explanation": "x"},
    )
    assert not RemovalStatement.objects.exists()
