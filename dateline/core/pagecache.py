"""The page cache: whole public pages for anonymous readers, purged by what they show.

Each cached page carries tags: what it shows (an article, a section, the front page, the
feeds...; the vocabulary is dateline/core/cache_tags.py, and each view declares its own with
add_tags or the tagged decorator). A tag has
a version in the cache; a page is fresh only while every tag it was stored with still has the
version it had then. Purging a tag gives it a new version, so every page that showed the purged
thing misses on its very next request, while pages that did not show it stay cached.

Pages are personal-data free by construction: requests that carry a session or a reader's
discussion cookie bypass the cache, and responses that set a cookie, vary on cookies or say
`private`/`no-store` are never stored. No cached page outlives local midnight (the masthead).

In edge mode (DATELINE_EDGE_ROOT) stored pages are also written to a folder nginx serves without
Python, and a purge deletes their files before it returns (dateline/core/edge.py).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from datetime import time as dtime

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

from dateline.core import cache_tags, edge, edge_peers, pagegrace
from dateline.core.release import release_id

logger = logging.getLogger("dateline.pagecache")

TAG_PREFIX = "pagecache:tag:"
PAGE_PREFIX = "pagecache:page:"
EPOCH_KEY = "pagecache:epoch"
# Releases (a rolling deploy): the newest to start, which each replaced, and those seen. The
# processes of a replaced release still running take its successor's copies as fresh instead of
# rendering them back with the old code.
RELEASE_KEY = "pagecache:release"
RELEASE_SEEN_PREFIX = "pagecache:release-seen:"
REPLACED_BY_PREFIX = "pagecache:replaced-by:"
# (epoch, expires, tag versions, status, headers, content, {"release", "out_of_date"})
ENTRY_FIELDS = 7
# Query parameters that change what a page shows; any other parameter bypasses the cache, and
# tracking parameters are ignored so that they cannot split or flood it.
KEY_PARAMETERS = {"page", "cpage"}
CANONICAL_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
IGNORED_PARAMETERS = {
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "fbclid",
    "gclid",
}
BYPASS_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/healthz",
    "/static/",
    "/media/",
    "/documents/",
    "/search/",
)
DEFAULT_BYPASS_COOKIES = ("sessionid", "dateline_comments", "dateline_commenter")


def _cache():
    return caches[getattr(settings, "DATELINE_PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "DATELINE_PAGE_CACHE", True)


def add_tags(request, *tags: str) -> None:
    """Record what a response shows, so that a change to any of it purges the page."""
    existing = getattr(request, "_dateline_cache_tags", None)
    if existing is None:
        existing = request._dateline_cache_tags = set()
    existing.update(tags)


def tagged(*tags: str):
    """A view decorator: every response of the view shows ``tags`` (for views that are not
    pages of the tree: feeds, sitemaps, robots.txt)."""

    def decorator(view):
        @functools.wraps(view)
        def tagged_view(request, *args, **kwargs):
            add_tags(request, *tags)
            return view(request, *args, **kwargs)

        return tagged_view

    return decorator


def keep_until(request, when: datetime | None) -> None:
    """This response changes by itself at `when` (a front-page pin expires): never keep it,
    in this cache, the edge or a browser, past that time."""
    if when is None:
        return
    earlier = getattr(request, "_dateline_cache_until", None)
    if earlier is None or when < earlier:
        request._dateline_cache_until = when


def purge(*tags: str, hard: bool = False) -> None:
    """Make every cached page that carries one of these tags stale.

    A soft purge (a correction, an approved comment, a new story in a listing) lets readers get
    the previous copy for the grace moment while one request renders the page
    (core/pagegrace.py). `hard=True` is for what must be gone at once: an unpublished, deleted
    or killed story, a page made private, the site's settings; no copy stored before it is
    served again."""
    if not tags:
        return
    cache = _cache()
    tag_keys = [TAG_PREFIX + t for t in set(tags)]
    try:
        # The epoch moves before the tags and again after them. A cache such as the file cache
        # writes set_many's keys one by one: a render that saw a new tag version always sees a
        # new epoch too (so it is not stored), and a hit re-stamped between the writes, while
        # the tags were still old, is checked again under the final epoch.
        cache.set(EPOCH_KEY, _new_epoch(), timeout=None)
        # Later than the tags' current versions even when the clock reads the same (a coarse or
        # frozen clock): grace compares a hard purge's version with a copy's by order.
        current = cache.get_many(tag_keys)
        version = max([time.time_ns(), *(v + 1 for v in current.values() if isinstance(v, int))])
        if hard:  # before the versions move: no reader sees the new version without its marker
            pagegrace.write_hard_markers(cache, set(tags), version, _new_epoch())
        cache.set_many({key: version for key in tag_keys}, timeout=None)
        cache.set(EPOCH_KEY, _new_epoch(), timeout=None)
    except Exception:
        # A cache that cannot take writes may still serve reads: forget the epoch and the
        # tags instead, so every page misses and is checked again, then report the failure.
        with suppress(Exception):
            cache.delete_many([EPOCH_KEY, pagegrace.HARD_EPOCH_KEY, *tag_keys])
        raise
    finally:
        # After the versions moved, so that no render begun before now can write a file again;
        # then the other servers' folders (edge mode on several servers).
        edge.purge(tags)
        edge_peers.tell(tags)


def _new_epoch() -> int:
    """Only ever compared for equality: a new value on every purge, whatever the clock says."""
    return secrets.randbits(62)


def tag_versions(tags: list[str]) -> dict[str, int]:
    """The current version of each tag the cache still knows (edge mode's sweep compares)."""
    found = _cache().get_many([TAG_PREFIX + t for t in tags])
    return {t: found[TAG_PREFIX + t] for t in tags if TAG_PREFIX + t in found}


def next_local_midnight(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), dtime.min))


def seconds_until_local_midnight(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return max(1, int((next_local_midnight(now) - now).total_seconds()))


def cache_key(request) -> str | None:
    """The key of a request's page, or None when the request must not use the cache."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(BYPASS_PREFIXES):
        return None
    if getattr(request, "is_dummy", False):
        return None  # Wagtail's preview of a draft, rendered at the public address: never kept
    bypass_cookies = getattr(settings, "DATELINE_PAGE_CACHE_BYPASS_COOKIES", DEFAULT_BYPASS_COOKIES)
    if any(name in request.COOKIES for name in bypass_cookies):
        return None
    kept = []
    for name in sorted(request.GET):
        if name in IGNORED_PARAMETERS:
            continue
        if name not in KEY_PARAMETERS or len(request.GET.getlist(name)) != 1:
            return None
        if not CANONICAL_NUMBER.fullmatch(request.GET[name]):
            return None  # ?page=007 or ?page=abc: rendered, never stored (no key flood)
        kept.append(f"{name}={request.GET[name]}")
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # let the rest of the stack answer 400 without a cached copy
    # No release in the key: after a deploy the old release's copy answers as out of date while
    # the new code renders the page (a warm deploy, core/pagegrace.py), instead of every page
    # missing at once.
    raw = f"{host}\n{request.path}\n{'&'.join(kept)}"
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    if "cookie" in response.get("Vary", "").lower():
        return False
    return bool(getattr(request, "_dateline_cache_tags", None))


def _http_cache_headers(response, etag: str, ttl: int) -> None:
    response["ETag"] = etag
    # Browsers revalidate every time (a cheap 304 from this cache): a reader who has just posted
    # a comment must get their own page, not the anonymous copy their browser kept, and an
    # approved comment must show at once (found by tests/browser/test_discussion_journey.py).
    browser = min(ttl, getattr(settings, "DATELINE_BROWSER_MAX_AGE", 0))
    response["Cache-Control"] = f"public, max-age={browser}, s-maxage={ttl}"


def _not_modified_or(request, response, etag):
    if etag in request.headers.get("If-None-Match", ""):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Content-Security-Policy"):
            if header in response:
                not_modified[header] = response[header]
        return not_modified
    return response


# Functions (bytes -> bytes) applied to a stored page each time it is served from the cache,
# for the few bytes that must be as fresh as the request, such as the discussion's form token
# (its fill-time check would otherwise date from the render: docs/decisions/0004). Each must be
# cheap, and must not change what the ETag stands for beyond such stamps.
HIT_FILTERS: list = []


class _LocalCopies:
    """A few hundred recent entries kept in this worker process, so a hit costs one shared read
    (the purge epoch) instead of two. Entries are only ever served after that epoch check."""

    def __init__(self, size: int = 256):
        self.size = size
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()  # a worker's threads share it: no eviction mid-lookup

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache; store fresh ones with their tags.

    Every purge also moves one shared epoch. An entry stored under the current epoch is fresh
    without looking at its tags; after a purge, the first hit of each entry checks its tags once
    and moves it to the new epoch. An entry out of date (a tag moved, or rendered by another
    release) may still answer for the grace moment while one request renders the page
    (core/pagegrace.py). A render during which a purge happened is stored as out of date.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = _LocalCopies()
        self.verdicts = pagegrace.Verdicts()
        if enabled():
            claim_release(_cache())

    def _current_code(self, cache, release: str) -> bool:
        """Whether a copy rendered by `release` is as good as this process's own render: its
        own release, or the one that replaced it (a deploy is replacing this process)."""
        mine = release_id()
        return release == mine or release == cache.get(REPLACED_BY_PREFIX + mine)

    def __call__(self, request):
        key = cache_key(request) if enabled() else None
        if key is None:
            return self.get_response(request)
        started = time.time()
        cache = _cache()
        epoch = cache.get(EPOCH_KEY)
        hit = self._lookup(cache, key, epoch)
        if hit is pagegrace.RENDERS:  # this request renders the out-of-date page for the others
            try:
                return self._render(cache, key, request, epoch, started)
            finally:
                overtaken = cache.get(EPOCH_KEY) != epoch  # purged again while rendering
                pagegrace.render_done(cache, key, started, time.time(), overtaken)
        if hit is not None:
            response, entry = hit
            if edge.enabled() and response["X-Dateline-Cache"] == "hit":
                # e.g. first stored from an address with utm_ parameters
                _copy_to_edge(request, cache, epoch, entry, started, only_if_missing=True)
            return _not_modified_or(request, response, response["ETag"])
        return self._render(cache, key, request, epoch, started)

    def _render(self, cache, key, request, epoch, started):
        response = self.get_response(request)
        if _storable(request, response):
            response = self._store(cache, key, request, response, epoch, started)
            if "ETag" in response:
                return _not_modified_or(request, response, response["ETag"])
        return response

    def _lookup(self, cache, key, epoch):
        """(response, entry) for a fresh copy, or an out-of-date one within grace; RENDERS when
        this request took the out-of-date page's render; else None."""
        if epoch is None:
            return None  # the cache restarted or a purge failed: nothing is known fresh
        now, hard_epoch, kept_stale = time.time(), None, None
        entry = self.local.get(key)
        if entry is None or entry[0] != epoch:
            hard_epoch, render_mark = pagegrace.watched(cache, key)
            kept_stale = self.verdicts.get(key, now, hard_epoch, render_mark)
            entry = kept_stale or cache.get(key)
        if not isinstance(entry, tuple) or len(entry) != ENTRY_FIELDS:
            return None  # nothing stored, or stored by code that kept other fields
        stored_epoch, expires, versions, status, headers, content, meta = entry
        if now >= expires:
            return None  # never past its time, nor past the midnight after its render began
        fresh = (
            not kept_stale
            and not meta["out_of_date"]
            and self._current_code(cache, meta["release"])
        )
        if fresh and stored_epoch != epoch:
            current = cache.get_many([TAG_PREFIX + t for t in versions])
            if all(current.get(TAG_PREFIX + t) == v for t, v in versions.items()):
                entry = (epoch, expires, versions, status, headers, content, meta)
                cache.set(key, entry, timeout=max(1, int(expires - now)))
            else:
                fresh = False
        if fresh:
            self.local.put(key, entry)
            self.verdicts.forget(key)
        elif not kept_stale:
            stale = pagegrace.may_serve_stale(cache, key, versions, now)
            if stale is None or stale is pagegrace.RENDERS:
                return stale
            self.verdicts.put(key, hard_epoch, stale, entry)
        for restamp in HIT_FILTERS:
            content = restamp(content)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Dateline-Cache"] = "hit" if fresh else "stale"
        return response, entry

    def _store(self, cache, key, request, response, epoch_at_start, started):
        if epoch_at_start is None:
            cache.add(EPOCH_KEY, _new_epoch(), timeout=None)
            return response  # first page after a cache restart: store from the next one on
        tags = sorted(request._dateline_cache_tags | {cache_tags.SITE})
        tag_keys = [TAG_PREFIX + t for t in tags]
        stored = cache.get_many([*tag_keys, EPOCH_KEY])
        missing = [k for k in tag_keys if k not in stored]
        if missing:  # tags seen for the first time get a version (add: never overwrite one)
            now_ns = time.time_ns()
            for tag_key in missing:
                cache.add(tag_key, now_ns, timeout=None)
            stored |= cache.get_many(missing)
        if len(stored) != len(tag_keys) + 1:
            return response  # the cache lost a version: skip
        out_of_date = stored[EPOCH_KEY] != epoch_at_start
        if out_of_date and not pagegrace.may_keep_render_from_before_purge(cache, tags, started):
            return response  # purged while rendering, and no grace for it
        versions = {t: stored[TAG_PREFIX + t] for t in tags}
        # Midnight is the one after the render began: a page whose masthead was dated before it
        # must not be kept after it, however late its rendering finished.
        # (Exact: a page rendered in the last second of the day is not kept at all.)
        midnight = next_local_midnight(datetime.fromtimestamp(started, tz=UTC)).timestamp()
        longest = getattr(settings, "DATELINE_PAGE_CACHE_SECONDS", 3600)
        ttl = int(min(longest, midnight - time.time()))
        until = getattr(request, "_dateline_cache_until", None)
        if until is not None:
            ttl = min(ttl, int(until.timestamp() - time.time()))
        if ttl < 1:
            return response
        # Weak: the same page goes out plain or gzip-compressed (GZipMiddleware would weaken a
        # strong one on the compressed copy only, and a 304 would then carry another ETag).
        etag = 'W/"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        _http_cache_headers(response, etag, ttl)
        headers = [(k, v) for k, v in response.items() if k.lower() != "x-dateline-cache"]
        meta = {"release": release_id(), "out_of_date": out_of_date}
        entry = (
            epoch_at_start,
            time.time() + ttl,
            versions,
            response.status_code,
            headers,
            response.content,
            meta,
        )
        cache.set(key, entry, timeout=ttl)
        if out_of_date:  # newer than the copy readers get meanwhile, but not known fresh
            pagegrace.stored_out_of_date(cache, key, started)
        else:
            pagegrace.stored_fresh(cache, key)
            self.local.put(key, entry)
            if edge.enabled() and request.method == "GET":
                _copy_to_edge(request, cache, epoch_at_start, entry, started)
        response["X-Dateline-Cache"] = "miss"
        return response


def claim_release(cache) -> None:
    """A process of a release never seen before makes it the newest as it starts, replacing the
    one before. A process of an older release starting late in a rolling deploy (a worker
    respawned) claims nothing, so old and new processes never render each other's copies back
    and forth. (A rollback to a release seen before would take its successor's copies as
    fresh: roll back under a new `DATELINE_RELEASE` name.)"""
    mine = release_id()
    try:
        if cache.add(RELEASE_SEEN_PREFIX + mine, 1, timeout=None):
            before = cache.get(RELEASE_KEY)
            cache.set(RELEASE_KEY, mine, timeout=None)
            if before and before != mine:
                cache.set(REPLACED_BY_PREFIX + before, mine, timeout=None)
    except Exception:  # noqa: BLE001 - a cache down at start: copies are then only our own
        logger.warning("page cache: could not record release %s", mine, exc_info=True)


def _copy_to_edge(request, cache, epoch, entry, started, only_if_missing=False) -> None:
    """Edge mode: write the page for nginx too, unless its address has parameters that change
    what it shows (nginx serves files only for addresses without a query string)."""
    if any(name not in IGNORED_PARAMETERS for name in request.GET):
        return
    _, expires, versions, _, headers, content, _ = entry
    edge.offer(
        request,
        headers=headers,
        content=content,
        tags=versions,
        expires=expires,
        started=started,
        still_current=lambda: cache.get(EPOCH_KEY) == epoch,
        only_if_missing=only_if_missing,
    )
