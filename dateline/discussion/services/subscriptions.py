"""Reply notifications with double opt-in: nothing is sent until the address confirms."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from dateline.discussion import tasks
from dateline.discussion.models import Comment, ReplySubscription

CONFIRM_SALT = "dateline.discussion.confirm-subscription"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# At most this many unconfirmed subscriptions a day per address: a stranger cannot make the
# site mail someone over and over (Isso's warning about reply notifications).
MAX_PENDING_PER_DAY = 3


def subscribe(comment: Comment) -> ReplySubscription | None:
    """Ask for reply notifications on a comment; a confirmation mail goes out after commit."""
    if not comment.email_index:
        return None
    since = timezone.now() - timedelta(days=1)
    recent = ReplySubscription.objects.filter(
        email_index=comment.email_index, created_at__gte=since, confirmed_at__isnull=True
    ).count()
    if recent >= MAX_PENDING_PER_DAY:
        return None
    subscription = ReplySubscription.objects.create(
        comment=comment,
        email_encrypted=comment.email_encrypted,
        email_index=comment.email_index,
    )
    transaction.on_commit(lambda: tasks.send_subscription_confirmation.enqueue(subscription.pk))
    return subscription


def confirm_token(subscription: ReplySubscription) -> str:
    return signing.dumps({"s": subscription.pk}, salt=CONFIRM_SALT)


def subscription_for(token: str) -> ReplySubscription | None:
    """The subscription a mailed link names; None for a bad or expired link. Changes nothing:
    mail link scanners open links, so only the page's button (a POST) confirms."""
    try:
        pk = int(signing.loads(token or "", salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return ReplySubscription.objects.filter(pk=pk).first()


def confirm(token: str) -> ReplySubscription | None:
    """Confirm from the mailed link's page; None for a bad or expired link."""
    subscription = subscription_for(token)
    if subscription and subscription.confirmed_at is None and not subscription.unsubscribed_at:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(subscription: ReplySubscription) -> None:
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
