"""What may hold a story back from publication, checked on every way a story goes out.

A story that is not live may be refused publication by a *guard*: a killed story never comes
back; wire copy under an agency's embargo (registered by dateline.wire) not before its time.
The guards are asked, in this order of strength:

1. `ArticlePage.publish()`, Wagtail's own entry point, used by `revision.publish()`, the
   scheduler (`publish_scheduled`), workflow approval, the bulk "Publish" action, reverts and
   every news service. Checked before anything is written, so a refusal changes nothing.
2. The admin's Publish button (the `before_publish_page` hook, news/wagtail_hooks.py): Wagtail's
   editor calls its publish action directly, not through the model; the editor's changes stay
   a draft and the message offers to schedule the story at the first allowed time.
3. `ArticlePage.save()` as a backstop for anything else that makes a stored, not-live story live
   (Wagtail's admin API publish action, or code setting `live=True` by hand).

A story that is already live is never refused here: an embargo holds back a first appearance,
and corrections to a published story must always go out.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime


class PublishRefused(Exception):
    """Publishing this story now is not allowed; the message says why for an editor.

    `not_before` is the first time it may go out (an embargo's end), None if never (a kill)."""

    def __init__(self, message: str, *, page_id: int | None, not_before: datetime | None = None):
        super().__init__(message)
        self.page_id = page_id
        self.not_before = not_before


# A guard gets the story and the time it would go live; it returns a refusal, or None.
Guard = Callable[[object, datetime], PublishRefused | None]
_guards: list[Guard] = []

# The story whose publication publish() has already checked: its save need not ask again.
_checked_page = contextvars.ContextVar("dateline_checked_publication", default=None)


def register(guard: Guard) -> Guard:
    """Add a guard (usable as a decorator); registering the same function twice adds it once."""
    if guard not in _guards:
        _guards.append(guard)
    return guard


def refusal(page, when: datetime | None = None) -> PublishRefused | None:
    """Why `page` may not go live at `when` (default now), or None when it may."""
    when = when or timezone.now()
    for guard in _guards:
        refused = guard(page, when)
        if refused is not None:
            return refused
    return None


def check(page, when: datetime | None = None) -> None:
    refused = refusal(page, when)
    if refused is not None:
        raise refused


def go_live_time(revision) -> datetime:
    """When publishing `revision` would make it live: its go-live time if in the future (Wagtail
    then schedules it instead), otherwise now."""
    now = timezone.now()
    raw = (revision.content or {}).get("go_live_at")
    go_live_at = parse_datetime(raw) if isinstance(raw, str) else raw
    if go_live_at is not None and timezone.is_naive(go_live_at):
        go_live_at = timezone.make_aware(go_live_at)
    return go_live_at if go_live_at and go_live_at > now else now


class checked:
    """Within this block, saving `page` live has been checked already (by publish())."""

    def __init__(self, page):
        self.pk = page.pk

    def __enter__(self):
        self._token = _checked_page.set(self.pk)

    def __exit__(self, *exc):
        _checked_page.reset(self._token)


def already_checked(page) -> bool:
    return page.pk is not None and _checked_page.get() == page.pk


def killed_guard(page, when):
    from dateline.news.models import KilledStory

    if KilledStory.objects.filter(page_id=page.pk).exists():
        return PublishRefused(
            "This story was killed and cannot be published again.", page_id=page.pk
        )
    return None


register(killed_guard)


def hold_back_due_schedules() -> list[tuple[object, PublishRefused]]:
    """Before the scheduler publishes what is due: move a refused story's scheduled time to its
    first allowed time (an embargo moved later after the story was scheduled), or cancel it
    (a story killed since). Wagtail's loop stops at the first error, so a refusal there would
    hold back every other scheduled page. Returns the (page, refusal) pairs held back."""
    from wagtail.models import Revision

    from dateline.news.models import ArticlePage

    held = []
    due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by("pk")
    for revision in due:
        page = revision.content_object
        if not isinstance(page, ArticlePage) or page.live:
            continue
        refused = refusal(page)
        if refused is None:
            continue
        revision.approved_go_live_at = refused.not_before
        revision.save(update_fields=["approved_go_live_at"])
        held.append((page, refused))
    return held
