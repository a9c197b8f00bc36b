"""The shape `dateline backup` and `dateline restore` share: one folder, progress, and a
BackupError said as a one-line command error rather than a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError


class FolderCommand(BaseCommand):
    folder_help = ""

    def run(self, folder: Path, progress: Callable[[str], None]) -> None:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help=self.folder_help)

    def handle(self, *args, **options):
        try:
            self.run(options["folder"], progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
