"""Building and storing comments: the one place a Comment row is put together and written.

:func:`build_comment` makes the unsaved comment from checked values (the email encrypted with
its blind index by ``Comment.set_email``, the address parsed and grouped, the status recorded
with its reasons); :func:`store_comments` writes a batch with the first entry of each audit
trail, thousands a second. The reader's form (``posting``) checks the values once and builds;
:func:`prepare_comment` checks and builds for importers, the demo and ``create_comment``. No
reader-facing checks and no side effects here: no mail, no cache purge (an import purges once
when it finishes).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from dateline.discussion import netaddr, validation
from dateline.discussion.models import Comment, ModerationEvent

ROWS_PER_INSERT = 500


@sensitive_variables()  # every local: text, name, email and address are all personal
def prepare_comment(
    page,
    *,
    text: str,
    name: str,
    email: str = "",
    website: str = "",
    parent: Comment | None = None,
    status: str = Comment.Status.APPROVED,
    created_at=None,
    ip: str | None = None,
    user_agent: str = "",
    source: str = "import",
    reasons=None,
) -> Comment:
    """An unsaved comment on ``page``, checked as create_comment checks it (ValueError if a
    value is not valid). ``parent`` is a stored comment or one prepared for the same
    :func:`store_comments` call."""
    values = validation.normalise(text=text, name=name, email=email, website=website)
    # As in create_comment: an imported comment may have no email at all.
    errors = validation.errors_for(
        values | {"email": values["email"] or "no-address@example.invalid"}
    )
    if errors:
        raise ValueError("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
    return build_comment(
        page,
        values,
        parent=parent,
        status=status,
        created_at=created_at,
        ip=ip,
        user_agent=user_agent,
        source=source,
        reasons=reasons,
    )


@sensitive_variables()
def build_comment(
    page,
    values: dict,
    *,
    parent: Comment | None,
    status: str,
    created_at,
    ip: str | None,
    user_agent: str,
    source: str,
    reasons,
) -> Comment:
    """An unsaved comment from values already normalised and checked (``validation``): the
    reader's path checks them once, before the spam checks, and comes here."""
    ip = str(netaddr.parse(ip)) if netaddr.parse(ip) else None
    comment = Comment(
        page_id=page.pk,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        status=status,
        text=values["text"],
        name=values["name"],
        website=values["website"],
        ip=ip,
        ip_group=netaddr.rate_group(ip),
        user_agent=validation.clean_line(user_agent)[:255],
        created_at=created_at or timezone.now(),
        reasons=reasons or [{"check": source, "action": status, "reason": f"From {source}."}],
        source=source,
    )
    if values["email"]:
        comment.set_email(values["email"])
    return comment


def store_comments(comments: Sequence[Comment]) -> None:
    """Write prepared comments, each reply after its parent, with their first audit entries.

    Call inside a transaction: the comments and their audit trail are written together or not
    at all. A comment's ``pk`` is set when this returns.
    """
    levels: dict[int, list[Comment]] = {}
    for comment in comments:
        levels.setdefault(comment.depth, []).append(comment)
    for depth in sorted(levels):
        level = levels[depth]
        for comment in level if depth > 1 else ():
            parent = comment.parent  # stored by now: it is one level up
            comment.parent_id = parent.pk
            comment.root_id = parent.root_id or parent.pk
        if connection.features.can_return_rows_from_bulk_insert:
            Comment.objects.bulk_create(level, batch_size=ROWS_PER_INSERT)
        else:  # the ids are needed for the replies and the audit trail
            for comment in level:
                comment.save()
    ModerationEvent.objects.bulk_create(
        [
            ModerationEvent(
                comment_id=c.pk,
                action=c.source,
                to_status=c.status,
                actor_label=c.source,
                created_at=c.created_at,
            )
            for c in comments
        ],
        batch_size=ROWS_PER_INSERT,
    )
