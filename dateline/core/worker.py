"""`dateline worker`: the background task runner, plus the newsroom's periodic jobs.

Each app declares its own periodic jobs as management commands with their intervals, in its
AppConfig (``periodic_jobs = [("command", seconds), ...]``); the worker runs every installed
app's, in INSTALLED_APPS order, so a one-server install needs no cron at all (newsrooms that ran
Wagtail's `publish_scheduled` hourly from cron saw stories go out late: news runs it every
minute). Core knows no other app's commands.
"""

from __future__ import annotations

import logging
import threading
import time

from django.apps import apps
from django.core.management import call_command
from django.db import close_old_connections as _close_old_connections
from django.db import connection

logger = logging.getLogger("dateline.worker")


def periodic_commands() -> list[tuple[str, int]]:
    """(command, seconds between runs) of every installed app, as its AppConfig declares:
    the most frequent first, so a long daily job on the worker's first tick does not hold up
    the minute ones (scheduled stories)."""
    jobs = [
        job for config in apps.get_app_configs() for job in getattr(config, "periodic_jobs", ())
    ]
    return sorted(jobs, key=lambda job: job[1])  # stable: app order among equal intervals


TICK_SECONDS = 60


def close_old_connections() -> None:
    """Drop stale connections between runs; never the one an enclosing transaction is using."""
    if not connection.in_atomic_block:
        _close_old_connections()


def run_due_commands(last_run: dict[str, float], now: float | None = None) -> list[str]:
    """Run each periodic command whose interval has passed; return the names that ran."""
    now = time.monotonic() if now is None else now
    ran = []
    for command, interval in periodic_commands():
        if now - last_run.get(command, float("-inf")) < interval:
            continue
        last_run[command] = now
        try:
            close_old_connections()
            call_command(command, verbosity=0)
            ran.append(command)
        except Exception:  # one failed run must not end the loop; the next tick retries
            logger.exception("%s failed", command)
        finally:
            close_old_connections()
    return ran


def periodic_forever(stop: threading.Event, tick: float = TICK_SECONDS) -> None:
    last_run: dict[str, float] = {}
    while True:
        run_due_commands(last_run)
        if stop.wait(tick):
            return


FIRST_JOBS_AFTER_SECONDS = 5.0


def _periodic_after_start(stop: threading.Event) -> None:
    # The first jobs wait a few seconds: `worker --help`, `--version` or a mistyped option ends
    # db_worker at once, and no job may run for a worker that never started (a scheduler left
    # behind `worker --help` ran ANALYZE while the caller's next command waited on its lock).
    if not stop.wait(FIRST_JOBS_AFTER_SECONDS):
        periodic_forever(stop)


def run_worker(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    stop = threading.Event()
    scheduler = threading.Thread(
        target=_periodic_after_start, args=(stop,), name="periodic", daemon=True
    )
    scheduler.start()
    try:
        execute_from_command_line(["dateline", "db_worker", *argv])
    finally:
        stop.set()
        scheduler.join(timeout=1)
