"""Date helpers for what readers see: the masthead's 'today' and an article's age."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import dateformat, timezone

DEFAULT_MASTHEAD_FORMAT = "D. M jS, Y"


def newsroom_today(now: datetime | None = None) -> date:
    """Today's date in the newsroom's time zone (settings.TIME_ZONE), not the server's."""
    return timezone.localdate(now or timezone.now())


def masthead_date(day: date, fmt: str = DEFAULT_MASTHEAD_FORMAT) -> str:
    """Format a date for the masthead; Django's 'S' gives English ordinals (1st, 11th, 22nd)."""
    return dateformat.format(day, fmt or DEFAULT_MASTHEAD_FORMAT)


def whole_years_between(earlier: datetime, later: datetime) -> int:
    start, end = timezone.localdate(earlier), timezone.localdate(later)
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def age_notice(published: datetime | None, threshold_days: int, now: datetime | None = None):
    """The age banner's words, or None when the article is younger than the threshold."""
    if published is None:
        return None
    now = now or timezone.now()
    age = now - published
    if age.days < threshold_days:
        return None
    years = whole_years_between(published, now)
    if years >= 1:
        return f"This article is more than {years} year{'s' if years != 1 else ''} old"
    months = max(1, age.days // 30)
    return f"This article is more than {months} month{'s' if months != 1 else ''} old"
