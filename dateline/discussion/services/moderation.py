"""Moderating comments: status changes, reader reports, all written to the audit trail."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from dateline.discussion import checks, crypto, netaddr
from dateline.discussion.models import Category, Comment, CommentReport, ModerationEvent
from dateline.discussion.services import dsa, side_effects

ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "unapprove": Comment.Status.PENDING,
    "restore": None,  # back to the status before it was sent to spam or trash
}


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    return actor.get_username() if hasattr(actor, "get_username") else str(actor)


def _status_before_removal(comment: Comment) -> str:
    removed = (Comment.Status.SPAM, Comment.Status.TRASH)
    event = (
        comment.events.filter(to_status=comment.status)
        .exclude(from_status__in=[*removed, ""])
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.from_status if event else Comment.Status.PENDING


def moderate(
    comments, action: str, *, actor=None, note: str = "", send_mail: bool = True, now=None
) -> int:
    """Apply a moderation action to one comment or many; returns how many changed.

    Every change is recorded as a ModerationEvent with its actor. A moderator's decision also
    settles any reader reports on the comment. send_mail=False (the demo) sends no reply
    notifications; `now` backdates the decision (the demo's history).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    if isinstance(comments, Comment):
        comments = [comments]
    changed = 0
    now = now or timezone.now()
    with transaction.atomic():
        for comment in comments:
            old = comment.status
            if action == "restore":
                if old not in (Comment.Status.SPAM, Comment.Status.TRASH):
                    continue
                new = _status_before_removal(comment)
            else:
                new = ACTIONS[action]
            if new == old and not comment.reported:
                continue
            comment.status = new
            comment.moderated_at = now
            comment.reported = False
            comment.save(update_fields=["status", "moderated_at", "reported"])
            ModerationEvent.objects.create(
                comment=comment,
                action=action,
                from_status=old,
                to_status=new,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_label=_actor_label(actor),
                note=note,
                created_at=now,
            )
            side_effects.after_moderation(comment, old, new, send_mail=send_mail)
            dsa.settle_appeals(comment, action, now)
            changed += 1
    return changed


def report_comment(
    comment: Comment, *, reporter_ip: str | None, reason: str = "", category: str = "other"
) -> bool:
    """A reader reports a comment: it joins the reported queue (it stays visible meanwhile).

    The report names a category (DSA style, ``models.Category``) and may explain. One report
    counts per comment per address group; returns False for a repeat report.
    """
    reporter = crypto.keyed_digest("reporter", netaddr.rate_group(reporter_ip) or "unknown")
    reason = " ".join((reason or "").split())[:500]
    if category not in Category.values:
        category = Category.OTHER
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, reporter_key=reporter, reason=reason, category=category
            )
            Comment.objects.filter(pk=comment.pk).update(reported=True)
            comment.report_count = CommentReport.objects.filter(comment=comment).count()
            Comment.objects.filter(pk=comment.pk).update(report_count=comment.report_count)
            ModerationEvent.objects.create(
                comment=comment,
                action="reported",
                from_status=comment.status,
                to_status=comment.status,
                actor_label="reader",
                note=f"{Category(category).label}" + (f": {reason}" if reason else ""),
            )
    except IntegrityError:
        return False
    comment.reported = True
    return True


def verify_commenter(comment: Comment) -> bool:
    """The commenter clicked the link mailed to their address: the email is theirs.

    A comment held only because its returning author could not prove who they were is then
    approved; a comment held for anything else (links, words, spam rules) keeps waiting.
    Returns whether the comment was approved.
    """
    if comment.email_verified_at is None:
        comment.email_verified_at = timezone.now()
        comment.save(update_fields=["email_verified_at"])
    holds = [r for r in comment.reasons if r.get("action") in ("hold", "spam")]
    only_proof = bool(holds) and all(r.get("check") == checks.UNPROVEN for r in holds)
    if comment.status == Comment.Status.PENDING and only_proof:
        return bool(moderate(comment, "approve", actor=None, note="email verified by the author"))
    return False
