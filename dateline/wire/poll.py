"""Polling sources' feed addresses, run by the worker every minute (`dateline poll_wire`).

Each source with a feed address is fetched when due, through the importers' guarded fetch (the
same refusal of private, loopback and link-local addresses as media fetching, a size cap and a
timeout), as a conditional GET: the ETag and Last-Modified of the last answer go back, so an
unchanged feed costs the agency a 304. A failure (refused address, HTTP error, a feed that
cannot be read) doubles the wait before the next try, up to MAX_BACKOFF, and is shown on the
source; a success resets it.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from dateline.importers.wordpress.fetch import FetchRefused, fetch_response
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import Source

MAX_BYTES = 10 * 1024 * 1024
MAX_BACKOFF = timedelta(hours=6)


def due_sources(now=None):
    now = now or timezone.now()
    return Source.objects.exclude(feed_url="").filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )


def poll_due(now=None, fetcher=fetch_response) -> dict[str, str]:
    """Poll every due source; returns each source's outcome, for the command's summary."""
    now = now or timezone.now()
    return {source.name: poll(source, now=now, fetcher=fetcher) for source in due_sources(now)}


def poll(source: Source, *, now=None, fetcher=fetch_response) -> str:
    now = now or timezone.now()
    headers = {}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    try:
        got = fetcher(source.feed_url, max_bytes=MAX_BYTES, headers=headers)
    except FetchRefused as exc:
        return _failed(source, now, str(exc))
    if got.status == 304:
        return _succeeded(source, now, "not modified")
    report = Report()
    ingest_bytes(got.body, source.feed_url, report, source.name)
    if report.refused:
        return _failed(source, now, report.refused[0][1])
    source.etag = got.headers.get("ETag", "")[:300]
    source.last_modified = got.headers.get("Last-Modified", "")[:100]
    return _succeeded(source, now, report.summary())


def _succeeded(source: Source, now, outcome: str) -> str:
    source.failures, source.last_error = 0, ""
    source.next_poll_at = now + timedelta(minutes=max(source.poll_minutes, 1))
    source.save(update_fields=["etag", "last_modified", "failures", "last_error", "next_poll_at"])
    return outcome


def _failed(source: Source, now, reason: str) -> str:
    source.failures += 1
    source.last_error = reason[:500]
    wait = timedelta(minutes=max(source.poll_minutes, 1)) * (2 ** min(source.failures, 12))
    source.next_poll_at = now + min(wait, MAX_BACKOFF)
    source.save(update_fields=["failures", "last_error", "next_poll_at"])
    return f"failed: {reason}"
