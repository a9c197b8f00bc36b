"""`dateline ingest PATH...`: agency copy from files or folders onto the wire desk."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.wire.ingest import ingest_paths


class Command(BaseCommand):
    help = (
        "Put wire copy (RSS/Atom, IPTC ninjs, IPTC NewsML-G2) from files or folders on the wire"
        " desk as queued items, never on the public site. Safe to run again: the same copy is a"
        " duplicate, a new version updates its item. See docs/wire-desk.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--source", default="", help="the agency or partner name (default: from the copy)"
        )

    def handle(self, *args, paths, source, verbosity=1, **options):
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        started = time.monotonic()

        def progress(n, path):
            if verbosity >= 1 and n % 500 == 0:
                self.stdout.write(f"  {n} files read ({time.monotonic() - started:.0f} s)")

        report = ingest_paths(paths, source_name=source, progress=progress)
        if verbosity >= 1:
            for name, reason in report.refused:
                self.stdout.write(self.style.WARNING(f"refused {name}: {reason}"))
            for name, note in report.notes:
                self.stdout.write(f"note {name}: {note}")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{report.summary()} in {elapsed:.1f} s"))
