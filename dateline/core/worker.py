"""`dateline worker`: the background task runner, plus scheduled publishing every minute.

Wagtail publishes scheduled pages only when `publish_scheduled` runs, and newsrooms that ran it
hourly from cron saw stories go out late; the worker runs it every minute so nothing else is
needed on a one-server install.
"""

from __future__ import annotations

import logging
import threading

from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger("dateline.worker")
SCHEDULE_INTERVAL_SECONDS = 60


def publish_scheduled_forever(stop: threading.Event, interval: float = SCHEDULE_INTERVAL_SECONDS):
    while True:
        try:
            close_old_connections()
            call_command("publish_scheduled", verbosity=0)
        except Exception:  # a failed run must not end the loop; the next minute retries
            logger.exception("publish_scheduled failed")
        finally:
            close_old_connections()
        if stop.wait(interval):
            return


def run_worker(argv: list[str]) -> None:
    stop = threading.Event()
    scheduler = threading.Thread(
        target=publish_scheduled_forever, args=(stop,), name="publish-scheduled", daemon=True
    )
    scheduler.start()
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["dateline", "db_worker", *argv])
    finally:
        stop.set()
