"""A post's comments as discussion comments: threads, dates and moderation states kept.

Comments are created parents first whatever their order in the file, each reply under the
comment it answered. A reply whose parent is missing from the export (or could not be
imported) is kept as a top-level comment, with a note in the summary. Text is stored as plain
text (the discussion renders it safely); the commenter's email goes through the discussion's
own encryption like any other. Comments are checked one by one (:func:`prepare`) and written
with bulk inserts, a post's or a whole batch's at once (:func:`store`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from dateline.discussion.models import Comment as DiscussionComment
from dateline.discussion.services.storage import prepare_comment, store_comments

from .body import BodyTooLarge, plain_text

if TYPE_CHECKING:
    from dateline.importers.wxr import Comment, Post
    from dateline.news.models import ArticlePage

    from .job import Job

SOURCE = "wordpress"
Prepared = tuple[str, str, DiscussionComment]  # WordPress id, post guid, unsaved comment
_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def thread_order(comments: tuple[Comment, ...]) -> list[Comment]:
    """Comments with every parent before its replies, document order otherwise."""
    ids = {c.comment_id for c in comments if c.comment_id is not None}
    children: dict[int, list[Comment]] = defaultdict(list)
    roots = []
    for c in comments:
        if c.parent_id and c.parent_id in ids and c.parent_id != c.comment_id:
            children[c.parent_id].append(c)
        else:
            roots.append(c)
    ordered, placed = [], set()
    stack = list(reversed(roots))
    while stack:
        c = stack.pop()
        if id(c) in placed:
            continue
        placed.add(id(c))
        ordered.append(c)
        stack.extend(reversed(children.get(c.comment_id, [])) if c.comment_id is not None else [])
    # Replies caught in a loop (A answers B, B answers A) have no root: keep them anyway.
    ordered.extend(c for c in comments if id(c) not in placed)
    return ordered


def _valid(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


# Commenters come back: the same addresses recur all through an export.
@lru_cache(maxsize=4096)
def _valid_email(value: str) -> bool:
    return _valid(_email, value)


@lru_cache(maxsize=4096)
def _valid_website(value: str) -> bool:
    return _valid(_url, value)


def import_comments(job: Job, post: Post, article: ArticlePage) -> None:
    """Create the post's comments that earlier runs have not (call in the post's transaction)."""
    store(job, prepare(job, post, article))


def prepare(
    job: Job, post: Post, article: ArticlePage, *, new_article: bool = False
) -> list[Prepared]:
    """The post's comments that earlier runs have not imported, checked and ready to store,
    each with its WordPress id (``post:comment``) and its post's guid; every outcome is
    reported here. ``new_article``: the article was just created, so none of its comments
    can be known yet."""
    if not post.comments:
        return []
    report = job.report
    prefix = f"{post.post_id}:"
    ordered = [
        (f"{c.comment_id if c.comment_id is not None else f'#{position}'}", c)
        for position, c in enumerate(thread_order(post.comments))
    ]
    known: dict[str, int] = {}
    if not new_article:
        # The comments earlier runs imported, and any a reply here answers: looked up by
        # their bookkeeping keys, so the unique index finds them however large the ledger.
        wanted = {f"{prefix}{wp_id}" for wp_id, _ in ordered}
        wanted |= {f"{prefix}{c.parent_id}" for _, c in ordered if c.parent_id}
        known = job.ledger.object_ids("comment", wanted, post.guid)
    by_external: dict[str, object] = {}
    if any(c.parent_id for _, c in ordered) and known:
        found = DiscussionComment.objects.in_bulk(list(known.values()))
        by_external = {ext: found.get(pk) for ext, pk in known.items()}
    prepared = []
    for wp_id, comment in ordered:
        external = f"{prefix}{wp_id}"
        label = f"comment {wp_id} on post {post.post_id}"
        if external in known:
            report.add("comments", "unchanged", label)
            continue
        parent, note = None, ""
        if comment.parent_id:
            parent = by_external.get(f"{prefix}{comment.parent_id}")
            if parent is None:
                note = "a reply to a comment that is not in the export (or was not imported)"
                note += " is kept as a top-level comment"
        try:
            text = plain_text(comment.content, links=True)
        except BodyTooLarge as exc:
            report.add("comments", "failed", label, str(exc))
            continue
        if not text:
            report.add("comments", "skipped", label, "the comment has no text")
            continue
        email = comment.author_email.strip()
        if email and not _valid_email(email):
            email, note = "", note or "an email address that is not valid was left out"
        website = comment.author_url.strip()
        if website and not _valid_website(website):
            website = ""
        kind = comment.comment_type or "comment"
        reason = f"Imported from WordPress ({kind}, {comment.approved or 'no status'})."
        try:
            ready = prepare_comment(
                article,
                text=text,
                name=comment.author.strip() or "Anonymous",
                email=email,
                website=website,
                parent=parent,
                status=comment.status,
                created_at=comment.date_gmt or article.first_published_at,
                ip=comment.author_ip or None,
                source=SOURCE,
                reasons=[{"check": SOURCE, "action": comment.status, "reason": reason}],
            )
        except ValueError as exc:
            report.add("comments", "failed", label, str(exc))
            continue
        by_external[external] = ready
        prepared.append((external, post.guid, ready))
        report.add("comments", "created", label, note)
    return prepared


def store(job: Job, prepared: list[Prepared]) -> None:
    """Write prepared comments (of one post or of a batch) with their bookkeeping rows."""
    if not prepared:
        return
    store_comments([comment for _, _, comment in prepared])
    job.ledger.record_many(
        [
            job.ledger.entry("comment", external, comment, guid=guid)
            for external, guid, comment in prepared
        ]
    )
