"""One piece of agency copy as every wire format maps it: the shape the desk stores.

Pure Python (no Django): the parsers build these, the desk's services turn them into rows.
Every text field is already sanitised when a parser hands a `WireCopy` over (see clean.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


class Refused(Exception):
    """A file or item the desk will not take, with the reason an operator reads."""


class Copies(list):
    """The stories read from one file, with notes on what of it was left out and why (a
    package's item that is not in the file): the ingest report prints them."""

    def __init__(self, items=(), notes=()):
        super().__init__(items)
        self.notes: list[str] = list(notes)


@dataclass(frozen=True)
class Topic:
    name: str
    code: str = ""  # e.g. "medtop:04000000" (IPTC media topic) when the agency gives one
    kind: str = "subject"  # subject or place


@dataclass(frozen=True)
class Image:
    """Metadata of a photo the agency offers; the file itself is fetched only when taken."""

    href: str
    caption: str = ""
    credit: str = ""


@dataclass
class WireCopy:
    agency_id: str
    headline: str
    format: str  # rss, atom, ninjs, newsml-g2
    version: int | None = None  # the agency's own version number, when it gives one
    standfirst: str = ""
    body_html: str = ""
    byline: str = ""
    byline_role: str = ""
    dateline_place: str = ""
    filed_at: datetime | None = None
    source_name: str = ""  # the agency or partner that sent it
    link: str = ""  # the original's address
    topics: list[Topic] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    language: str = ""
    urgency: int | None = None  # 1 (flash) .. 9 (lowest), IPTC's scale
    copyright: str = ""
    usage_terms: str = ""
    embargo_until: datetime | None = None
    status: str = "usable"  # usable, or withdrawn (the agency's kill)
    correction_note: str = ""  # an agency's correction / editorial note on this version

    @property
    def fingerprint(self) -> str:
        """Identifies the content: same fingerprint, same copy (a duplicate delivery)."""
        parts = [self.headline, self.standfirst, self.body_html, self.byline, self.status]
        parts += [self.correction_note, str(self.embargo_until or "")]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]

    @property
    def is_withdrawn(self) -> bool:
        return self.status == "withdrawn"
