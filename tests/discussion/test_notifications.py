"""Mail after commit: moderators, double opt-in reply notifications, one-click unsubscribe."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client

from dateline.discussion import services
from dateline.discussion.models import Comment, ReplySubscription


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("mod", "mod@newsroom.example", "pw")
    user.groups.add(Group.objects.get(name="Comment moderators"))
    return user


def link(message, fragment):
    return next(u for u in re.findall(r"https?://\S+", message.body) if fragment in u)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_moderators_hear_of_a_waiting_comment_after_commit(
    article, post, moderator, django_capture_on_commit_callbacks, hold_first
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(article)
    assert not mail.outbox  # nothing before the comment is committed
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["mod@newsroom.example"]
    assert "A thoughtful remark" in message.body
    assert "First-time commenter" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_moderator_mail_when_notifications_are_off(
    article, post, moderator, rules, django_capture_on_commit_callbacks
):
    rules.notify_moderators = "off"
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(article)
    assert not mail.outbox


def test_the_digest_lists_waiting_comments(article, moderator, rules):
    from django.core.management import call_command

    rules.notify_moderators = "digest"
    rules.save()
    services.create_comment(
        article, text="x", name="n", email="n@example.org", status="pending", source="test"
    )
    call_command("send_comment_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [message] = mail.outbox
    assert "1 comments are waiting" in message.body


def test_reply_notifications_need_confirmation_and_stop_with_one_click(
    article, post, client, rules, django_capture_on_commit_callbacks
):
    rules.hold_first_time = False
    rules.flood_interval_seconds = 0
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(article, notify="yes", email="ada@example.org")
    parent = Comment.objects.get()
    [confirm_mail] = mail.outbox
    assert confirm_mail.to == ["ada@example.org"]
    assert confirm_mail.extra_headers["List-Unsubscribe"]

    # A reply before confirmation sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        post(article, parent=str(parent.pk), comment="Early reply", email="bea@example.org",
             ip="192.0.2.2", client_=Client())  # fmt: skip
    assert len(mail.outbox) == 1

    # A mail scanner opening the link confirms nothing; the page's button does.
    confirm_page = path_of(link(confirm_mail, "/confirm/"))
    scanner = Client(enforce_csrf_checks=True)
    for _ in range(2):
        opened = scanner.get(confirm_page)
        assert opened.status_code == 200 and b"<button" in opened.content
    assert not ReplySubscription.objects.get().is_active
    assert scanner.post(confirm_page).status_code == 403  # no token from the page: refused
    assert not ReplySubscription.objects.get().is_active
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', opened.content).group(1)
    assert scanner.post(confirm_page, {"csrfmiddlewaretoken": csrf.decode()}).status_code == 200
    assert ReplySubscription.objects.get().is_active
    with django_capture_on_commit_callbacks(execute=True):
        post(article, parent=str(parent.pk), comment="Later reply", email="cy@example.org",
             ip="192.0.2.3", client_=Client())  # fmt: skip
    reply_mail = mail.outbox[-1]
    assert reply_mail.to == ["ada@example.org"]
    assert "Later reply" in reply_mail.body

    # RFC 8058 one-click: a POST with no cookie and no CSRF token.
    unsubscribe = path_of(reply_mail.extra_headers["List-Unsubscribe"].strip("<>"))
    response = Client(enforce_csrf_checks=True).post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not ReplySubscription.objects.get().is_active
    with django_capture_on_commit_callbacks(execute=True):
        post(article, parent=str(parent.pk), comment="Third reply", email="di@example.org",
             ip="192.0.2.4", client_=Client())  # fmt: skip
    assert mail.outbox[-1] is reply_mail


def test_an_address_cannot_be_flooded_with_confirmation_mails(
    article, rules, django_capture_on_commit_callbacks
):
    rules.flood_interval_seconds = 0
    rules.max_per_minute = 0
    rules.max_per_hour = 0
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            services.post_comment(
                article, text=f"Say {n}", name="Victim?", email="victim@example.org",
                ip=f"192.0.2.{n + 1}", notify_replies=True,
            )  # fmt: skip
    assert len([m for m in mail.outbox if m.to == ["victim@example.org"]]) == 3


def test_an_unsubscribed_address_gets_no_more_mail(
    article, post, moderator, django_capture_on_commit_callbacks, hold_first
):
    with django_capture_on_commit_callbacks(execute=True):
        post(article)
    unsubscribe = path_of(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>"))
    assert Client().get(unsubscribe).status_code == 200  # a confirmation button
    Client().post(unsubscribe)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(article, email="someone@example.org", comment="another", ip="192.0.2.9")
    assert not mail.outbox


def test_a_forged_unsubscribe_link_is_refused(client, db):
    assert client.post("/discussion/unsubscribe/forged/").status_code == 410


def test_no_digest_is_sent_unless_the_site_chose_digests(article, moderator, rules):
    from django.core.management import call_command

    rules.notify_moderators = "immediate"
    rules.save()
    services.create_comment(
        article, text="x", name="n", email="n@example.org", status="pending", source="test"
    )
    call_command("send_comment_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


@pytest.fixture
def tasks_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_tasks_in_the_database_the_mail_task_commits_with_the_comment(
    article,
    post,
    moderator,
    tasks_in_the_database,
    django_capture_on_commit_callbacks,
    hold_first,
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=False):
        response = post(article)
    assert response.status_code == 303
    # Written in the comment's own transaction, not left to an after-commit callback.
    [task] = DBTaskResult.objects.all()
    assert task.task_path.endswith("notify_moderators")
    assert task.args_kwargs["args"] == [Comment.objects.get().pk]


def test_with_tasks_in_the_database_a_rolled_back_comment_leaves_no_task(
    article, moderator, tasks_in_the_database
):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_comment(
            article, text="Never kept.", name="Ada", email="ada@example.org", ip="198.51.100.1"
        )
        raise RuntimeError("the request failed after posting")
    assert not Comment.objects.exists()
    assert not DBTaskResult.objects.exists()
