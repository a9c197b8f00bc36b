"""`dateline ingest PATH...`: files and folders of wire copy onto the desk, with a report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from dateline.wire import identity, services
from dateline.wire.formats import Refused, read

# Files committed together: one commit per file made a 10,000-file drop wait on the disk 10,000
# times; each file is still its own savepoint (services.receive is atomic), so a failure rolls
# back that file alone.
BATCH = 250
SUFFIXES = {".xml", ".json", ".rss", ".atom", ".rdf", ".nml", ".ninjs", ".g2"}


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    # What was taken with something left out: a package's missing item, an image not fetched.
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file or item, note)
    files: int = 0

    def summary(self) -> str:
        c = self.counts
        return (
            f"{self.files} files: {c['new']} new, {c['updated']} updated, "
            f"{c['duplicate']} duplicate, {c['near-duplicate']} near-duplicate (grouped), "
            f"{len(self.refused)} refused" + (f", {len(self.notes)} notes" if self.notes else "")
        )


def files_in(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    yield child
        else:
            yield path


def ingest_bytes(data: bytes, name: str, report: Report, source_name: str = "", sources=None):
    """One file's stories onto the desk; a refusal is reported, never raised."""
    report.files += 1
    try:
        copies = read(data)
    except Refused as exc:
        report.refused.append((name, str(exc)))
        return
    report.notes += [(name, note) for note in getattr(copies, "notes", ())]
    sources = {} if sources is None else sources
    copies, repeats = identity.distinct(copies)
    report.counts["duplicate"] += repeats  # the same story twice in one file
    for copy in copies:
        source = services.source_named(source_name or copy.source_name, sources)
        report.counts[services.receive(copy, source)] += 1


def ingest_paths(
    paths: Iterable[Path],
    *,
    source_name: str = "",
    progress: Callable[[int, Path], None] | None = None,
) -> Report:
    report, sources = Report(), {}
    batch: list[Path] = []
    for path in files_in(paths):
        batch.append(path)
        if len(batch) == BATCH:
            _ingest_batch(batch, report, source_name, sources, progress)
            batch = []
    _ingest_batch(batch, report, source_name, sources, progress)
    return report


@transaction.atomic
def _ingest_batch(batch, report, source_name, sources, progress) -> None:
    for path in batch:
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.files += 1
            report.refused.append((str(path), f"cannot be read: {exc.strerror or exc}"))
            continue
        ingest_bytes(data, str(path), report, source_name, sources)
        if progress:
            progress(report.files, path)
