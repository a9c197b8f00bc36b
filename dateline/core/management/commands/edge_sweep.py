"""Remove edge-mode files nginx must no longer serve; the worker runs this every minute."""

from django.core.management.base import BaseCommand

from dateline.core import edge, pagecache


class Command(BaseCommand):
    help = (
        "Edge mode: delete expired pages, older days' folders, pages whose tags were purged "
        "elsewhere and files the index does not know. Does nothing when edge mode is off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args, dry_run, verbosity, **options):
        counts = edge.sweep(pagecache.tag_versions, dry_run=dry_run)
        if verbosity and counts:
            verb = "would remove" if dry_run else "removed"
            self.stdout.write(f"{verb}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
