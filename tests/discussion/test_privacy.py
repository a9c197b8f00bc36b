"""Privacy: the email never leaves the server, addresses are shortened, export and erase."""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dateline.discussion import crypto, services
from dateline.discussion.models import Comment, ModerationEvent

from .conftest import aged_token

EMAIL = "Secret.Reader@Example.org"


def email_forms(email=EMAIL):
    """The address and every hash of it that avatar services publish."""
    normal = email.strip().lower()
    forms = {email, normal}
    for value in (email, normal):
        forms.add(hashlib.md5(value.encode()).hexdigest())  # noqa: S324 - what Gravatar uses
        forms.add(hashlib.sha256(value.encode()).hexdigest())
    forms.add(crypto.blind_index(normal))
    return forms


def assert_no_email(content: bytes, where: str):
    text = content.decode("utf-8", errors="replace").lower()
    for form in email_forms():
        assert form.lower() not in text, f"{where} holds {form}"


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


@pytest.fixture
def commented(article, post, client, rules, django_capture_on_commit_callbacks):
    """A held comment and an approved reply to it, both by EMAIL, and one by someone else."""
    rules.flood_interval_seconds = 0
    rules.save()
    other = services.create_comment(
        article, text="Other reader", name="Other", email="other@example.org", source="test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        post(article, email=EMAIL, comment="Held words", url="https://reader.example/")
        post(article, email=EMAIL, comment="Reply words", parent=str(other.pk), notify="yes")
    services.moderate(Comment.objects.filter(email_index=crypto.blind_index(EMAIL)), "approve")
    client.cookies.clear()
    return article


def test_no_response_holds_the_email_or_a_hash_of_it(commented, client, moderator):
    article = commented
    urls = [
        article.url,
        f"{article.url}?replytocom={Comment.objects.first().pk}",
        reverse("discussion:feed_rss"),
        reverse("discussion:feed_atom"),
        reverse("discussion:article_feed_rss", args=[article.pk]),
        reverse("discussion:article_feed_atom", args=[article.pk]),
        reverse("discussion:privacy"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_email(response.content, url)

    client.force_login(moderator)
    comment = Comment.objects.get(text="Held words")
    admin_urls = [
        reverse("discussion_admin:queue") + "?status=all",
        reverse("discussion_admin:queue") + f"?status=all&same_as={comment.pk}",
        reverse("discussion_admin:detail", args=[comment.pk]),
        reverse("discussion_admin:export", args=[comment.pk]),
    ]
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_email(response.content, url)


def test_finding_a_commenter_by_email_puts_the_address_in_no_url_or_page(
    commented, client, moderator
):
    client.force_login(moderator)
    found = client.post(reverse("discussion_admin:queue"), {"find_email": EMAIL}, follow=True)
    assert found.redirect_chain and EMAIL.lower() not in found.redirect_chain[0][0].lower()
    html = found.content
    assert b"Held words" in html and b"Reply words" in html and b"Other reader" not in html
    assert_no_email(html, "the search result")


def test_mail_to_other_people_holds_no_commenters_email(commented, moderator):
    for message in mail.outbox:
        if EMAIL.lower() in [a.lower() for a in message.to]:
            continue
        for form in email_forms():
            assert form.lower() not in message.body.lower()
            assert form.lower() not in message.subject.lower()


def test_a_database_dump_holds_no_plaintext_email(commented):
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue().lower()
    assert EMAIL.lower() not in dump
    assert "other@example.org" not in dump
    stored = Comment.objects.get(text="Held words")
    assert stored.email_encrypted.startswith(crypto.current_key_id() + "$")
    assert stored.email == EMAIL.lower()


def test_addresses_are_shortened_after_the_retention_period(article, post):
    post(article, ip="203.0.113.77")
    post(article, ip="2001:db8:abcd:12:1:2:3:4", email="v6@example.org", comment="six")
    out = io.StringIO()
    call_command("purge_comment_ips", stdout=out)
    assert "0 comment addresses" in out.getvalue()

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        call_command("purge_comment_ips", "--dry-run", stdout=out)
        assert Comment.objects.filter(ip_truncated=True).count() == 0
        call_command("purge_comment_ips", stdout=out)

    ips = set(Comment.objects.values_list("ip", "ip_truncated", "user_agent", "ip_group"))
    assert ips == {("203.0.113.0", True, "", ""), ("2001:db8:abcd::", True, "", "")}


def test_the_purge_task_shortens_addresses_too(article, post):
    from dateline.discussion.tasks import purge_comment_ips

    post(article, ip="203.0.113.77")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert purge_comment_ips.call() == 1


def test_the_privacy_page_answers_the_same_whatever_the_address(
    commented, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("discussion:privacy"), {"email": EMAIL})
        unknown = client.post(reverse("discussion:privacy"), {"email": "nobody@example.org"})
    strip = lambda r: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())  # noqa: E731
    assert known.status_code == unknown.status_code == 200
    assert strip(known) == strip(unknown)
    assert [m.to for m in mail.outbox] == [[EMAIL.lower()]]


def test_a_commenter_exports_and_erases_through_the_mailed_link(
    commented, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("discussion:privacy"), {"email": EMAIL})
    export_link, erase_link = links_in(mail.outbox[0])[:2]

    export = client.get(export_link)
    data = json.loads(export.content)
    assert {c["text"] for c in data["comments"]} == {"Held words", "Reply words"}
    assert data["comments"][0]["email"] == EMAIL.lower()
    assert "Other reader" not in export.content.decode()
    assert "other@example.org" not in export.content.decode()

    assert client.get(erase_link).status_code == 200  # a confirmation, nothing erased yet
    assert Comment.objects.filter(text="Held words").exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(erase_link)
    erased = Comment.objects.filter(erased_at__isnull=False)
    assert erased.count() == 2
    for comment in erased:
        assert (comment.text, comment.name, comment.website, comment.email_encrypted) == (
            "", "", "", ""
        )  # fmt: skip
        assert comment.ip is None and comment.email_index == ""
    assert client.get(export_link).status_code == 410  # the link died with the data
    page = client.get(commented.url).content.decode()
    assert (
        "removed at its author&#x27;s request" in page or "removed at its author's request" in page
    )


def test_erase_can_delete_comments_and_keep_their_replies(commented, rules):
    rules.erase_mode = "delete"
    rules.save()
    other = Comment.objects.get(text="Other reader")
    reply = Comment.objects.get(text="Reply words")
    answer = services.create_comment(
        commented, text="Answer", name="X", email="x@example.org", parent=reply, source="test"
    )
    assert services.erase_commenter(crypto.blind_index(EMAIL)) == 2
    answer.refresh_from_db()
    assert answer.parent_id == other.pk and answer.depth == 2
    assert not Comment.objects.filter(text__in=["Held words", "Reply words"]).exists()


def test_a_moderator_can_erase_from_the_admin(commented, client, moderator):
    client.force_login(moderator)
    comment = Comment.objects.get(text="Held words")
    act = reverse("discussion_admin:act", args=[comment.pk])
    client.post(act, {"action": "erase"})
    assert not Comment.objects.filter(erased_at__isnull=False).exists()  # not confirmed
    client.post(act, {"action": "erase", "confirm": "yes"})
    assert Comment.objects.filter(erased_at__isnull=False).count() == 2
    assert ModerationEvent.objects.filter(action="erased", actor=moderator).count() == 2


def test_expired_or_unknown_privacy_links_do_nothing(commented, client):
    assert client.get(reverse("discussion:privacy_export", args=["nope"])).status_code == 410
    assert client.post(reverse("discussion:privacy_erase", args=["nope"])).status_code == 410
    assert Comment.objects.filter(erased_at__isnull=True).count() == 3


def test_email_keys_rotate_and_old_ciphertexts_still_read(commented, settings):
    before = Comment.objects.get(text="Held words").email_encrypted
    old_key = crypto.current_key_id()
    out = io.StringIO()
    call_command("rotate_email_keys", "--new-key", stdout=out)
    new_key = crypto.current_key_id()
    assert new_key != old_key
    after = Comment.objects.get(text="Held words")
    assert after.email_encrypted.startswith(new_key + "$")
    assert after.email_encrypted != before
    assert after.email == EMAIL.lower()
    assert f"Retired keys: {old_key}" in out.getvalue()


def test_the_blind_index_is_keyed_and_case_insensitive():
    assert crypto.blind_index("A@Example.org ") == crypto.blind_index("a@example.org")
    assert crypto.blind_index("a@example.org") != hashlib.sha256(b"a@example.org").hexdigest()


def test_error_reports_from_the_comment_view_hide_personal_fields(article, client, monkeypatch):
    from django.views.debug import ExceptionReporter

    from dateline.discussion.services import posting

    captured = {}

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(posting.checks, "run", explode)
    client.raise_request_exception = False
    from django.core.signals import got_request_exception

    def capture(sender, request, **kwargs):
        import sys

        reporter = ExceptionReporter(request, *sys.exc_info())
        captured["text"] = reporter.get_traceback_text() + reporter.get_traceback_html()

    got_request_exception.connect(capture)
    try:
        response = client.post(
            reverse("discussion:post"),
            {"comment": "private words", "author": "Private Name", "email": EMAIL,
             "page": article.pk, "token": aged_token(article)},
            REMOTE_ADDR="203.0.113.99",
        )  # fmt: skip
    finally:
        got_request_exception.disconnect(capture)
    assert response.status_code == 500
    report = captured["text"]
    assert "********************" in report  # the filter ran and cleansed values
    for secret in (EMAIL, EMAIL.lower(), "Private Name", "private words", "203.0.113.99"):
        assert secret not in report, secret
