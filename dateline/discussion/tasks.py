"""Background work of the discussion: mail and address retention. Tasks take ids."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from dateline.discussion import crypto, mail, tokens
from dateline.discussion.models import Comment, ModerationEvent, ReplySubscription


def moderators():
    """Active staff who may moderate comments and have an email address."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return [u for u in users if u.has_perm("discussion.moderate_comment")]


def _queue_url(comment: Comment | None = None) -> str:
    if comment is None:
        return mail.absolute(reverse("discussion_admin:queue") + "?status=pending")
    return mail.absolute(reverse("discussion_admin:detail", args=[comment.pk]))


@task()
def notify_moderators(comment_id: int) -> int:
    """Tell moderators a comment is waiting (the 'at once' notification mode)."""
    comment = Comment.objects.select_related("page").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING:
        return 0
    reasons = "\n".join(f"- {r['reason']}" for r in comment.reasons if r.get("reason"))
    body = (
        f'A comment on "{comment.page.title}" is waiting for moderation.\n\n'
        f"{mail.quote(comment.text)}\n\nWhy it is waiting:\n{reasons or '- (no reason given)'}\n\n"
        f"Moderate it: {_queue_url(comment)}\n"
    )
    return sum(
        mail.send(u.email, "A comment is waiting for moderation", body, opt_out=("u", u.pk))
        for u in moderators()
    )


@task()
def send_moderation_digest(hours: int = 24) -> int:
    """One mail listing the comments that have been waiting, for the 'digest' mode."""
    since = timezone.now() - timedelta(hours=hours)
    waiting = Comment.objects.filter(status=Comment.Status.PENDING).select_related("page")
    total = waiting.count()
    if not total:
        return 0
    new = waiting.filter(created_at__gte=since).count()
    lines = [f"- {c.page.title}: {c.created_at:%Y-%m-%d %H:%M}" for c in waiting[:50]]
    body = (
        f"{total} comments are waiting for moderation ({new} new in the last {hours} hours).\n\n"
        + "\n".join(lines)
        + f"\n\nThe queue: {_queue_url()}\n"
    )
    return sum(
        mail.send(u.email, f"{total} comments waiting", body, opt_out=("u", u.pk))
        for u in moderators()
    )


@task()
def notify_reply(comment_id: int) -> int:
    """Tell the confirmed subscribers of the parent comment that a reply was published."""
    reply = Comment.objects.select_related("page").filter(pk=comment_id).first()
    if reply is None or reply.status != Comment.Status.APPROVED or not reply.parent_id:
        return 0
    if ModerationEvent.objects.filter(comment=reply, action="reply_notified").exists():
        return 0  # approved, unapproved and approved again: one notice is enough
    ModerationEvent.objects.create(comment=reply, action="reply_notified", actor_label="system")
    subscriptions = ReplySubscription.objects.filter(
        comment_id=reply.parent_id, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).exclude(Q(email_index=reply.email_index) & ~Q(email_index=""))
    url = f"{reply.page.full_url}#{reply.anchor}"
    body = (
        f'Someone replied to your comment on "{reply.page.title}":\n\n'
        f"{mail.quote(reply.text)}\n\nRead the conversation: {url}\n"
    )
    return sum(
        mail.send(s.email, "A reply to your comment", body, opt_out=("s", s.pk))
        for s in subscriptions
    )


@task()
def send_subscription_confirmation(subscription_id: int) -> bool:
    from dateline.discussion.services.subscriptions import confirm_token  # services import us

    subscription = ReplySubscription.objects.select_related("comment__page").filter(
        pk=subscription_id
    )
    subscription = subscription.first()
    if subscription is None or subscription.confirmed_at or subscription.unsubscribed_at:
        return False
    link = mail.absolute(
        reverse("discussion:confirm_subscription", args=[confirm_token(subscription)])
    )
    body = (
        f"Someone, probably you, asked to be told about replies to a comment on "
        f'"{subscription.comment.page.title}".\n\nTo confirm, open this link: {link}\n\n'
        "If it was not you, ignore this message: nothing will be sent without confirmation."
    )
    return mail.send(
        subscription.email, "Confirm reply notifications", body, opt_out=("s", subscription.pk)
    )


@task()
def send_verification(comment_id: int) -> bool:
    """Mail a held returning commenter the link that proves the address is theirs (at most
    one such mail an hour per address)."""
    comment = Comment.objects.select_related("page").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING or not comment.email_index:
        return False
    since = timezone.now() - timedelta(hours=1)
    if ModerationEvent.objects.filter(
        comment__email_index=comment.email_index,
        action="verification_mailed",
        created_at__gte=since,
    ).exists():
        return False
    link = mail.absolute(reverse("discussion:verify", args=[tokens.verify_token(comment.pk)]))
    body = (
        f'A comment was posted with your email address on "{comment.page.title}". It is '
        "waiting for moderation, because a name and an email alone do not prove who wrote it.\n\n"
        f"If it is yours, confirm with this link and it will be published: {link}\n\n"
        "If it is not yours, ignore this message."
    )
    sent = mail.send(comment.email, "Is this your comment?", body, opt_out=("c", comment.pk))
    if sent:
        ModerationEvent.objects.create(
            comment=comment, action="verification_mailed", actor_label="system"
        )
    return sent


@task()
def send_privacy_link(sealed_email: str) -> bool:
    """Mail the export-and-erase link, if the address has comments (decided here, not in the
    request, so the privacy page answers the same whatever the address)."""
    from dateline.discussion.services.privacy import issue_privacy_link

    try:
        email = crypto.decrypt(sealed_email)
    except crypto.EmailKeyError:
        return False
    token = issue_privacy_link(email)
    if token is None:
        return False
    export = mail.absolute(reverse("discussion:privacy_export", args=[token]))
    erase = mail.absolute(reverse("discussion:privacy_erase", args=[token]))
    body = (
        "You asked for your comments on this site (or someone did, with your address).\n\n"
        f"Download them (JSON): {export}\n"
        f"Erase them: {erase}\n\n"
        "These links work for 24 hours. If you did not ask, ignore this message."
    )
    return mail.send(email, "Your comments: export or erase", body, opt_out=None)


@task()
def purge_comment_ips() -> int:
    """Truncate commenters' addresses past the retention period (run daily by the worker)."""
    from dateline.discussion.services.privacy import purge_old_addresses

    return purge_old_addresses()


@task()
def send_statement_of_reasons(statement_id: int) -> int:
    """Mail the commenter why their comment was removed and how to appeal (DSA art. 17)."""
    from dateline.discussion.models import RemovalStatement
    from dateline.discussion.services import dsa

    statement = (
        RemovalStatement.objects.select_related("comment__page").filter(pk=statement_id).first()
    )
    if statement is None or statement.emailed_at is not None:
        return 0
    comment = statement.comment
    appeal = mail.absolute(reverse("discussion:appeal", args=[dsa.appeal_token(statement)]))
    body = (
        f'Your comment on "{comment.page.title}" of {comment.created_at:%d %B %Y} was removed '
        f"by a moderator.\n\n{mail.quote(comment.text)}\n\n"
        f"Statement of reasons\n"
        f"- Ground: {statement.get_category_display()}\n"
        f"- Facts and explanation: {statement.explanation}\n"
        f"- Decided by: a person (automated means {'were' if statement.automated else 'were not'}"
        f" used to decide)\n"
        f"- Date: {statement.created_at:%d %B %Y %H:%M %Z}\n\n"
        f"If you disagree, you can appeal within {dsa.APPEAL_DAYS // 30} months; a moderator "
        f"will look at the comment again:\n{appeal}\n"
    )
    sent = mail.send(
        comment.email, "Your comment was removed: the reasons", body, opt_out=("c", comment.pk)
    )
    if sent:
        RemovalStatement.objects.filter(pk=statement.pk).update(emailed_at=timezone.now())
        ModerationEvent.objects.create(
            comment=comment,
            action="statement mailed",
            actor_label="system",
            note="statement of reasons and appeal link sent to the commenter's address",
        )
    return int(sent)
