"""The newsroom's own training data: comments a moderator (a person, not a rule) approved or
marked as spam, read from the audit trail. Nothing is copied: an erased comment drops out."""

from __future__ import annotations

from dateline.discussion.spamfilter.corpus import Sample


def moderator_decisions() -> list[Sample]:
    from dateline.discussion.models import Comment, ModerationEvent

    decided = (
        ModerationEvent.objects.filter(action__in=("approve", "spam"), actor__isnull=False)
        .values_list("comment_id", flat=True)
        .distinct()
    )
    rows = Comment.objects.filter(
        pk__in=decided,
        erased_at__isnull=True,
        status__in=(Comment.Status.APPROVED, Comment.Status.SPAM),
    ).values_list("text", "status")
    # The comment's status now is the moderator's last word on it (a later restore or
    # unapprove moved it out of these two statuses, and out of the training data).
    return [Sample(text, status == Comment.Status.SPAM, "newsroom") for text, status in rows]
