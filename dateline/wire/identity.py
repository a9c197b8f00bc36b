"""One identity per story in a file, so re-reading the same input never churns the desk.

Feeds in the wild reuse a guid (or, without guids, a link) for entries with different content.
Keyed by that id alone, the entries overwrite one another on every run: an "update" each time
and, for a published story, a review flag each time. Within one file, entries that share an id
but not their content are told apart by their headline and date instead; entries that still
share everything but a detail are one story, and the first copy in the file stands.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict

from dateline.wire.formats import WireCopy


def _by_headline_and_date(copy: WireCopy) -> str:
    when = copy.filed_at.isoformat() if copy.filed_at else ""
    parts = "\x1f".join((copy.agency_id, copy.headline, when))
    return "sha256:" + hashlib.sha256(parts.encode()).hexdigest()[:32]


def distinct(copies: list[WireCopy]) -> tuple[list[WireCopy], int]:
    """The file's copies with one identity each, and how many repeats were dropped."""
    groups: dict[str, list[WireCopy]] = defaultdict(list)
    for copy in copies:
        groups[copy.agency_id].append(copy)
    kept, dropped, taken = [], 0, set()
    for copy in copies:
        group = groups[copy.agency_id]
        if len({c.fingerprint for c in group}) > 1:
            copy = dataclasses.replace(copy, agency_id=_by_headline_and_date(copy))
        if copy.agency_id in taken:
            dropped += 1
            continue
        taken.add(copy.agency_id)
        kept.append(copy)
    return kept, dropped
