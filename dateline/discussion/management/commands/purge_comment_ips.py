"""Truncate commenters' network addresses older than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand

from dateline.discussion.services import purge_old_addresses


class Command(BaseCommand):
    help = (
        "Shorten the network addresses (IPv4 to /24, IPv6 to /48) and drop the browser strings "
        "of comments older than DATELINE_IP_RETENTION_DAYS (30 by default). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: the setting)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.DATELINE_DISCUSSION_IP_RETENTION_DAYS if days is None else days
        if days < 0:
            self.stderr.write("--days must be 0 or more")
            return
        count = purge_old_addresses(days=days, dry_run=dry_run)
        verb = "would be shortened" if dry_run else "shortened"
        self.stdout.write(f"{count} comment addresses older than {days} days {verb}.")
