"""Refresh the database's statistics so that its query planner picks the right indexes.

SQLite has no autovacuum daemon: without ANALYZE it joins a 100,000-page table before a
five-row one, and a section menu costs 30 ms instead of 0.1 ms (bench/README.md). The worker runs
this daily; seeding and imports run it when they finish. On PostgreSQL it runs ANALYZE too,
which autovacuum would also do in time.

SQLite's ANALYZE writes nothing for an empty table, and the planner then takes it for a large
one: Wagtail's view-restriction query scanned all 100,000 pages to join them to no
restrictions at all (7 ms, three times per listing page). Empty tables are recorded as holding
one row; the next ANALYZE replaces that with what they hold by then.
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
            if connection.vendor == "sqlite":
                _record_empty_tables(cursor)
        if options["verbosity"]:
            self.stdout.write(
                f"Database statistics refreshed in {time.monotonic() - started:.2f}s "
                f"({connection.vendor})."
            )


def _record_empty_tables(cursor) -> None:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT IN (SELECT tbl FROM sqlite_stat1)"
    )
    empty = []
    for (name,) in cursor.fetchall():
        cursor.execute(f'SELECT 1 FROM "{name}" LIMIT 1')  # noqa: S608 - a name from the schema
        if cursor.fetchone() is None:
            empty.append((name,))
    cursor.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, NULL, '1')", empty)
    cursor.execute("ANALYZE sqlite_master")  # loads the new statistics into the planner
