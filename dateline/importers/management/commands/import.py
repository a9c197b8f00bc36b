"""`dateline import wordpress EXPORT.xml`: bring a WordPress export into Dateline."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dateline.importers.wordpress import Options, import_wordpress
from dateline.importers.wxr import WXRRefused


class Command(BaseCommand):
    help = (
        "Import content from another system. `import wordpress EXPORT.xml` brings in a"
        " WordPress export (WXR): posts, pages, authors, categories, tags, media, comments"
        " and redirects from the old addresses. Safe to run again; see docs/importing.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=["wordpress"], help="what kind of export it is")
        parser.add_argument("export", type=Path, help="the export file (WXR .xml)")
        parser.add_argument(
            "--uploads",
            type=Path,
            metavar="DIR",
            help="a copy of the site's wp-content/uploads folder to read media from",
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="download media missing from --uploads from the old site (public addresses only)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would be done; write nothing"
        )
        parser.add_argument(
            "--categories-as",
            choices=["sections", "topics"],
            default="sections",
            help="what WordPress categories become (default: sections)",
        )
        parser.add_argument(
            "--section-parent",
            choices=["own", "top"],
            default="own",
            help="own: every category is its own section; top: a sub-category files its"
            " posts under its top-level category's section and becomes a topic",
        )
        parser.add_argument(
            "--section",
            default="News",
            metavar="TITLE",
            help="the section for posts without a category, or for every post with"
            " --categories-as topics (default: News)",
        )
        parser.add_argument(
            "--create-users",
            action="store_true",
            help="also create a user account (with no usable password) for each author",
        )

    def handle(self, *args, **options):
        export: Path = options["export"]
        if not export.is_file():
            raise CommandError(f"no such file: {export}")
        uploads = options["uploads"]
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads {uploads} is not a folder")
        settings = Options(
            uploads=uploads,
            fetch_media=options["fetch_media"],
            dry_run=options["dry_run"],
            categories_as=options["categories_as"],
            section_parent=options["section_parent"],
            create_users=options["create_users"],
            default_section=options["section"],
        )
        progress = self._progress if options["verbosity"] > 0 else None
        try:
            report = import_wordpress(export, settings, progress=progress)
        except WXRRefused as exc:
            raise CommandError(f"{export.name}: {exc.reason}") from None
        if progress:
            self.stderr.write("")
        if not report.dry_run:
            # Thousands of new rows: fresh planner statistics, or SQLite picks slow plans.
            call_command("optimize_database", verbosity=0)
        self.stdout.write(report.format())
        if report.stopped:
            raise CommandError(f"{export.name}: {report.stopped}; the items before it were kept")

    def _progress(self, done: int, total: int) -> None:
        stream = self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr
        stream.write(f"\rImporting items: {done}/{total}")
        stream.flush()
