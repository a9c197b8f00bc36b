"""Flood control: how many comments an address group or an email posted lately.

Counted in the comments table itself: every stored comment keeps its time, its address group
and its email's blind index, both indexed with the time. One indexed query answers for both
subjects, holds across worker processes and servers without a shared cache, cannot drift from
what was stored, and costs nothing to record (the comment row is the record). Counters in the
cache took four cache reads and two writes per comment (bench/README.md), and a second way of
counting for when the cache was down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

HORIZON = 3600  # the longest window; older comments do not count


@dataclass(frozen=True)
class Window:
    seconds: int
    limit: int
    label: str


def windows(rules) -> list[Window]:
    """The configured limits, from the site's DiscussionSettings."""
    found = []
    if rules.flood_interval_seconds:
        found.append(Window(min(rules.flood_interval_seconds, HORIZON), 1, "flood"))
    if rules.max_per_minute:
        found.append(Window(60, rules.max_per_minute, "per minute"))
    if rules.max_per_hour:
        found.append(Window(HORIZON, rules.max_per_hour, "per hour"))
    return found


def _recent_posts(ip_group: str, email_index: str, now, seconds: int) -> dict[str, list[float]]:
    """Posting times in the last ``seconds``, per subject ('ip', 'email'), oldest first.

    Only the past counts: a backdated post (the demo) sees no "future" posts."""
    from dateline.discussion.models import Comment

    subjects = Q()
    if ip_group:
        subjects |= Q(ip_group=ip_group)
    if email_index:
        subjects |= Q(email_index=email_index)
    times: dict[str, list[float]] = {"ip": [], "email": []}
    if not subjects:
        return times
    rows = Comment.objects.filter(
        subjects,
        source="form",  # what readers posted; imported and moderator-made comments never count
        created_at__gt=now - timedelta(seconds=seconds),
        created_at__lte=now,
    ).values_list("ip_group", "email_index", "created_at")
    for group, index, created in rows.order_by("created_at"):
        if ip_group and group == ip_group:
            times["ip"].append(created.timestamp())
        if email_index and index == email_index:
            times["email"].append(created.timestamp())
    return times


def retry_after(rules, *, ip_group: str, email_index: str, now=None) -> int:
    """Seconds until this group and email may post again (0: they may post now)."""
    limits = windows(rules)
    if not limits:  # limits lifted: nothing to count
        return 0
    now = now or timezone.now()
    stamp = now.timestamp()
    wait = 0.0
    longest = max(window.seconds for window in limits)
    for times in _recent_posts(ip_group, email_index, now, longest).values():
        for window in limits:
            recent = [t for t in times if t > stamp - window.seconds]
            if len(recent) >= window.limit:
                # Free again when the oldest counted post leaves the window.
                wait = max(wait, recent[-window.limit] + window.seconds - stamp)
    return max(0, int(wait + 0.999)) if wait > 0 else 0
