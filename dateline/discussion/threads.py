"""A page of an article's discussion, built in a fixed number of queries whatever its size.

Top-level comments are paginated; each carries its whole thread, fetched in one query through
the `root` column and assembled in Python: count, top-level slice, replies, and (only for the
reader who holds the cookie) their own comments awaiting moderation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from dateline.discussion.models import Comment
from dateline.discussion.models.comment import safe_website

FIELDS = (
    "pk",
    "page_id",
    "parent_id",
    "root_id",
    "depth",
    "status",
    "text",
    "name",
    "website",
    "created_at",
    "erased_at",
)


class ThreadComment:
    """One comment as the thread shows it: its row's public fields and its replies.

    Plain rows, not model instances: building fifty deferred Comment instances cost more
    than the queries that fetched them, on every uncached article page.
    """

    __slots__ = (*FIELDS, "children", "awaiting_moderation")

    def __init__(self, row, awaiting_moderation=False):
        for name, value in zip(FIELDS, row, strict=True):
            setattr(self, name, value)
        self.children = []
        self.awaiting_moderation = awaiting_moderation

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def safe_website(self) -> str:
        return safe_website(self.website)


@dataclass
class Thread:
    comments: list  # top-level comments, each with `.children` (recursively)
    total: int  # approved comments on the article, replies included
    page_number: int
    num_pages: int
    top_level_count: int
    own_pending: list = field(default_factory=list)  # the reader's own, not yet approved

    @property
    def has_previous(self) -> bool:
        return self.page_number > 1

    @property
    def has_next(self) -> bool:
        return self.page_number < self.num_pages


def _order(rules) -> list[str]:
    newest = getattr(rules, "order", "oldest") == "newest"
    return ["-created_at", "-pk"] if newest else ["created_at", "pk"]


def page_number_of(comment: Comment, rules) -> int:
    """Which page of the discussion shows this approved comment (its thread's top comment)."""
    root = comment if comment.root_id is None else Comment.objects.get(pk=comment.root_id)
    top = Comment.objects.approved().filter(page_id=comment.page_id, depth=1)
    if getattr(rules, "order", "oldest") == "newest":
        before = top.filter(created_at__gt=root.created_at).count()
    else:
        before = top.filter(created_at__lt=root.created_at).count()
    return before // rules.effective_per_page + 1


def load(page, rules, page_number=1, own_ids=()) -> Thread:
    """The discussion's `page_number`-th page (clamped to the range that exists)."""
    approved = Comment.objects.approved().filter(page_id=page.pk)
    counts = approved.aggregate(top=Count("pk", filter=Q(depth=1)), total=Count("pk"))
    per_page = rules.effective_per_page
    top_count = counts["top"]
    num_pages = max(1, -(-top_count // per_page))
    try:
        page_number = min(max(1, int(page_number)), num_pages)
    except (TypeError, ValueError):
        page_number = 1
    start = (page_number - 1) * per_page
    top_level = approved.filter(depth=1).order_by(*_order(rules))
    roots = [ThreadComment(r) for r in top_level.values_list(*FIELDS)[start : start + per_page]]
    replies = [
        ThreadComment(r)
        for r in approved.filter(root_id__in=[c.pk for c in roots])
        .order_by("created_at", "pk")
        .values_list(*FIELDS)
    ]

    own_pending = []
    if own_ids:
        own_pending = [
            ThreadComment(r, awaiting_moderation=True)
            for r in Comment.objects.filter(
                pk__in=list(own_ids),
                page_id=page.pk,
                status__in=[Comment.Status.PENDING, Comment.Status.SPAM],
            )
            .order_by("created_at", "pk")
            .values_list(*FIELDS)
        ]

    by_id = {c.pk: c for c in roots + replies}
    for reply in replies:
        parent = by_id.get(reply.parent_id)
        if parent is not None:  # a reply whose parent was removed is not shown
            parent.children.append(reply)
    unplaced = []
    for comment in own_pending:
        parent = by_id.get(comment.parent_id)
        (parent.children if parent is not None else unplaced).append(comment)
    return Thread(roots, counts["total"], page_number, num_pages, top_count, unplaced)


def counts_for(page_ids) -> dict[int, int]:
    """Approved comment counts of many pages in one query (for article lists)."""
    rows = (
        Comment.objects.approved()
        .filter(page_id__in=list(page_ids))
        .values("page_id")
        .annotate(n=Count("pk"))
    )
    return {row["page_id"]: row["n"] for row in rows}
