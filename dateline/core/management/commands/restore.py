"""`dateline restore DIR`: put a backup back (every checksum is checked first)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the database, media and key files from a folder written by `dateline backup` "
        "(stop the servers and workers first). Checksums are verified before anything changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder written by `dateline backup`")

    def handle(self, *args, **options):
        try:
            restore(options["folder"], progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
