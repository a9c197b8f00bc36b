"""The date archives' addresses and the links between them (/2024/, /2024/11/, /2024/11/21/).

The archives are the front page's routes (models/home.py). Readers reach them from an article's
publication date, a section's foot, the site's footer, and from one archive page to the next:
up (day to month to year), across (the nearest earlier and later period with stories) and, on a
year's page, down to its months. Every lookup here reads the publication-date index and returns
a handful of rows, however large the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from dateline.news.queries import public_articles

GRANULARITIES = ("year", "month", "day")


def local_day(value) -> date:
    """A datetime's day in the newsroom's time zone (the archives' days); a date as it is."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def archive_path(value, granularity: str = "month") -> str:
    """The site-relative address of the archive holding `value` (a date or datetime)."""
    day = local_day(value)
    if granularity == "year":
        return f"/{day:%Y}/"
    if granularity == "day":
        return f"/{day:%Y/%m/%d}/"
    return f"/{day:%Y/%m}/"


@dataclass
class ArchiveNav:
    up: list[tuple[str, date]] = field(default_factory=list)  # (granularity, first day)
    months: list[date] = field(default_factory=list)  # a year's months that have stories
    previous: date | None = None  # a day of the nearest earlier period with stories
    next: date | None = None  # a day of the nearest later period with stories


def archive_nav(first: date, after: date, granularity: str, since, until) -> ArchiveNav:
    """Links from the archive of [first, after): `since` and `until` are those days' local
    midnights (aware datetimes), as the archive's own query uses them."""
    nav = ArchiveNav()
    if granularity in ("month", "day"):
        nav.up.append(("year", first.replace(month=1, day=1)))
    if granularity == "day":
        nav.up.append(("month", first.replace(day=1)))
    articles = public_articles()
    if granularity == "year":
        in_year = articles.filter(first_published_at__gte=since, first_published_at__lt=until)
        nav.months = [local_day(m) for m in in_year.datetimes("first_published_at", "month")]
    earlier = (
        articles.filter(first_published_at__lt=since)
        .order_by("-first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    later = (
        articles.filter(first_published_at__gte=until)
        .order_by("first_published_at")
        .values_list("first_published_at", flat=True)
        .first()
    )
    nav.previous = local_day(earlier) if earlier else None
    nav.next = local_day(later) if later else None
    return nav
