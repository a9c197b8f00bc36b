"""Scale data sets: tens of thousands of articles in minutes, for load and archive tests.

Creating a page through Wagtail (add_child, a revision, publish) costs tens of milliseconds,
which would make 100,000 articles take hours. Here the desks (sections, topics, authors) still
go through dateline.news.services, but articles are written by the news app's bulk writer
(:mod:`dateline.news.bulk`, shared with the WordPress import), one transaction per batch: valid
live Wagtail pages without a revision, which their first edit creates.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.http import int_to_base36 as to_base36
from django.utils.text import slugify

from dateline.demo.builder import Desk, Summary, build_desk
from dateline.demo.images import draw_picture, save_image
from dateline.demo.progress import Silent
from dateline.demo.scale_text import ROLES, FillerWriter
from dateline.news.bulk import create_articles
from dateline.news.new_article import NewArticle

SPAN = timedelta(days=3 * 365)  # scale articles are spread over the last three years
LEAD_POOL = 8  # generated lead pictures shared by all scale articles
DEFAULT_BATCH = 1000


@dataclass
class ScaleSummary(Summary):
    rate: float = 0.0
    indexed: bool = False

    def __str__(self) -> str:
        skipped = "" if self.indexed else ", search index skipped"
        return f"{super().__str__()} ({self.rate:,.0f} articles/s{skipped})"


def _lead_pool(summary: Summary) -> list:
    pool = []
    for n in range(LEAD_POOL):
        label = f"Scale data · picture {n + 1}"
        pool.append(save_image(label, draw_picture(label, f"scale-{n}")))
        summary.images += 1
    return pool


class _Batcher:
    """Plans and writes batches of filler articles."""

    def __init__(self, desk: Desk, now: datetime, count: int, seed: int):
        self.desk, self.now, self.count = desk, now, count
        self.writer = FillerWriter(seed)
        self.sections = list(desk.sections.values())
        self.authors = list(desk.authors.values())
        self.topics = list(desk.topics.values())
        self.leads: list = []
        self.serial = 0

    def _published(self) -> datetime:
        # Newest first, evenly spread with jitter; never in the future.
        position = (self.serial + self.writer.random()) / max(self.count, 1)
        return self.now - timedelta(minutes=5) - SPAN * position

    def write(self, size: int, *, index: bool = True) -> list[int]:
        """Write `size` articles; return their page ids."""
        return [a.pk for a in create_articles([self._plan() for _ in range(size)], index=index)]

    def _plan(self) -> NewArticle:
        w = self.writer
        section = w.pick(self.sections)
        place = w.place()
        title = w.headline(place)
        published = self._published()
        self.serial += 1
        lead = w.pick(self.leads) if self.leads and w.random() < 0.8 else None
        corrections = []
        if w.random() < 0.02:
            noted = min(published + timedelta(hours=3), self.now)
            corrections.append(("update", noted, "Adds details released after publication."))
        authors = w.sample(self.authors, 2 if w.random() < 0.3 else 1)
        bylines = [
            (author, "reporting" if order == 0 else w.pick(ROLES))
            for order, author in enumerate(authors)
        ]
        return NewArticle(
            section=section,
            title=title,
            # A serial number keeps filler headlines, which repeat, apart without a lookup.
            slug=f"{slugify(title)[:60]}-{to_base36(self.serial)}",
            standfirst=w.standfirst(place),
            dateline_place=place,
            filed_at=published - timedelta(minutes=30),
            lead_image=lead,
            lead_image_caption=f"{place}. Illustration: The Dateline" if lead else "",
            body=w.body(place, lambda: str(uuid.uuid4())),
            bylines=bylines,
            topics=w.sample(self.topics, 1 + int(w.random() * 3)),
            corrections=corrections,
            published_at=published,
        )


def planned_scale(count: int) -> Summary:
    """What build_scale would create on an empty database (for --dry-run)."""
    from dateline.demo import content

    return Summary(
        sections=len(content.SECTIONS),
        topics=len(content.TOPICS),
        authors=len(content.AUTHORS),
        articles=count,
        images=LEAD_POOL + sum(a.portrait for a in content.AUTHORS),
    )


def build_scale(
    count: int,
    *,
    progress_factory=Silent,
    batch_size: int = DEFAULT_BATCH,
    index: bool = True,
    seed: int = 2014,
    now: datetime | None = None,
) -> ScaleSummary:
    """Create `count` filler articles (plus the desks if missing), `batch_size` per commit."""
    if count < 1:
        raise ValueError("the number of articles must be at least 1")
    started = time.monotonic()
    summary = ScaleSummary(indexed=index)
    with transaction.atomic():
        desk = build_desk(summary)
        batcher = _Batcher(desk, now or timezone.now(), count, seed)
        batcher.leads = _lead_pool(summary)
    progress = progress_factory("Creating articles", count)
    while summary.articles < count:
        size = min(batch_size, count - summary.articles)
        with transaction.atomic():
            pks = batcher.write(size, index=index)
        summary.articles += len(pks)
        progress.advance(len(pks))
    elapsed = progress.finish()
    summary.rate = summary.articles / elapsed if elapsed > 0 else 0.0
    summary.seconds = time.monotonic() - started
    return summary
