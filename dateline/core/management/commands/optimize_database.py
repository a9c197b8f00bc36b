"""Refresh the database's statistics so that its query planner picks the right indexes.

SQLite has no autovacuum daemon: without ANALYZE it joins a 100,000-page table before a
five-row one, and a section menu costs 30 ms instead of 0.1 ms (bench/README.md). The worker runs
this daily; seeding and imports run it when they finish. On PostgreSQL it runs ANALYZE too,
which autovacuum would also do in time.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Refresh query-planner statistics (ANALYZE); run after large imports."

    def handle(self, *args, **options):
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        if options["verbosity"]:
            self.stdout.write(
                f"Database statistics refreshed in {time.monotonic() - started:.2f}s "
                f"({connection.vendor})."
            )
