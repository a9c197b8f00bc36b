"""The WordPress import, from file to summary.

Two passes over the export: :func:`.scan.scan` vets the file (refusing hostile or foreign ones
before anything is written), counts it and indexes its attachments; the second pass imports.
Posts and pages go in batches (:mod:`.batch`), a transaction each, pages after all the posts
and parents first (so a child page finds its parent); every other record (author,
category, tag, attachment) is one transaction with its bookkeeping row. So a run that is killed
leaves whole items behind and the next run carries on from them; one item that fails is rolled
back, reported and passed over. A dry run does the same work inside one transaction that is
rolled back at the end, so it reports exactly what a real run would do and writes nothing (it
reads no media files and fetches nothing).

The page cache is purged once, when the import ends, not once for every article.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from django.db import transaction

from dateline.core.invalidation import deferred
from dateline.importers.wxr import Author, Category, Post, Tag, Term, WXRReader

from . import batch as batches
from . import items, pages, posts
from .job import Job, Options
from .ledger import Ledger, source_for
from .media import Media
from .redirects import Redirects
from .report import Report
from .scan import scan
from .taxonomy import Taxonomy

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
NOT_IMPORTED = {
    "nav_menu_item": "navigation menu items are not imported (Dateline builds its menu from "
    "its sections)",
    "revision": "revisions are not imported (only the current text)",
    "wp_block": "reusable blocks are not imported",
    "wp_navigation": "navigation menus are not imported",
    "wp_template": "theme templates are not imported",
    "wp_template_part": "theme templates are not imported",
    "wp_global_styles": "theme styles are not imported",
    "custom_css": "theme styles are not imported",
    "customize_changeset": "theme settings are not imported",
    "oembed_cache": "cached embeds are not imported",
    "user_request": "privacy requests are not imported",
}


class _DryRunDone(Exception):
    """Raised to roll back the dry run's outer transaction."""


def import_wordpress(
    path: str | PathLike[str], options: Options | None = None, progress: Progress | None = None
) -> Report:
    """Import a WordPress export; returns the report. Raises WXRRefused before writing a thing
    if the file is not a WordPress export or is hostile."""
    options = options or Options()
    found = scan(path)
    job = Job(
        options=options,
        scan=found,
        ledger=Ledger(
            source_for(
                found.site.link or found.site.base_blog_url or found.site.base_site_url,
                Path(path).name,
            )
        ),
        report=Report(),
    )
    job.taxonomy, job.media, job.redirects = Taxonomy(job), Media(job), Redirects(job)
    site = found.site
    job.report.heading = (
        f'WordPress import of "{site.title or "(untitled site)"}" ({job.site_link or "no address"}'
        f", WXR {site.wxr_version}): {found.posts} posts and pages, {found.comments} comments,"
        f" {len(found.attachments)} attachments"
    )
    job.report.dry_run = options.dry_run
    with deferred():  # one purge when done; a dry run (rolled back) purges nothing
        if options.dry_run:
            try:
                with transaction.atomic():
                    _run(job, path, progress)
                    raise _DryRunDone
            except _DryRunDone:
                pass
        else:
            _run(job, path, progress)
    return job.report


def _run(job: Job, path, progress: Progress | None) -> None:
    job.taxonomy.home  # noqa: B018 - the site tree exists before the first item
    done, total, last = 0, job.scan.total, 0.0
    batch: list[Post] = []
    held_pages: list[Post] = []  # pages are few: kept until the end, then parents first
    comments = 0
    with WXRReader(path) as reader:
        for record in reader:
            handling = handling_for(record)
            if handling.route == LAST:
                held_pages.append(record)
                continue
            if handling.route == BATCHED:
                batch.append(record)
                comments += len(record.comments)
                if len(batch) < batches.MAX_POSTS and comments < batches.MAX_COMMENTS:
                    continue
                _flush(job, batch)
                done, batch, comments = done + len(batch), [], 0
            else:
                if batch and handling.route == ALONE:
                    _flush(job, batch)
                    done, batch, comments = done + len(batch), [], 0
                _one(job, record, handling)
                done += 1
            now = time.monotonic()
            if progress is not None and now - last > 0.2:
                progress(done, total)
                last = now
        if batch:
            _flush(job, batch)
            done += len(batch)
        ordered = pages.parents_first(held_pages)
        for start in range(0, len(ordered), batches.MAX_POSTS):
            chunk = ordered[start : start + batches.MAX_POSTS]
            _flush(job, chunk)
            done += len(chunk)
        if progress is not None:
            progress(done, total)
        problems = reader.problems
    for problem in problems:
        where = f"line {problem.line}" if problem.line else "the file"
        item = f", item {problem.item_index}" if problem.item_index is not None else ""
        kept = "" if problem.skipped else " (item kept)"
        job.report.problems.append(f"{where}{item}: {problem.message}{kept}")
        if "reading stopped" in problem.message:
            job.report.stopped = f"the file is damaged at {where}: {problem.message}"


def _one(job: Job, record, handling: Handling) -> None:
    """One record in one transaction: all of it is written, or none of it and a failure."""
    job.attempt(handling.kind, handling.name(record), lambda: handling.run(job, record))


def _flush(job: Job, batch: list[Post]) -> None:
    """One batch of posts in one transaction; if it fails, each of its posts alone."""
    keys = {items.key_of(p) for p in batch}
    seen_before = keys & job.seen
    try:
        with job.report.item(), transaction.atomic():
            batches.import_batch(job, batch)
        return
    except Exception as exc:
        logger.debug("a batch of %d posts failed", len(batch), exc_info=True)
        job.forget()
        job.seen -= keys - seen_before  # rolled back: not imported after all
        failure = f"{type(exc).__name__}: {exc}"[:300]
    if len(batch) > 1:
        for post in batch:
            _flush(job, [post])
    else:
        items.skip(job, batch[0], failure, outcome="failed")


# --- what to do with each kind of record: one table ------------------------------------------

BATCHED = "batched"  # posts: a few hundred to a transaction (.batch)
LAST = "last"  # pages: held to the end, then parents first (.pages)
BESIDE = "beside"  # one transaction of its own; a batch of posts open around it stays open
ALONE = "alone"  # one transaction of its own, after the posts before it (they come first)


@dataclass(frozen=True)
class Handling:
    """How the runner imports one kind of record."""

    kind: str  # the report's row
    name: Callable[[Any], str]  # how the report names one
    run: Callable[[Job, Any], None]  # import it (inside its transaction)
    # Authors, categories and tags come before the posts that use them (ALONE); an attachment
    # is independent of the posts around it, so it need not wait for them (BESIDE).
    route: str = ALONE


def _not_imported(job: Job, record: Post) -> None:
    reason = NOT_IMPORTED.get(
        record.post_type, f"posts of type {record.post_type!r} are not imported"
    )
    job.report.add("other", "skipped", items.label(record), reason)


def _term_not_imported(job: Job, record: Term) -> None:
    job.report.add(
        "other",
        "skipped",
        f"term {record.slug!r}",
        f"terms of the {record.taxonomy or 'unnamed'} taxonomy are not imported",
    )


RECORDS: dict[type, Handling] = {
    Author: Handling(
        "authors", lambda r: f"author {r.login!r}", lambda job, r: job.taxonomy.add_author(r)
    ),
    Category: Handling(
        "sections",
        lambda r: f"category {r.nicename!r}",
        lambda job, r: job.taxonomy.add_category(r),
    ),
    Tag: Handling("topics", lambda r: f"tag {r.slug!r}", lambda job, r: job.taxonomy.add_tag(r)),
    Term: Handling("other", lambda r: f"term {r.slug!r}", _term_not_imported),
}
# An <item> (Post) is handled by its post type.
POST_TYPES: dict[str, Handling] = {
    "post": Handling(posts.KIND, items.label, items.import_post, BATCHED),
    "page": Handling(pages.KIND, items.label, items.import_post, LAST),
    "attachment": Handling("images", items.label, lambda job, r: job.media.import_item(r), BESIDE),
}
OTHER_POST_TYPE = Handling("other", items.label, _not_imported)
UNKNOWN = Handling("other", lambda r: type(r).__name__, lambda job, r: None)


def handling_for(record) -> Handling:
    if isinstance(record, Post):
        return POST_TYPES.get(record.post_type, OTHER_POST_TYPE)
    return RECORDS.get(type(record), UNKNOWN)
