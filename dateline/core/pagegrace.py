"""Grace for the page cache: when a hot page is purged, one request renders it again while the
others get the previous copy at once (Varnish's grace, nginx's `proxy_cache_use_stale updating`).

Without it every purge of a busy article (a comment approved every few seconds in a breaking
story) sends every waiting reader to Python at once, just when the page is hottest.

The limits, each checked where a copy could be served:

- *A short, configured moment*: a copy that no longer matches its tags is served only while
  `DATELINE_PAGE_CACHE_GRACE_SECONDS` (default 10, Varnish's default grace) have not passed
  since the first request found it out of date, or since the render that produced it began,
  for a copy rendered while a purge happened. After that every request renders the page itself,
  as without grace. In practice a copy is replaced much sooner: see the next point.
- *One render of a page at a time, and not too often*: out of date, one request renders (across
  every process and server sharing the cache) while the others get the copy. When no purge
  overtook that render, the next change renders on the very next request; when one did (a
  storm: purges come faster than renders), the next render waits a window (a quarter second)
  or as long as the render took, if longer. Many purges of the same page therefore cost one
  render (purge coalescing), a change in a storm shows once the render that began after it is
  stored (at worst the rest of the render under way, the pause, and one render), and
  re-rendering a page purged 20 times a second never takes more than about half of
  one worker's time, however slow renders get on a loaded machine (a fixed four renders a
  second took every worker there: the storm fell to a few percent of the calm rate).
- *Hard purges* (an unpublished, deleted or killed story, a page made private, a change to the
  site or its settings): `pagecache.purge(..., hard=True)` leaves a marker per tag, and a copy
  stored before a hard purge of any of its tags is never served again.
- *Midnight*: a copy is never served after its expiry, which is never past the local midnight
  after its render began.
- *A reader's own pending comment*: requests with a discussion cookie or a session never use the
  cache (`pagecache.cache_key`), so they never get a copy, stale or not.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings

GRACE_PREFIX = "pagecache:grace:"  # page key -> when its copy was first known out of date
RENDER_PREFIX = "pagecache:render:"  # page key -> when the next render may begin
HARD_PREFIX = "pagecache:hard:"  # tag -> the version its last hard purge gave it
HARD_EPOCH_KEY = "pagecache:hard-epoch"  # moves on every hard purge (processes' kept verdicts)
WINDOW_SECONDS = 0.25
# A render that never reports back (its worker died) holds its page no longer than this.
LEASE_SECONDS = 5
# Tag versions are nanosecond clock readings of whichever server purged; a copy rendered while a
# hard purge happened is kept only when that purge was clearly before the render (clocks of
# several servers may disagree by a little).
CLOCK_MARGIN_NS = 5 * 10**9


def seconds() -> int:
    return int(getattr(settings, "DATELINE_PAGE_CACHE_GRACE_SECONDS", 10))


def window() -> float:
    """At most one render per page per window while its copy is out of date. Renders under a
    storm take far longer than when calm (a worker's threads share one interpreter lock with
    hundreds of cheap answers), so grace lasts much longer than one window."""
    return min(WINDOW_SECONDS, seconds())


def _kept_for() -> int:
    """As long as any copy can live: markers must outlive every copy stored before them."""
    return int(getattr(settings, "DATELINE_PAGE_CACHE_SECONDS", 3600)) + 60


def hard_markers(tags, version: int) -> dict[str, int]:
    return {HARD_PREFIX + t: version for t in tags}


def write_hard_markers(cache, tags, version: int, epoch: int) -> None:
    cache.set_many(hard_markers(tags, version), timeout=_kept_for())
    cache.set(HARD_EPOCH_KEY, epoch, timeout=None)


RENDERS = "renders"


class Stale(NamedTuple):
    """This request may answer with the out-of-date copy: since when it is out of date, and the
    page's render mark as this request saw it (when the next render may begin; a render under
    way holds it until its lease ends). A worker keeps the verdict while the mark stays."""

    since: float
    render_mark: float | None


def may_serve_stale(cache, key: str, versions: dict[str, int], now: float) -> Stale | str | None:
    """A Stale when this request may answer with the out-of-date copy stored with `versions`;
    RENDERS when this request took the page's render (call render_done after it); None when
    grace does not apply (it renders the page for itself)."""
    grace = seconds()
    if grace <= 0:
        return None
    hard = cache.get_many([HARD_PREFIX + t for t in versions])
    if any(hard.get(HARD_PREFIX + t, v) > v for t, v in versions.items()):
        return None
    since = cache.get(GRACE_PREFIX + key)
    if since is None:
        cache.add(GRACE_PREFIX + key, now, timeout=_kept_for())
        since = now
    if now - since >= grace:
        return None
    taken, mark = take_render(cache, key, now)
    return RENDERS if taken else Stale(since, mark)


def take_render(cache, key: str, now: float) -> tuple[bool, float | None]:
    """Whether this request renders the out-of-date page (no render of it is under way and the
    pause after the last one is over; exactly one of the requests that find it so wins), and
    the render mark it found."""
    name = RENDER_PREFIX + key
    if cache.add(name, now + LEASE_SECONDS, timeout=_kept_for()):
        return True, None
    not_before = cache.get(name)
    if not_before is not None and now < not_before:
        return False, not_before
    # Free again: of the requests that saw the same free slot, the one whose add lands wins.
    if not cache.add(f"{name}:{not_before}", 1, timeout=LEASE_SECONDS + 1):
        return False, not_before
    cache.set(name, now + LEASE_SECONDS, timeout=_kept_for())
    return True, None


def render_done(cache, key: str, started: float, now: float, overtaken: bool) -> None:
    """The render this request took is over. When a purge overtook it (a storm), the next may
    begin after a pause as long as the render took, and at least a window; otherwise at once,
    so the next change, however soon, shows on the very next request. Either way the render
    mark moves, which every worker's kept verdict on the page watches."""
    if not overtaken:
        cache.delete(RENDER_PREFIX + key)
        return
    pause = max(window(), now - started)
    cache.set(RENDER_PREFIX + key, now + pause, timeout=_kept_for())


def watched(cache, key: str) -> tuple[object, float | None]:
    """What a kept verdict on the page depends on, in one cache read: the hard-purge epoch and
    the page's render mark."""
    found = cache.get_many([HARD_EPOCH_KEY, RENDER_PREFIX + key])
    return found.get(HARD_EPOCH_KEY), found.get(RENDER_PREFIX + key)


class Verdicts:
    """What a worker process last decided for an out-of-date page: under a storm each answer
    then costs two small cache reads (the purge epoch, then the hard-purge epoch with the
    page's render mark) instead of a dozen and the whole copy.

    A verdict holds only while nothing it rests on has moved: a hard purge moves the hard epoch;
    a render of the page beginning or ending (a newer copy stored) moves the render mark; the
    mark's time passing means the next render may begin; and no verdict outlives the grace
    moment. So a copy another process stored is served on the next request, and the next
    render begins as soon as the pause allows, in every process."""

    def __init__(self, size: int = 256):
        self.entries: dict = {}
        self.size = size

    def get(self, key: str, now: float, hard_epoch, render_mark):
        kept = self.entries.get(key)
        if kept is None:
            return None
        epoch, mark, since, entry = kept
        if epoch != hard_epoch or mark != render_mark or mark is None or now >= mark:
            return None
        if now - since >= seconds():
            return None
        return entry

    def put(self, key: str, hard_epoch, stale: Stale, entry) -> None:
        if len(self.entries) >= self.size:
            self.entries.clear()
        self.entries[key] = (hard_epoch, stale.render_mark, stale.since, entry)

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)


def may_keep_render_from_before_purge(cache, tags, started: float) -> bool:
    """A page whose render overlapped a purge may be kept as an out-of-date copy (newer than the
    one readers get meanwhile), unless one of its tags was purged hard around that time."""
    if seconds() <= 0:
        return False
    hard = cache.get_many([HARD_PREFIX + t for t in tags])
    return all(v < started * 1e9 - CLOCK_MARGIN_NS for v in hard.values())


def stored_out_of_date(cache, key: str, started: float) -> None:
    """The copy just stored may miss what was purged since `started`."""
    cache.set(GRACE_PREFIX + key, started, timeout=_kept_for())


def stored_fresh(cache, key: str) -> None:
    cache.delete(GRACE_PREFIX + key)
