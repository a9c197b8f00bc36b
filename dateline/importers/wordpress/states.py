"""A post's or page's WordPress state, brought into Dateline: written once for both kinds.

=============  ==================================================================
WordPress      Dateline
=============  ==================================================================
publish        published, first published at the post's date
future         scheduled for the post's date (published at once if it has passed)
draft          a draft
pending        a draft submitted to the editors' review workflow
private        published behind a login (a Wagtail view restriction)
password       published behind the same password (a Wagtail view restriction)
trash          not imported (reported as skipped)
=============  ==================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from dateline.news import services

if TYPE_CHECKING:
    from dateline.importers.wxr import Post

STATES = {
    "publish": "published",
    "future": "scheduled",
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "review",
    "private": "private",
}


@dataclass(frozen=True)
class State:
    """Where a post stands: its Dateline state, the date that goes with it, and a note."""

    name: str
    when: datetime | None
    note: str

    @property
    def public(self) -> bool:
        """Published on creation (a private one behind a login, added by :func:`apply`)."""
        return self.name in ("published", "private")

    @property
    def published_at(self) -> datetime | None:
        return self.when if self.public else None


def state_of(post: Post) -> State:
    when = post.post_date_gmt or post.pub_date
    state, note, now = STATES[post.status], "", timezone.now()
    if state == "scheduled" and (when is None or when <= now):
        state, note = "published", "scheduled for a time already past: published"
    if state in ("published", "private"):
        if when is None:
            note = "no date in the export: first published now"
        when = min(when or now, now)
    return State(state, when, note)


def apply(page, post: Post, state: State, note: str):
    """Give a new article or plain page the rest of its WordPress state (the table above):
    scheduled, in review, or behind a login or password. Returns the page and the note."""
    if state.name == "scheduled":
        page = services.schedule_article(page, state.when)
    elif state.name == "review" and not services.submit_for_review(page):
        note = note or "no review workflow applies: kept as a draft"
    if state.name == "private" or post.password:
        services.restrict_page(page, password=post.password)
    return page, note


def on_update(post: Post, page, fields: dict, note: str) -> tuple[bool | None, str]:
    """What a later import does with a changed post's state: a draft that WordPress has since
    published is published, dated as WordPress dates it (``first_published_at`` goes into
    ``fields``); other changes of state (scheduling, review, privacy) are not applied, and the
    note says so. Returns the ``publish`` argument of the revise service, and the note."""
    state = state_of(post)
    if state.name == "published" and not page.live and page.go_live_at is None:
        fields["first_published_at"] = state.when
        return True, note
    if state.name not in ("published", "draft") or (state.name == "draft") == page.live:
        note = note or f"its state in WordPress ({post.status}) was not applied"
    return None, note
