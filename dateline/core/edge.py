"""Edge mode: the page cache also writes pages to a folder that nginx serves without Python.

Layout of DATELINE_EDGE_ROOT (nginx's configuration comes from `dateline edge_config`):

    pages/<local date>/<host>/<path>/index.html   a cached page (index.rss, index.atom: feeds)
    index.sqlite3                                 which file shows which tags, until when
    tmp/                                          files being written, moved into place whole

Three rules keep a file from ever being wrong:

- A file is written only when nginx would send exactly the headers Dateline sent (same
  security headers, a content type nginx knows from the file name, nothing else that matters).
  Sitemaps (X-Robots-Tag), pages with a Vary or another policy stay in Python.
- Writing a file and purging a tag are serialised by the index's write lock, and a write checks
  the page cache's purge epoch again under that lock: a render that began before a purge never
  lands on disk after the purge deleted that page's files.
- nginx looks only in today's folder (the newsroom's date), so nothing rendered before local
  midnight is served after it; `dateline edge_sweep` (every minute in the worker) removes
  expired files, older days, files whose tags moved without a purge reaching this folder, and
  files the index does not know.
"""

from __future__ import annotations

import gzip
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.utils import timezone

from dateline.core import edge_index as index
from dateline.core import middleware
from dateline.core.edge_index import INDEX, PAGES

logger = logging.getLogger("dateline.edge")

# What nginx can send for a file, by its name (the `types` of the generated configuration).
FILE_NAMES = {
    "text/html; charset=utf-8": "index.html",
    "application/rss+xml; charset=utf-8": "index.rss",
    "application/atom+xml; charset=utf-8": "index.atom",
}
# Headers nginx makes itself for a file: its type, length, validators and caching.
OWN_HEADERS = {
    "content-type",
    "content-length",
    "etag",
    "last-modified",
    "cache-control",
    "x-dateline-cache",
}
MAX_SEGMENT_BYTES = 200
MAX_PATH_BYTES = 1000


def root() -> Path | None:
    value = getattr(settings, "DATELINE_EDGE_ROOT", None)
    return Path(value) if value else None


def enabled() -> bool:
    return root() is not None


def hosts() -> set[str]:
    """Hosts pages are written for: literal ALLOWED_HOSTS entries and the public address's host.

    Wildcard entries are left out, so that no Host header can make the cache grow new folders."""
    names = [h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")]
    names.append(split_domain_port(urlsplit(settings.DATELINE_BASE_URL).netloc)[0])
    return {n.lower() for n in names if n and "/" not in n and ".." not in n and n[0] != "."}


def page_headers() -> dict[str, str]:
    """The security headers Dateline sends with a public page; nginx repeats them exactly."""
    headers = {
        "Content-Security-Policy": middleware.PUBLIC_CSP,
        "Permissions-Policy": middleware.PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": middleware.CROSS_ORIGIN_OPENER_POLICY,
        "X-Frame-Options": getattr(settings, "X_FRAME_OPTIONS", "DENY").upper(),
    }
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["X-Content-Type-Options"] = "nosniff"
    policy = settings.SECURE_REFERRER_POLICY
    if policy:  # as django.middleware.security.SecurityMiddleware joins it
        parts = [v.strip() for v in policy.split(",")] if isinstance(policy, str) else policy
        headers["Referrer-Policy"] = ",".join(parts)
    return headers


def hsts_header() -> str | None:
    """Strict-Transport-Security as Django sends it (over HTTPS only)."""
    if not settings.SECURE_HSTS_SECONDS:
        return None
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def file_name(headers: Iterable[tuple[str, str]]) -> str | None:
    """The name nginx would serve this response under, or None when nginx would not send
    exactly the headers Dateline sent."""
    expected = {k.lower(): v for k, v in page_headers().items()}
    name, seen = None, set()
    for header, value in headers:
        key = header.lower()
        if key == "content-type":
            name = FILE_NAMES.get(value.lower())
        elif key in OWN_HEADERS or (key == "strict-transport-security" and value == hsts_header()):
            continue
        elif expected.get(key) == value:
            seen.add(key)
        else:
            return None
    return name if seen == expected.keys() else None


def page_folder(host: str, path: str) -> str | None:
    """`<host><path>` for a page's folder, or None when the address must not become a file.

    Only normalised paths ending in "/" (every page and feed of the site): nginx looks for
    `<path>index.html`, which no other address can name."""
    if host not in hosts() or not path.startswith("/") or not path.endswith("/"):
        return None
    if len(path.encode()) > MAX_PATH_BYTES or any(ord(c) < 32 or c in "\\\x7f" for c in path):
        return None
    segments = path[1:-1].split("/") if path != "/" else []
    if any(s in ("", ".", "..") or len(s.encode()) > MAX_SEGMENT_BYTES for s in segments):
        return None
    return host + path


def day_of(timestamp: float) -> str:
    """The newsroom's local date at that moment: the folder nginx looks in that day."""
    return timezone.localtime(datetime.fromtimestamp(timestamp, tz=UTC)).date().isoformat()


PENDING = "_dateline_edge_page"


def offer(request, **page) -> None:
    """Ask EdgeMiddleware to write this page (save()'s arguments) once the response carries
    every header the reader gets, including those the outer middleware adds."""
    setattr(request, PENDING, page)


class EdgeMiddleware:
    """Outermost middleware: writes the page the cache offered, with the reader's headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        base = root()
        if base is not None:  # a server process starting claims the folder for its release:
            # pages other code wrote go now (readers get them from the page cache as out-of-date
            # copies while they render again: a warm deploy)
            try:
                with index.locked(base) as db:
                    index.check_release(db, base)
            except (OSError, sqlite3.Error):
                logger.exception("edge: could not check the release of %s", base)

    def __call__(self, request):
        response = self.get_response(request)
        page = getattr(request, PENDING, None)
        if page is not None:
            headers = {name.lower(): (name, value) for name, value in page.pop("headers")}
            for name, value in response.items():  # what the outer middleware added
                headers.setdefault(name.lower(), (name, value))
            try:
                save(request, headers=list(headers.values()), **page)
            except Exception:  # the reader has their page; a copy nginx misses costs only speed
                logger.exception("edge: could not write %s", request.path)
        return response


def save(
    request,
    *,
    headers: list[tuple[str, str]],
    content: bytes,
    tags: dict[str, int],
    expires: float,
    started: float,
    still_current: Callable[[], bool],
    only_if_missing: bool = False,
) -> bool:
    """Write a page the page cache stored, for nginx; True when a file was written.

    `headers` are every header the reader got with it, `tags` the tag versions it was stored
    with, `started` when its render began, and `still_current()` (asked under the index's lock)
    says that no purge happened since."""
    base = root()
    name = file_name(headers) if base else None
    if name is None:
        return False
    try:
        folder = page_folder(split_domain_port(request.get_host())[0], request.path)
    except DisallowedHost:
        return False
    day = day_of(started)
    if folder is None or day_of(time.time()) != day:
        return False
    pages = base / PAGES
    key = f"{day}/{folder}{name}"
    target = pages / key
    if not os.path.normpath(target).startswith(f"{pages}{os.sep}"):
        return False
    if only_if_missing and target.is_file():
        return False
    written = []
    try:
        written.append(index.temporary(base, content))
        # mtime=0: the same page always packs to the same bytes.
        written.append(index.temporary(base, gzip.compress(content, mtime=0)))
    except OSError:
        logger.warning("edge: could not write a temporary file in %s", base, exc_info=True)
        index.remove_temporary(written)
        return False
    temporary, packed = written
    try:
        with index.locked(base) as db:
            if not still_current() or day_of(time.time()) != day:
                return False  # purged while rendering, or rendered before midnight
            if not index.owned_by_this_release(db, base):
                return False  # an older release still running while a newer one starts
            index.make_folders(target.parent)
            if not target.parent.resolve().is_relative_to(pages.resolve()):
                return False  # a symbolic link somewhere: never write outside the root
            db.execute("DELETE FROM tags WHERE path = ?", (key,))
            db.executemany(
                "INSERT INTO tags VALUES (?, ?, ?)", [(t, v, key) for t, v in tags.items()]
            )
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (key, day, expires))
            # The gzip copy first: nginx looks for a page by its plain file.
            os.replace(packed, f"{target}{index.GZIP_SUFFIX}")
            os.replace(temporary, target)
            index.delete(db, pages, index.expired(db, time.time()))
        return True
    except (OSError, sqlite3.Error):
        logger.warning("edge: could not write %s", key, exc_info=True)
        with suppress(OSError):
            index.unlink(pages, [key])  # whatever is there may not be in the index
        return False
    finally:
        index.remove_temporary(written)  # what a completed write moved into place is gone


def purge(tags: Iterable[str]) -> None:
    """Delete the files of every page that carries one of these tags, before returning.

    Called by pagecache.purge() after the tags' versions moved. When the index cannot be used,
    every file goes: an empty folder is slower, never stale."""
    base = root()
    if base is None:
        return
    tags = sorted(set(tags))
    try:
        with index.locked(base) as db:
            index.delete(db, base / PAGES, sorted(index.tagged(db, tags)))
            index.delete(db, base / PAGES, index.expired(db, time.time()))
    except (OSError, sqlite3.Error):
        logger.exception("edge: purge of %s failed; removing every edge file instead", tags)
        try:
            index.wipe(base)
        except OSError:
            logger.critical("edge: could not empty %s: nginx may serve stale pages", base)


def sweep(current_versions: Callable[[list[str]], dict[str, int]], dry_run=False) -> dict:
    """Remove what nginx must no longer serve; return how many files of each kind.

    `current_versions(tags)` gives the page cache's tag versions: a file stored with another
    version missed a purge (one made where DATELINE_EDGE_ROOT was not set, or on another
    server sharing the cache) and goes, as its page in the page cache went stale."""
    base = root()
    if base is None or not (base / INDEX).exists():
        return {}
    now = time.time()
    return index.sweep_folder(base, day_of(now), now, current_versions, dry_run)
