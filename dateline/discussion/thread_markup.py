"""A discussion's comments as HTML, each comment rendered once per process.

The whole rendered thread is kept in the shared cache (`discussion_tags.thread_html`), keyed by
everything it shows, so a new reply changes its key and the thread is rendered again. Under a
comment storm that was most of every render of the page (370 comments: about 100 of the page's
120 ms, bench/README.md), and a render is what stands between an approval and the readers who
see it. So each comment's own markup (its `<li>`, without its replies) is also kept in this
process's memory, keyed by everything `comment.html` shows of it; a thread that grew by one
reply renders that one comment and joins the others' kept markup.

Keys hold the shown fields themselves: a comment whose text, name, status or reply count
changed, a page number, a closed discussion, another time zone or language is another key, so a
kept piece can never be out of date. A reader's own comment awaiting moderation is never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

COMMENT_TEMPLATE = "discussion/includes/comment.html"
# Where a comment's replies go in its rendered markup: rendered once with this in their place,
# the markup is kept as the parts before and after it. Nothing a reader wrote can put it there:
# names, addresses and texts are escaped.
REPLIES = mark_safe("<!--replies-->")  # noqa: S308 - a constant


class _Kept:
    """The most recently used pieces of markup of this process (its threads share it)."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[tuple, tuple[str, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            parts = self.entries.get(key)
            if parts is not None:
                self.entries.move_to_end(key)
            return parts

    def put(self, key, parts) -> None:
        with self.lock:
            self.entries[key] = parts
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


KEPT = _Kept(size=4096)


def comments_html(comments, *, thread, closed_reason) -> SafeString:
    """The `<li>` of each comment, in order, each with its replies nested."""
    shown = (
        thread.page_number if thread is not None else 1,
        bool(closed_reason),
        timezone.get_current_timezone_name(),
        translation.get_language(),
    )
    context = {"thread": thread, "closed_reason": closed_reason}
    return mark_safe("".join(_comment_html(c, shown, context) for c in comments))  # noqa: S308


def _comment_html(comment, shown: tuple, context: dict) -> str:
    before, after = _parts(comment, shown, context)
    if not comment.children:
        return before
    return before + "".join(_comment_html(c, shown, context) for c in comment.children) + after


def what_it_shows(comment) -> tuple:
    """Every field of a comment that `comment.html` shows: a change to any of them is another
    key here and another digest of the cached thread (discussion_tags.thread_html)."""
    return (
        comment.pk,
        comment.depth,
        comment.name,
        comment.website,
        comment.text,
        comment.created_at,
        comment.erased_at,
    )


def _parts(comment, shown: tuple, context: dict) -> tuple[str, str]:
    key = None
    if not comment.awaiting_moderation:  # a reader's own pending comment is theirs alone
        key = (*shown, *what_it_shows(comment), bool(comment.children))
        parts = KEPT.get(key)
        if parts is not None:
            return parts
    template = get_template(COMMENT_TEMPLATE)
    html = template.render({**context, "comment": comment, "replies": REPLIES})
    before, _, after = html.partition(REPLIES)
    if key is not None:
        KEPT.put(key, (before, after))
    return before, after
