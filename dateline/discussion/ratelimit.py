"""Flood control: how many comments an address group or an email posted lately.

Counters are kept in the cache (Redis in production) as a short list of posting times per
subject, under a keyed digest so that no address or email sits in the cache in clear. When the
cache raises, the same question is answered from the comments table itself (every stored comment
has its time, address group and email index), so a cache outage never opens the gate.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from dateline.discussion import crypto

logger = logging.getLogger(__name__)
HORIZON = 3600  # the longest window; older times are dropped


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


def _cache():
    return caches[settings.DATELINE_DISCUSSION_CACHE]


def _key(kind: str, subject: str) -> str:
    return f"dateline:discussion:rl:{kind}:{crypto.keyed_digest('ratelimit', kind, subject)}"


def _times_from_database(kind: str, subject: str, now) -> list[float]:
    from dateline.discussion.models import Comment

    field = "ip_group" if kind == "ip" else "email_index"
    since = now - timedelta(seconds=HORIZON)
    rows = Comment.objects.filter(
        **{field: subject, "created_at__gte": since, "created_at__lte": now}
    ).values_list("created_at", flat=True)
    return [t.timestamp() for t in rows]


def _times(kind: str, subject: str, now) -> list[float]:
    try:
        stored = _cache().get(_key(kind, subject))
    except Exception:  # any cache failure: count in the database instead (never fail open)
        logger.warning("comment rate-limit cache unavailable; counting in the database")
        return _times_from_database(kind, subject, now)
    return [t for t in stored or [] if isinstance(t, int | float)]


def retry_after(rules, *, ip_group: str, email_index: str, now=None) -> int:
    """Seconds until this group and email may post again (0: they may post now)."""
    now = now or timezone.now()
    stamp = now.timestamp()
    wait = 0.0
    for kind, subject in (("ip", ip_group), ("email", email_index)):
        if not subject:
            continue
        # Only the past counts: a backdated post (the demo, an import) sees no "future" posts.
        times = sorted(t for t in _times(kind, subject, now) if stamp - HORIZON < t <= stamp)
        for window in windows(rules):
            recent = [t for t in times if t > stamp - window.seconds]
            if len(recent) >= window.limit:
                # Free again when the oldest counted post leaves the window.
                wait = max(wait, recent[-window.limit] + window.seconds - stamp)
    return max(0, int(wait + 0.999)) if wait > 0 else 0


def record(*, ip_group: str, email_index: str, when=None) -> None:
    """Count one stored comment (the database row counts too, should the cache fail)."""
    stamp = (when or timezone.now()).timestamp()
    for kind, subject in (("ip", ip_group), ("email", email_index)):
        if not subject:
            continue
        key = _key(kind, subject)
        try:
            cache = _cache()
            times = [t for t in cache.get(key) or [] if t > stamp - HORIZON]
            cache.set(key, [*times, stamp][-200:], HORIZON)
        except Exception:  # the comment row itself is the fallback record
            logger.warning("comment rate-limit cache unavailable; not recording in the cache")
