"""`dateline backup DIR`: an online backup (database, media, keys, manifest with checksums)."""

from dateline.core.backup import backup
from dateline.core.management.folder_command import FolderCommand


class Command(FolderCommand):
    help = (
        "Back up the database (online: SQLite's backup API or pg_dump), media and key files "
        "into a new folder, with a manifest of checksums."
    )
    folder_help = "a new or empty folder"

    def run(self, folder, progress):
        backup(folder, progress=progress)
