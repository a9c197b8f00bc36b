"""The shapes the demo's editorial content is written in: plain data, no database.

Stories name their section, authors and topics by key; the builder resolves the keys to pages.
Times are relative to the moment of seeding (`age`), except where a story is pinned to a real
date (`published`), so the demo always has fresh news and old news whatever day it is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str
    position: int


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    job_title: str
    bio: str
    portrait: bool = False


@dataclass(frozen=True)
class Topic:
    title: str
    kind: str
    description: str


@dataclass(frozen=True)
class Picture:
    """A generated picture: `label` is drawn on it; caption and credit go under it."""

    label: str
    caption: str
    credit: str = "Illustration: The Dateline"


@dataclass(frozen=True)
class Note:
    """A corrections-log entry, noted `after` the story's first publication."""

    kind: str
    after: timedelta
    text: str


@dataclass(frozen=True)
class Story:
    section: str
    headline: str
    standfirst: str
    place: str
    bylines: tuple[tuple[str, str], ...]
    topics: tuple[str, ...]
    body: tuple
    lead: Picture
    age: timedelta | None = None
    published: datetime | None = None
    filed_before: timedelta = timedelta(minutes=35)
    notes: tuple[Note, ...] = field(default=())
    source: tuple[str, str] | None = None

    def published_at(self, now: datetime) -> datetime:
        """When the story was first published, for a demo built at `now`."""
        if self.published is not None:
            return self.published
        if self.age is None:
            raise ValueError(f"story {self.headline!r} needs an age or a publication date")
        return now - self.age


def ago(days: float = 0, hours: float = 0, minutes: float = 0) -> timedelta:
    return timedelta(days=days, hours=hours, minutes=minutes)


def p(text: str) -> tuple:
    """A paragraph of plain text (the builder escapes it and wraps it in <p>)."""
    return ("paragraph", text)


def quote(text: str, speaker: str, role: str = "") -> tuple:
    return ("quote", {"text": text, "speaker": speaker, "role": role})


def figure(value: str, label: str, source: str, source_url: str = "") -> tuple:
    return ("figure", {"value": value, "label": label, "source": source, "source_url": source_url})


def facts(title: str, *items: str) -> tuple:
    return ("factbox", {"title": title, "facts": list(items)})


def picture(label: str, caption: str, credit: str = "Illustration: The Dateline") -> tuple:
    return ("image", Picture(label, caption, credit))


def reporting(*keys: str) -> tuple[tuple[str, str], ...]:
    return tuple((key, "reporting") for key in keys)


def also(key: str) -> tuple[str, str]:
    return (key, "additional reporting")


def photos(key: str) -> tuple[str, str]:
    return (key, "photographs")
