"""What SQLite needs beyond Django's backend: moving the write-ahead log into the database file.

In WAL mode a change is written to the ``-wal`` file first and reaches the database file at the
next checkpoint, so an erased name stays readable in the files' bytes until then (found by a
grep of the data folder after an erase). Connections run with ``secure_delete`` on
(settings/env.py), so freed cells and pages are zeroed; a TRUNCATE checkpoint then writes the
zeroed pages into the database file and empties the log.
"""

from __future__ import annotations

import logging

from django.db import OperationalError, connections

logger = logging.getLogger(__name__)


def checkpoint(using: str = "default") -> bool:
    """Copy the log into the database file and truncate it; True when it completed (a reader
    holding an old snapshot makes SQLite give up; SQLite's next automatic checkpoint finishes
    the job).
    Nothing to do on other databases."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return True
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = cursor.fetchone()
    except OperationalError as exc:  # locked by another writer: never fail the erase itself
        logger.warning("SQLite checkpoint after an erase failed (%s)", exc)
        return False
    if busy:
        logger.warning("SQLite checkpoint after an erase was blocked by a reader")
    return not busy
