"""Scale data sets: tens of thousands of articles in minutes, for load and archive tests.

Creating a page through Wagtail (add_child, a revision, publish) costs tens of milliseconds,
which would make 100,000 articles take hours. Here the desks (sections, topics, authors) still
go through dateline.news.services, but articles are written with bulk inserts, one transaction
per batch. What a page needs to be a valid Wagtail page is filled in by hand: its treebeard
path, depth and the parent's numchild; live with first_published_at; url_path, content type and
locale. Revisions and the admin's log entries are skipped: an article without a revision is
still editable (Wagtail starts from the live page), and its first edit creates one.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from dateline.demo.builder import Desk, Summary, build_desk
from dateline.demo.images import draw_picture, save_image
from dateline.demo.progress import Silent
from dateline.demo.scale_text import ROLES, FillerWriter
from dateline.demo.search_index import index_articles
from dateline.news.models import ArticleByline, ArticleCorrection, ArticlePage, SectionPage

SPAN = timedelta(days=3 * 365)  # scale articles are spread over the last three years
LEAD_POOL = 8  # generated lead pictures shared by all scale articles
DEFAULT_BATCH = 1000
ROWS_PER_INSERT = 500  # keeps every INSERT well inside any database's parameter limit


@dataclass
class ScaleSummary(Summary):
    rate: float = 0.0
    indexed: bool = False

    def __str__(self) -> str:
        skipped = "" if self.indexed else ", search index skipped"
        return f"{super().__str__()} ({self.rate:,.0f} articles/s{skipped})"


class _SectionCursor:
    """Hands out treebeard paths for new children of one section, after its last child."""

    def __init__(self, section: SectionPage):
        self.section = section
        last = section.get_last_child()
        self.step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        self.added = 0

    def next_path(self) -> str:
        self.step += 1
        self.added += 1
        return Page._get_path(self.section.path, self.section.depth + 1, self.step)


def _lead_pool(summary: Summary) -> list:
    pool = []
    for n in range(LEAD_POOL):
        label = f"Scale data · picture {n + 1}"
        pool.append(save_image(label, draw_picture(label, f"scale-{n}")))
        summary.images += 1
    return pool


def _insert_children(objs: list, model) -> None:
    """INSERT the child table rows of multi-table-inherited pages in as few statements as
    the database allows. Django's bulk_create refuses multi-table inheritance, so this uses
    the manager's _insert, the same call Model.save() makes for each table."""
    fields = model._meta.local_concrete_fields
    size = min(connection.ops.bulk_batch_size(fields, objs) or ROWS_PER_INSERT, ROWS_PER_INSERT)
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields)


class _Batcher:
    """Plans and writes batches of filler articles."""

    def __init__(self, desk: Desk, now: datetime, count: int, seed: int):
        self.desk, self.now, self.count = desk, now, count
        self.writer = FillerWriter(seed)
        self.cursors = [_SectionCursor(s) for s in desk.sections.values()]
        self.authors = list(desk.authors.values())
        self.topics = list(desk.topics.values())
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.leads: list = []
        self.serial = 0

    def _published(self) -> datetime:
        # Newest first, evenly spread with jitter; never in the future.
        position = (self.serial + self.writer.random()) / max(self.count, 1)
        return self.now - timedelta(minutes=5) - SPAN * position

    def write(self, size: int) -> list[int]:
        """Write `size` articles; return their page ids."""
        pages, extras = [], []
        for _ in range(size):
            cursor = self.writer.pick(self.cursors)
            section = cursor.section
            place = self.writer.place()
            title = self.writer.headline(place)
            path = cursor.next_path()
            slug = f"{slugify(title)[:60]}-{path[-Page.steplen :].lower()}"
            published = self._published()
            self.serial += 1
            pages.append(
                Page(
                    path=path,
                    depth=section.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{section.url_path}{slug}/",
                    content_type_id=self.content_type_id,
                    locale_id=section.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    show_in_menus=False,
                )
            )
            extras.append((place, published))
        Page.objects.bulk_create(pages, batch_size=ROWS_PER_INSERT)
        self._fill_missing_pks(pages)
        self._write_articles(pages, extras)
        for cursor in self.cursors:
            if cursor.added:
                Page.objects.filter(pk=cursor.section.pk).update(
                    numchild=F("numchild") + cursor.added
                )
                cursor.added = 0
        return [page.pk for page in pages]

    @staticmethod
    def _fill_missing_pks(pages: list) -> None:
        """Databases that cannot return ids from a bulk insert: look them up by path."""
        if all(page.pk for page in pages):
            return
        ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        for page in pages:
            page.pk = page.id = ids[page.path]

    def _write_articles(self, pages: list, extras: list) -> None:
        articles, bylines, tags, notes = [], [], [], []
        through = ArticlePage.topics.through
        for page, (place, published) in zip(pages, extras, strict=True):
            w = self.writer
            lead = w.pick(self.leads) if self.leads and w.random() < 0.8 else None
            noted = None
            if w.random() < 0.02:
                noted = min(published + timedelta(hours=3), self.now)
                notes.append(
                    ArticleCorrection(
                        page_id=page.pk,
                        kind="update",
                        noted_at=noted,
                        text="Adds details released after publication.",
                    )
                )
            articles.append(
                ArticlePage(
                    page_ptr_id=page.pk,
                    standfirst=w.standfirst(place),
                    dateline_place=place,
                    filed_at=published - timedelta(minutes=30),
                    lead_image=lead,
                    lead_image_caption=f"{place}. Illustration: The Dateline" if lead else "",
                    body=w.body(place, lambda: str(uuid.uuid4())),
                    last_substantive_update=noted,
                )
            )
            authors = w.sample(self.authors, 2 if w.random() < 0.3 else 1)
            for order, author in enumerate(authors):
                role = "reporting" if order == 0 else w.pick(ROLES)
                bylines.append(
                    ArticleByline(page_id=page.pk, author=author, role=role, sort_order=order)
                )
            for topic in w.sample(self.topics, 1 + int(w.random() * 3)):
                tags.append(through(articlepage_id=page.pk, topicpage_id=topic.pk))
        _insert_children(articles, ArticlePage)
        ArticleByline.objects.bulk_create(bylines, batch_size=ROWS_PER_INSERT)
        through.objects.bulk_create(tags, batch_size=ROWS_PER_INSERT)
        ArticleCorrection.objects.bulk_create(notes, batch_size=ROWS_PER_INSERT)


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
            pks = batcher.write(size)
            if index:
                index_articles(pks)
        summary.articles += len(pks)
        progress.advance(len(pks))
    elapsed = progress.finish()
    summary.rate = summary.articles / elapsed if elapsed > 0 else 0.0
    summary.seconds = time.monotonic() - started
    return summary
