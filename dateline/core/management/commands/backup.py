"""`dateline backup DIR`: an online backup (database, media, keys, manifest with checksums)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (online: SQLite's backup API or pg_dump), media and key files "
        "into a new folder, with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a new or empty folder")

    def handle(self, *args, **options):
        try:
            backup(options["folder"], progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
