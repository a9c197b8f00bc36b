"""Posting a comment: validate, run the checks, store once, hand side effects to after commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from dateline.discussion import checks, crypto, netaddr, validation
from dateline.discussion.models import Comment, ModerationEvent
from dateline.discussion.rules import rules_for
from dateline.discussion.services import side_effects
from dateline.discussion.services.storage import build_comment, prepare_comment, store_comments
from dateline.discussion.services.subscriptions import subscribe

# A second identical submission this soon, from the same address group and browser, is the
# same submission sent twice (a double click, a re-sent form): the reader gets the first back.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)


class CommentRejected(Exception):
    """The submission was refused; nothing was stored. Carries what to tell the reader."""

    def __init__(self, message: str = "", *, field_errors=None, status=400, retry_after=0):
        super().__init__(message or "Your comment could not be posted.")
        self.message = message
        self.field_errors = field_errors or {}
        self.status = status
        self.retry_after = retry_after


@dataclass
class PostResult:
    comment: Comment
    created: bool
    outcome: checks.Outcome | None = None


def _resolve_parent(page, parent_id, max_depth: int):
    """The comment to attach a reply to: an approved comment of this article, no deeper than
    one level above the maximum (a deeper reply attaches at the deepest allowed level)."""
    if not parent_id:
        return None
    try:
        parent = Comment.objects.approved().get(pk=int(parent_id), page_id=page.pk)
    except (Comment.DoesNotExist, TypeError, ValueError):
        raise CommentRejected(
            "The comment you are replying to is not available any more.",
            field_errors={"parent": ["The comment you are replying to is not available."]},
        ) from None
    while parent.depth >= max_depth and parent.parent_id:
        parent = parent.parent
    return parent if parent.depth < max_depth else None


def _dedupe_key(page, parent, email_index: str, text: str) -> str:
    return crypto.keyed_digest("dedupe", page.pk, parent.pk if parent else 0, email_index, text)


def _same_submission(earlier, key: str, ip_group: str, user_agent: str, now) -> Comment | None:
    """The comment this submission repeats, if it is the same one sent moments ago from the
    same address group and browser; ``earlier`` are rows as ``checks.EARLIER_FIELDS``."""
    for row in earlier:
        if (
            row.dedupe_key == key
            and now - row.created_at <= DOUBLE_SUBMIT_WINDOW
            and row.ip_group == ip_group
            and row.user_agent == user_agent
        ):
            return Comment.objects.filter(pk=row.pk).first()
    return None


@sensitive_variables()  # every local: text, name, email and address are all personal
def post_comment(
    page,
    *,
    text: str,
    name: str,
    email: str,
    website: str = "",
    parent_id=None,
    ip: str | None = None,
    user_agent: str = "",
    form_token: str | None = None,
    writing_age: float | None = None,
    honeypot: str = "",
    own_comment_ids=(),
    notify_replies: bool = False,
    send_mail: bool = True,
    now=None,
) -> PostResult:
    """Post a reader's comment through the whole pipeline; raises CommentRejected.

    The returned comment is committed before this returns. Pass form_token=None only from
    trusted callers (the demo, importers) that have no form; send_mail=False (the demo) queues
    no notification mail.
    """
    now = now or timezone.now()
    page = page.specific
    values = validation.normalise(text=text, name=name, email=email, website=website)
    errors = validation.errors_for(values)
    if errors:
        raise CommentRejected("Please correct the marked fields.", field_errors=errors)
    rules = rules_for(page)
    parent = _resolve_parent(page, parent_id, rules.effective_max_depth)
    email_index = crypto.blind_index(values["email"])
    ip = str(netaddr.parse(ip)) if netaddr.parse(ip) else None
    ip_group = netaddr.rate_group(ip)
    user_agent = validation.clean_line(user_agent)[:255]
    key = _dedupe_key(page, parent, email_index, values["text"])
    submission = checks.Submission(
        page=page,
        rules=rules,
        parent=parent,
        email_index=email_index,
        ip=ip,
        user_agent=user_agent,
        form_token=form_token,
        writing_age=writing_age,
        honeypot=(honeypot or "").strip(),
        own_comment_ids=list(own_comment_ids),
        now=now,
        **values,
    )
    # Asked before the checks: a double click gets the first comment back, not "duplicate".
    repeat = _same_submission(submission.earlier_copies, key, ip_group, user_agent, now)
    if repeat:
        return PostResult(repeat, created=False)
    outcome = checks.run(submission)
    stopper = outcome.stopper
    if stopper:
        raise CommentRejected(
            stopper.reason,
            field_errors={stopper.field: [stopper.reason]} if stopper.field else None,
            status=429 if stopper.action == checks.LIMIT else 400,
            retry_after=stopper.retry_after,
        )
    status = {
        checks.SPAM: Comment.Status.SPAM,
        checks.HOLD: Comment.Status.PENDING,
    }.get(outcome.action, Comment.Status.APPROVED)
    comment = _unsaved_comment(
        page,
        parent,
        values,
        status=status,
        reasons=outcome.records,
        now=now,
        ip=ip,
        user_agent=user_agent,
        dedupe_key=key,
    )
    comment.spam_score = submission.spam_score
    note = "; ".join(r["reason"] for r in outcome.records if r["reason"])
    # The comment, its audit entry and its mail tasks in one write transaction (side_effects).
    # Everything that can be worked out before it (the encrypted email above) is, because on
    # SQLite the transaction holds the one writer lock from its first statement.
    with transaction.atomic():
        try:
            _store(comment, note)
        except IntegrityError:
            comment = None
        if comment is not None:
            if notify_replies and send_mail and comment.status != Comment.Status.SPAM:
                subscribe(comment)
            side_effects.after_post(comment, outcome, send_mail=send_mail)
    if comment is None:
        # The same submission raced this one to the database and won.
        twin = Comment.objects.filter(dedupe_key=key).values_list(
            *checks.EARLIER_FIELDS, named=True
        )
        repeat = _same_submission(twin, key, ip_group, user_agent, now)
        if repeat:
            return PostResult(repeat, created=False)
        raise CommentRejected(
            "Duplicate comment: it looks as though you have already said that.",
            field_errors={"text": ["You have already posted this comment."]},
        )
    return PostResult(comment, created=True, outcome=outcome)


@sensitive_variables()
def _unsaved_comment(
    page, parent, values, *, status, reasons, now, ip, user_agent, dedupe_key
) -> Comment:
    """Built as importers build theirs (the same normalising and encryption), plus what only a
    reader's post has: its double-submit key and its place under a stored parent."""
    comment = build_comment(
        page,
        values,
        parent=parent,
        status=status,
        created_at=now,
        ip=ip,
        user_agent=user_agent,
        source="form",
        reasons=reasons,
    )
    comment.page = page  # the article the request already holds, not a reload
    comment.dedupe_key = dedupe_key
    comment.root_id = (parent.root_id or parent.pk) if parent else None
    return comment


def _store(comment: Comment, note: str) -> None:
    """Write a reader's comment and the first entry of its audit trail, inside post_comment's
    transaction (no savepoint: a failure rolls back that whole transaction, which holds nothing
    else yet)."""
    with transaction.atomic(savepoint=False):
        comment.save()
        ModerationEvent.objects.create(
            comment=comment,
            action="posted",
            to_status=comment.status,
            actor_label="checks",
            note=note,
            created_at=comment.created_at,
        )


@sensitive_variables()
def create_comment(page, **fields) -> Comment:
    """Store a comment without the reader-facing checks: for importers and the demo.

    Fields are still normalised and length-checked (ValueError on a bad value); the status is
    taken as given and recorded in the audit trail. The fields are those of
    :func:`.storage.prepare_comment`, of which this is the one-at-a-time form.
    """
    comment = prepare_comment(page, **fields)
    with transaction.atomic():
        store_comments([comment])
    return comment
