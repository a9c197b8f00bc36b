"""Commenters' data: export, erasure, address retention, key rotation, mail opt-out."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from dateline.core import sqlite
from dateline.discussion import crypto, netaddr, tasks, tokens
from dateline.discussion.models import (
    Comment,
    DiscussionSettings,
    MailSuppression,
    ModerationEvent,
    PrivacyRequest,
    ReplySubscription,
)
from dateline.discussion.rules import rules_for
from dateline.discussion.services import side_effects
from dateline.discussion.services.subscriptions import unsubscribe

LINK_MAX_AGE = timedelta(hours=24)
ERASED_FIELDS = [
    "text",
    "name",
    "website",
    "email_encrypted",
    "email_index",
    "dedupe_key",
    "ip",
    "ip_group",
    "user_agent",
]
MAX_LINKS_PER_DAY = 3


def export_commenter(email_index: str) -> dict:
    """Everything stored about the commenter with this address, as JSON-ready data."""
    comments = (
        Comment.objects.by_commenter(email_index).select_related("page").order_by("created_at")
    )
    items = []
    for c in comments:
        items.append(
            {
                "id": c.pk,
                "article": c.page.title,
                "article_url": c.page.full_url,
                "in_reply_to": c.parent_id,
                "created_at": c.created_at.isoformat(),
                "status": c.status,
                "name": c.name,
                "email": c.email,
                "website": c.website,
                "text": c.text,
                "ip_address": c.ip,
                "ip_address_truncated": c.ip_truncated,
                "user_agent": c.user_agent,
            }
        )
    subscriptions = ReplySubscription.objects.filter(email_index=email_index)
    return {
        "exported_at": timezone.now().isoformat(),
        "comments": items,
        "reply_notifications": [
            {
                "comment": s.comment_id,
                "created_at": s.created_at.isoformat(),
                "confirmed": s.confirmed_at is not None,
                "active": s.is_active,
            }
            for s in subscriptions
        ],
    }


def _reattach_replies(comment: Comment) -> None:
    """Move a deleted comment's replies up one level, keeping the rest of the thread whole."""
    for reply in list(comment.replies.all()):
        subtree = _subtree_ids(reply)
        Comment.objects.filter(pk__in=subtree).update(depth=F("depth") - 1)
        if comment.parent_id is None:  # the reply becomes a thread of its own
            Comment.objects.filter(pk__in=subtree).exclude(pk=reply.pk).update(root_id=reply.pk)
            Comment.objects.filter(pk=reply.pk).update(parent_id=None, root_id=None)
        else:
            Comment.objects.filter(pk=reply.pk).update(parent_id=comment.parent_id)


def _subtree_ids(comment: Comment) -> list[int]:
    ids, frontier = [comment.pk], [comment.pk]
    while frontier:
        frontier = list(Comment.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def erase_commenter(email_index: str, *, actor=None, mode: str | None = None) -> int:
    """Erase a commenter: name, email, website, address and browser go; the text is replaced
    by a placeholder or the comment deleted (per the site's setting). Returns the count."""
    comments = list(Comment.objects.by_commenter(email_index))
    if not comments:
        ReplySubscription.objects.filter(email_index=email_index).delete()
        return 0
    now = timezone.now()
    page_ids = {c.page_id for c in comments}
    with transaction.atomic():
        for comment in comments:
            comment.refresh_from_db()  # an earlier deletion may have moved it up a level
            erase_mode = mode or _erase_mode(comment)
            if erase_mode == DiscussionSettings.EraseMode.DELETE:
                _reattach_replies(comment)
                comment.delete()
                continue
            comment.text = ""
            comment.name = ""
            comment.website = ""
            comment.email_encrypted = ""
            comment.email_index = ""
            comment.dedupe_key = None
            comment.ip = None
            comment.ip_group = ""
            comment.user_agent = ""
            comment.erased_at = now
            comment.save(update_fields=[*ERASED_FIELDS, "erased_at"])
            ModerationEvent.objects.create(
                comment=comment,
                action="erased",
                from_status=comment.status,
                to_status=comment.status,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_label=actor.get_username() if actor else "commenter's request",
                created_at=now,
            )
        ReplySubscription.objects.filter(email_index=email_index).delete()
        PrivacyRequest.objects.filter(email_index=email_index).delete()
    # Erased means erased from the files too, not only from queries (after the commit).
    transaction.on_commit(sqlite.checkpoint)
    side_effects.after_erase(page_ids)
    return len(comments)


def _erase_mode(comment: Comment) -> str:
    return rules_for(comment.page).erase_mode


@sensitive_variables("email")
def request_privacy_link(email: str) -> None:
    """Queue the export-and-erase link for an address; says nothing about whether it has
    comments (the task decides whether to mail, so every request looks the same)."""
    email = crypto.normalise_email(email)
    if email:
        sealed = crypto.encrypt(email)  # the task queue must not hold the address in clear
        transaction.on_commit(lambda: tasks.send_privacy_link.enqueue(sealed))


@sensitive_variables("email")
def issue_privacy_link(email: str) -> str | None:
    """Create a one-day link for an address that has comments; None when it has none or when
    it already had its links for today."""
    index = crypto.blind_index(email)
    if not Comment.objects.by_commenter(index).exists():
        return None
    since = timezone.now() - timedelta(days=1)
    if PrivacyRequest.objects.filter(email_index=index, created_at__gte=since).count() >= (
        MAX_LINKS_PER_DAY
    ):
        return None
    token, digest = tokens.new_link_token()
    PrivacyRequest.objects.create(email_index=index, token_hash=digest)
    return token


def privacy_request_for(token: str) -> PrivacyRequest | None:
    """The live request a mailed link stands for (None if unknown, used or expired)."""
    request = PrivacyRequest.objects.filter(token_hash=tokens.token_digest(token)).first()
    if not request or request.used_at:
        return None
    if timezone.now() - request.created_at > LINK_MAX_AGE:
        return None
    return request


def purge_old_addresses(*, days: int | None = None, dry_run: bool = False) -> int:
    """Truncate the addresses (and drop the browser strings) of comments older than the
    retention period; returns how many comments were (or would be) changed."""
    days = settings.DATELINE_DISCUSSION_IP_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    old = Comment.objects.filter(created_at__lt=cutoff, ip_truncated=False).exclude(
        ip__isnull=True, user_agent=""
    )
    if dry_run:
        return old.count()
    changed = 0
    for comment in old.iterator():
        comment.ip = netaddr.truncate(comment.ip)
        comment.ip_group = ""
        comment.ip_truncated = True
        comment.user_agent = ""
        comment.save(update_fields=["ip", "ip_group", "ip_truncated", "user_agent"])
        changed += 1
    return changed


def rotate_email_keys(*, new_key: bool = False, dry_run: bool = False) -> dict:
    """Re-encrypt every stored email with the current key (after making a new one current if
    asked), then retire keys that no longer encrypt anything (when they live in the key file)."""
    if new_key and not dry_run:
        crypto.add_file_key()
    current = crypto.current_key_id()
    counts = {"current_key": current, "reencrypted": 0, "unreadable": 0}
    for model in (Comment, ReplySubscription):
        rows = model.objects.exclude(email_encrypted="").exclude(
            email_encrypted__startswith=f"{current}{crypto.SEPARATOR}"
        )
        for row in rows.iterator():
            try:
                plain = crypto.decrypt(row.email_encrypted)
            except crypto.EmailKeyError:
                counts["unreadable"] += 1
                continue
            counts["reencrypted"] += 1
            if not dry_run:
                model.objects.filter(pk=row.pk).update(email_encrypted=crypto.encrypt(plain))
    if not dry_run and not counts["unreadable"]:
        counts["retired"] = crypto.retire_file_keys({current})
    return counts


def opt_out(kind: str, obj_id: int) -> bool:
    """One-click unsubscribe: stop the subscription and suppress all mail to the address."""
    from django.contrib.auth import get_user_model

    index = ""
    if kind == "s":
        subscription = ReplySubscription.objects.filter(pk=obj_id).first()
        if subscription:
            unsubscribe(subscription)
            index = subscription.email_index
    elif kind == "c":
        index = Comment.objects.filter(pk=obj_id).values_list("email_index", flat=True).first()
    elif kind == "u":
        user = get_user_model().objects.filter(pk=obj_id).first()
        index = crypto.blind_index(user.email) if user and user.email else ""
    if not index:
        return False
    MailSuppression.objects.get_or_create(email_index=index)
    return True
