"""Moderation: statuses, reports, the admin queue, the moderator role and the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from dateline.discussion import services
from dateline.discussion.models import Comment, ModerationEvent


def make(article, text, status="pending", email="reader@example.org", **extra):
    return services.create_comment(
        article, text=text, name="Reader", email=email, status=status, source="test", **extra
    )


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", "ed@newsroom.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_moderator_group_moderates_comments_but_edits_no_page(moderator, newsroom):
    assert moderator.has_perm("discussion.moderate_comment")
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert not moderator.has_perm("wagtailcore.change_page")
    from wagtail.models import GroupPagePermission

    assert not GroupPagePermission.objects.filter(group__name="Comment moderators").exists()


def test_moderators_find_comments_in_the_admin_menu(moderator, client):
    client.force_login(moderator)
    menu = client.get(reverse("wagtailadmin_home")).content.split(b"<main")[0]
    assert b"/admin/discussion/" in menu


def test_editors_do_not_moderate_comments_unless_given_the_permission(editor, client, article):
    make(article, "a secret queue")
    client.force_login(editor)
    refused = client.get(reverse("discussion_admin:queue"))
    assert refused.status_code in (302, 403)  # Wagtail sends the refused to the dashboard
    assert b"a secret queue" not in refused.content
    menu = client.get(reverse("wagtailadmin_home")).content.split(b"<main")[0]
    assert b"/admin/discussion/" not in menu

    editor.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    editor = User.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(reverse("discussion_admin:queue")).status_code == 200


def test_the_queue_filters_by_status_article_and_reports_and_searches(
    article, newsroom, client, moderator
):
    other_article = newsroom.article(title="Elsewhere")
    make(article, "waiting one")
    make(article, "published one", status="approved", email="b@example.org")
    make(other_article, "waiting elsewhere", email="c@example.org")
    reported = make(article, "reported one", status="approved", email="d@example.org")
    services.report_comment(reported, reporter_ip="192.0.2.1", reason="rude")
    client.force_login(moderator)
    queue = reverse("discussion_admin:queue")

    pending = client.get(queue).content.decode()
    assert "waiting one" in pending and "waiting elsewhere" in pending
    assert "published one" not in pending
    by_article = client.get(f"{queue}?status=pending&article={other_article.pk}").content.decode()
    assert "waiting elsewhere" in by_article and "waiting one" not in by_article
    reports = client.get(f"{queue}?status=all&reported=1").content.decode()
    assert "reported one" in reports and "published one" not in reports
    found = client.get(f"{queue}?status=all&q=PUBLISHED").content.decode()
    assert "published one" in found and "waiting one" not in found
    assert client.get(f"{queue}?status=bogus&article=x&p=-3").status_code == 200


def test_bulk_actions_approve_spam_trash_and_restore(article, client, moderator):
    first, second = make(article, "first"), make(article, "second", email="z@example.org")
    client.force_login(moderator)
    queue = reverse("discussion_admin:queue")

    client.post(queue, {"action": "approve", "ids": [first.pk, second.pk]})
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    client.post(queue, {"action": "spam", "ids": [first.pk]})
    client.post(queue, {"action": "trash", "ids": [second.pk]})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("spam", "trash")

    client.post(queue, {"action": "restore", "ids": [first.pk, second.pk]})
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    trail = list(first.events.values_list("action", "from_status", "to_status", "actor_label"))
    assert trail[1:] == [
        ("approve", "pending", "approved", "mod"),
        ("spam", "approved", "spam", "mod"),
        ("restore", "spam", "approved", "mod"),
    ]


def test_approval_publishes_the_comment(article, client):
    comment = make(article, "Now you see me")
    assert "Now you see me" not in client.get(article.url).content.decode()
    services.moderate(comment, "approve")
    assert "Now you see me" in client.get(article.url).content.decode()
    services.moderate(comment, "trash")
    assert "Now you see me" not in client.get(article.url).content.decode()


def test_the_detail_shows_reasons_other_comments_and_the_audit_trail(
    article, post, client, moderator, hold_first
):
    rules = hold_first
    rules.moderation_words = "lawsuit"
    rules.save()
    post(article, comment="A lawsuit is coming")
    make(article, "An older comment by the same reader", email="ada@example.org")
    make(article, "Someone else entirely", email="zed@example.org")
    comment = Comment.objects.get(text="A lawsuit is coming")
    services.moderate(comment, "approve", actor=moderator)
    client.force_login(moderator)

    html = client.get(reverse("discussion_admin:detail", args=[comment.pk])).content.decode()
    assert "moderation word or phrase &#x27;lawsuit&#x27;" in html
    assert "First-time commenter" in html
    assert "An older comment by the same reader" in html
    assert "Someone else entirely" not in html
    assert "posted" in html and "by mod" in html


def test_a_reader_report_puts_a_comment_in_the_reported_queue(article, client):
    comment = make(article, "Offensive?", status="approved")
    page = client.get(reverse("discussion:report", args=[comment.pk]))
    assert page.status_code == 200
    url = reverse("discussion:report", args=[comment.pk])
    client.post(url, {"category": "spam", "reason": "spam link"})
    client.post(url, {"category": "hate", "reason": "again"})
    comment.refresh_from_db()
    assert comment.reported and comment.report_count == 1  # one per reader
    assert comment.status == "approved"
    assert ModerationEvent.objects.filter(comment=comment, action="reported").count() == 1

    services.moderate(comment, "approve")
    comment.refresh_from_db()
    assert not comment.reported  # the moderator's decision settles the reports


def test_only_published_comments_can_be_reported(article, client):
    comment = make(article, "Pending")
    assert client.get(reverse("discussion:report", args=[comment.pk])).status_code == 404


def test_the_report_page_is_protected_by_csrf(article):
    from django.test import Client

    comment = make(article, "Offensive?", status="approved")
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("discussion:report", args=[comment.pk])).status_code == 403


def test_verified_email_link_publishes_a_comment_held_only_for_proof(
    article, post, client, approved_comment, django_capture_on_commit_callbacks, hold_first
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        post(article, comment="It really is me")
    held = Comment.objects.get(text="It really is me")
    assert held.status == "pending"
    [message] = [m for m in mail.outbox if m.subject == "Is this your comment?"]
    link = next(w for w in message.body.split() if "/discussion/verify/" in w)
    assert client.get(link).status_code == 200
    held.refresh_from_db()
    assert held.status == "pending"  # a link scanner's GET changes nothing
    client.post(link)
    held.refresh_from_db()
    assert held.status == "approved" and held.email_verified_at


def test_a_verified_link_does_not_publish_a_comment_held_for_other_reasons(
    article, approved_comment, rules
):
    rules.moderation_words = "lawsuit"
    rules.save()
    result = services.post_comment(
        article, text="lawsuit!", name="Ada", email="ada@example.org", ip="192.0.2.3"
    )
    assert not services.verify_commenter(result.comment)
    result.comment.refresh_from_db()
    assert result.comment.status == "pending"


def test_the_discussion_settings_page_renders_and_refuses_a_bad_ip_range(rules, client):
    from django.core.exceptions import ValidationError

    admin = User.objects.create_superuser("root", "root@newsroom.example", "pw")
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["discussion", "discussionsettings", rules.site_id])
    assert client.get(url).status_code == 200
    rules.blocked_ips = "203.0.113.0/24\nnot-a-range"
    with pytest.raises(ValidationError):
        rules.full_clean()


# --- the moderation desk -----------------------------------------------------------------


def test_the_queue_filters_by_article_title_and_by_reason(newsroom, client, moderator, rules):
    floods = newsroom.article(title="Floods reach the capital")
    budget = newsroom.article(title="Budget vote delayed")
    rules.moderation_words = "lawsuit"
    rules.save()
    for n, (page, text) in enumerate(
        [(floods, "A lawsuit is coming"), (budget, "Another lawsuit here")]
    ):
        services.post_comment(
            page, text=text, name="Ann", email=f"ann{n}@example.org", ip=f"192.0.2.{n + 20}"
        )
    held_for_links = services.post_comment(
        budget,
        text="See https://a.example/x and https://b.example/y",
        name="Bo",
        email="bo@example.org",
        ip="192.0.2.9",
    ).comment
    client.force_login(moderator)
    url = reverse("discussion_admin:queue")

    by_title = client.get(url, {"status": "all", "title": "budget"}).content.decode()
    assert "Another lawsuit here" in by_title and "A lawsuit is coming" not in by_title
    by_reason = client.get(url, {"status": "all", "reason": "moderation_words"}).content.decode()
    assert "Another lawsuit here" in by_reason and "A lawsuit is coming" in by_reason
    assert "https://a.example/x" not in by_reason
    by_links = client.get(url, {"status": "all", "reason": "link_count"}).content.decode()
    assert f'data-comment="{held_for_links.pk}"' in by_links
    assert "lawsuit" not in by_links
    both = client.get(url, {"status": "all", "reason": "moderation_words", "title": "floods"})
    assert "A lawsuit is coming" in both.content.decode()
    assert "Another lawsuit here" not in both.content.decode()
    assert "Article id" not in both.content.decode()  # the desk asks for a title, not an id
    bogus = client.get(url, {"reason": "' OR 1=1 --", "title": "x" * 5000})
    assert bogus.status_code == 200


def test_bulk_actions_count_in_words_and_write_the_audit_trail(article, client, moderator):
    one = make(article, "First of two")
    two = make(article, "Second of two")
    client.force_login(moderator)
    url = reverse("discussion_admin:queue")

    response = client.post(url, {"action": "spam", "ids": [one.pk]}, follow=True)
    assert "Mark as spam: 1 comment changed." in response.content.decode()
    response = client.post(url, {"action": "trash", "ids": [two.pk, one.pk]}, follow=True)
    assert "Move to trash: 2 comments changed." in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {"trash"}
    assert ModerationEvent.objects.filter(actor=moderator).count() == 3


def test_the_desk_has_keyboard_shortcuts_a_phone_layout_and_no_gravatar(article, client, moderator):
    make(article, "Waiting")
    client.force_login(moderator)
    html = client.get(reverse("discussion_admin:queue")).content.decode()
    assert "discussion/moderation-desk" in html and ".js" in html  # j/k, a, s, d, x
    assert "1 comment</p>" in html
    assert "gravatar.com" not in html
    client.get(reverse("discussion_admin:queue"))
    from django.contrib.staticfiles import finders

    script = open(finders.find("discussion/moderation-desk.js")).read()  # noqa: SIM115
    for key in ('"j"', '"k"', 'a: "approve"', 's: "spam"'):
        assert key in script
    assert "@media" in open(finders.find("discussion/moderation-desk.css")).read()  # noqa: SIM115
