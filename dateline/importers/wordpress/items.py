"""Posts and pages, one at a time: the bookkeeping both kinds share, and the strategy table.

:func:`import_post` skips what cannot be imported, recognises a post imported before (the
ledger), creates or updates it through the strategy for its post type (:data:`STRATEGIES`:
:mod:`.posts` makes articles, :mod:`.pages` plain pages), then adds its redirects and comments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import pages, posts
from .comments import import_comments
from .ledger import fingerprint, item_key
from .states import STATES

if TYPE_CHECKING:
    from dateline.importers.models import ImportedItem
    from dateline.importers.wxr import Post

    from .job import Job


@dataclass(frozen=True)
class Strategy:
    """How one WordPress post type becomes a Dateline page."""

    kind: str  # the report's row and the ledger's kind
    create: Callable[[Job, Post], tuple[Any, str]]  # a new page, and a note
    update: Callable[[Job, Post, Any], tuple[Any, str]]  # the page revised, and a note
    redirect: Callable[[Job, Post, Any], None]  # its old addresses to the page


STRATEGIES = {
    "post": Strategy(posts.KIND, posts.create, posts.update, posts.redirect),
    "page": Strategy(pages.KIND, pages.create, pages.update, pages.redirect),
}


def strategy_for(post: Post) -> Strategy:
    return STRATEGIES["page" if post.post_type == "page" else "post"]


def kind_of(post: Post) -> str:
    return strategy_for(post).kind


def label(post: Post) -> str:
    where = f" (line {post.line})" if post.line else ""
    return f"{post.post_type} {post.post_id} {post.title[:60]!r}{where}"


def _fingerprint(post: Post) -> str:
    return fingerprint(
        post.title,
        post.content,
        post.excerpt,
        post.status,
        post.post_date_gmt,
        post.password,
        post.categories,
        post.meta("_thumbnail_id"),
        post.comment_status,
        post.post_name,
    )


def key_of(post: Post) -> str:
    """The post's bookkeeping key (kind, WordPress id and guid)."""
    return item_key(kind_of(post), str(post.post_id or ""), post.guid)


def record_created(job: Job, post: Post, article, note: str) -> ImportedItem:
    """The bookkeeping row and the summary line of a post the bulk path created."""
    kind = kind_of(post)
    row = job.ledger.entry(
        kind,
        str(post.post_id or ""),
        article,
        guid=post.guid,
        fingerprint=_fingerprint(post),
        version=article.latest_revision_id,
    )
    job.report.add(kind, "created", label(post), note)
    return row


_UNREAD = object()


def skip(job: Job, post: Post, reason: str, *, outcome: str = "skipped") -> None:
    """Report a post left out, and each of its comments with it, so that the comments row of
    the table adds up to the export's count in the report's heading."""
    job.report.add(kind_of(post), outcome, label(post), reason)
    for comment in post.comments:
        job.report.add(
            "comments",
            outcome,
            f"comment {comment.comment_id} on post {post.post_id}",
            f"its post was not imported ({reason})",
        )


def import_post(job: Job, post: Post, row=_UNREAD) -> None:
    """Import one post or page with its comments and redirects (inside its transaction).

    ``row`` is its bookkeeping row when the caller has looked it up already (None: new)."""
    strategy = strategy_for(post)
    kind, name = strategy.kind, label(post)
    report = job.report
    if post.post_id is None and not post.guid:
        skip(job, post, "no post id and no guid: it could not be recognised")
        return
    if post.status in ("trash", "inherit"):
        skip(job, post, f"the post is in WordPress's {post.status} state")
        return
    if post.status not in STATES:
        skip(job, post, f"unknown post status {post.status!r}")
        return
    external = str(post.post_id or "")
    key = item_key(kind, external, post.guid)
    if key in job.seen:
        skip(job, post, "the same post appears twice in the export")
        return
    if row is _UNREAD:
        row = job.ledger.find(kind, external, post.guid)
    fingerprint_now = _fingerprint(post)
    if row is None:
        page, note = strategy.create(job, post)
        job.ledger.record(
            kind,
            external,
            page,
            guid=post.guid,
            fingerprint=fingerprint_now,
            version=page.latest_revision_id,
        )
        report.add(kind, "created", name, note)
    else:
        page = row.target
        if page is None:
            skip(job, post, "deleted in Dateline after an earlier import")
            return
        if row.fingerprint == fingerprint_now:
            report.add(kind, "unchanged", name)
        elif page.latest_revision_id != row.object_version:
            # A newer revision than the import wrote (or any revision of an article the bulk
            # path wrote without one): edited in Dateline since.
            report.add(
                kind,
                "skipped",
                name,
                "changed in WordPress and edited in Dateline since an earlier import;"
                " Dateline's copy was kept",
            )
        else:
            page, note = strategy.update(job, post, page)
            row.fingerprint, row.object_version = fingerprint_now, page.latest_revision_id
            row.save(update_fields=["fingerprint", "object_version"])
            report.add(
                kind, "updated", name, note or "changed in WordPress since an earlier import"
            )
    strategy.redirect(job, post, page)
    import_comments(job, post, page)
    job.seen.add(key)
