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
