"""What follows a write, and only once it commits: mail tasks and cache invalidation.

Kept in one place so that the public form, the admin, importers and the demo trigger the same
follow-ups. Mail goes out through background tasks that take ids (docs: tasks.py); pages are
invalidated through core.invalidation. Nothing here writes the discussion's own rows: the
services do that inside their transactions (a reply subscription is part of posting).
"""

from __future__ import annotations

from functools import partial

from django.db import router, transaction
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from dateline.core import cache_tags
from dateline.core.invalidation import invalidate
from dateline.discussion import tasks
from dateline.discussion.models import Comment
from dateline.discussion.rules import rules_for


def _enqueue(task, *args) -> None:
    """Queue a task for what was just written, never for a write that rolls back.

    When tasks are rows of this same database, the row goes into the writer's transaction:
    it commits or vanishes with the comment, and a comment POST costs one write transaction
    instead of two (SQLite serialises writers). Other backends are handed the task on commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend) and _in_task_database_transaction():
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args))


def _in_task_database_transaction() -> bool:
    return transaction.get_connection(router.db_for_write(DBTaskResult)).in_atomic_block


def _changed(page_id: int, hard: bool = False) -> None:
    """What readers see of this page's discussion changed: the article (and every listing
    showing its comment count, which carries the same tag) or plain page, and the comment
    feeds. `hard`: a comment readers saw is gone; no cached copy showing it may answer again."""
    invalidate(
        cache_tags.article(page_id), cache_tags.page(page_id), cache_tags.COMMENT_FEEDS, hard=hard
    )


def after_post(comment: Comment, outcome, *, send_mail: bool = True) -> None:
    if comment.status == Comment.Status.APPROVED:
        _changed(comment.page_id)
    if not send_mail:
        return
    if comment.status == Comment.Status.APPROVED:
        if comment.parent_id:
            _enqueue(tasks.notify_reply, comment.pk)
    elif comment.status == Comment.Status.PENDING:
        if rules_for(comment.page).notify_moderators == "immediate":
            _enqueue(tasks.notify_moderators, comment.pk)
        if outcome is not None and outcome.held_only_for_proof:
            _enqueue(tasks.send_verification, comment.pk)


def after_moderation(comment: Comment, old: str, new: str, *, send_mail: bool = True) -> None:
    if Comment.Status.APPROVED in (old, new):
        _changed(comment.page_id, hard=new != Comment.Status.APPROVED)
    if send_mail and new == Comment.Status.APPROVED and old != new and comment.parent_id:
        _enqueue(tasks.notify_reply, comment.pk)


def after_removal(statement) -> None:
    """A removal with a statement of reasons: the commenter gets it by mail."""
    _enqueue(tasks.send_statement_of_reasons, statement.pk)


def after_erase(page_ids) -> None:
    for page_id in set(page_ids):
        _changed(page_id, hard=True)
