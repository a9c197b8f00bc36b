"""`dateline restore DIR`: put a backup back (every checksum is checked first)."""

from dateline.core.backup import restore
from dateline.core.management.folder_command import FolderCommand


class Command(FolderCommand):
    help = (
        "Restore the database, media and key files from a folder written by `dateline backup` "
        "(stop the servers and workers first). Checksums are verified before anything changes."
    )
    folder_help = "a folder written by `dateline backup`"

    def run(self, folder, progress):
        restore(folder, progress=progress)
