"""Reading the loosely typed numbers and times that JSON and XML wire formats carry."""

from __future__ import annotations

from datetime import UTC, datetime


def as_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def as_time(value) -> datetime | None:
    """An ISO 8601 time; one without a zone is taken as UTC; anything else is no time."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


MAX_RENDITION_WIDTH = 4000  # wider is a print master: the site makes its own sizes from less
MAX_RENDITION_BYTES = 10 * 1024 * 1024  # what the desk fetches (wire/images.py)


def best_rendition(renditions: list[tuple[str, int | None, int | None]]) -> str:
    """The address of the rendition to fetch as a lead image, from (href, width, bytes): the
    widest that is not a print master or over the fetch limit, else the first offered."""
    usable = [r for r in renditions if r[0].startswith(("http://", "https://"))]
    fitting = [
        r
        for r in usable
        if r[1] and r[1] <= MAX_RENDITION_WIDTH and (r[2] or 0) <= MAX_RENDITION_BYTES
    ]
    if fitting:
        return max(fitting, key=lambda r: r[1])[0][:1000]
    return usable[0][0][:1000] if usable else ""
