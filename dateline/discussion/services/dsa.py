"""Removals with a statement of reasons, and the commenter's appeal (EU DSA art. 17 and 20).

A moderator's removal moves the comment to the trash (never deleted), records the statement,
and mails it to the commenter when they left an address, with a signed appeal link. An appeal
puts the comment back in the pending queue; the moderator's next decision settles it.
"""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.utils import timezone

from dateline.discussion.models import Category, Comment, ModerationEvent, RemovalStatement

APPEAL_SALT = "dateline.discussion.appeal"
APPEAL_DAYS = 183  # the DSA gives at least six months to appeal


class AppealError(Exception):
    """The appeal cannot be taken (already made, or settled); the message says why."""


def appeal_token(statement: RemovalStatement) -> str:
    return signing.dumps({"s": statement.pk}, salt=APPEAL_SALT)


def statement_for_token(token: str) -> RemovalStatement | None:
    try:
        data = signing.loads(token or "", salt=APPEAL_SALT, max_age=APPEAL_DAYS * 24 * 3600)
        return (
            RemovalStatement.objects.select_related("comment__page")
            .filter(pk=int(data["s"]))
            .first()
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def remove_with_statement(
    comment: Comment, *, category: str, explanation: str, actor=None, send_mail: bool = True
) -> RemovalStatement:
    """Trash the comment and give the commenter the reasons (ValueError on a bad category or
    an empty explanation: a statement without facts is no statement)."""
    from dateline.discussion.services import side_effects
    from dateline.discussion.services.moderation import moderate

    if category not in Category.values:
        raise ValueError(f"unknown category {category!r}")
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValueError("a statement of reasons needs an explanation")
    label = Category(category).label
    with transaction.atomic():
        moderate(
            comment,
            "trash",
            actor=actor,
            note=f"removed: {label}. {explanation}",
            send_mail=send_mail,
        )
        statement = RemovalStatement.objects.create(
            comment=comment,
            category=category,
            explanation=explanation,
            actor=actor if getattr(actor, "pk", None) else None,
        )
        ModerationEvent.objects.create(
            comment=comment,
            action="statement of reasons",
            actor=statement.actor,
            actor_label=getattr(actor, "get_username", lambda: "system")(),
            note=f"{label}: {explanation}",
        )
        if send_mail and comment.email_encrypted:
            side_effects.after_removal(statement)
    return statement


def remove_many_with_statement(
    comments, *, category: str, explanation: str, actor=None, send_mail: bool = True
) -> list[RemovalStatement]:
    """The bulk form of remove_with_statement: one ground and one explanation, and each
    commenter gets their own statement (and appeal link) for their own comment. All or none:
    a bad ground or an empty explanation removes nothing. Comments already in the trash are
    left as they are (they were removed before, with their own statement or none)."""
    if category not in Category.values:
        raise ValueError(f"unknown category {category!r}")
    if not (explanation or "").strip():
        raise ValueError("a statement of reasons needs an explanation")
    with transaction.atomic():
        return [
            remove_with_statement(
                comment,
                category=category,
                explanation=explanation,
                actor=actor,
                send_mail=send_mail,
            )
            for comment in comments.exclude(status=Comment.Status.TRASH).order_by("pk")
        ]


def appeal(statement: RemovalStatement, text: str) -> None:
    """The commenter disagrees: the comment goes back to the queue for a person to decide."""
    text = " ".join((text or "").split())[:2000]
    with transaction.atomic():
        locked = RemovalStatement.objects.select_for_update().get(pk=statement.pk)
        if locked.appealed_at is not None:
            raise AppealError("This removal has already been appealed.")
        now = timezone.now()
        locked.appealed_at, locked.appeal_text = now, text
        locked.save(update_fields=["appealed_at", "appeal_text"])
        comment = locked.comment
        old = comment.status
        if old == Comment.Status.TRASH:
            comment.status = Comment.Status.PENDING
            comment.save(update_fields=["status"])
        ModerationEvent.objects.create(
            comment=comment,
            action="appealed",
            from_status=old,
            to_status=comment.status,
            actor_label="commenter",
            note=text,
            created_at=now,
        )
    statement.appealed_at, statement.appeal_text = locked.appealed_at, locked.appeal_text


def settle_appeals(comment: Comment, action: str, now) -> None:
    """A moderator decided on a comment: any open appeal on it is settled by that decision."""
    RemovalStatement.objects.filter(
        comment=comment, appealed_at__isnull=False, appeal_decided_at__isnull=True
    ).update(appeal_decided_at=now, appeal_outcome=action)
