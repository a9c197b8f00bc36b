"""`dateline worker`: the background task runner, plus the newsroom's periodic jobs.

Wagtail publishes scheduled pages only when `publish_scheduled` runs, and newsrooms that ran it
hourly from cron saw stories go out late; the worker runs it every minute, and the discussion's
IP-address truncation daily, so a one-server install needs no cron at all. In edge mode it also
sweeps the folder nginx serves every minute (dateline/core/edge.py).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.management import call_command
from django.db import close_old_connections as _close_old_connections
from django.db import connection

logger = logging.getLogger("dateline.worker")

# (command, seconds between runs)
PERIODIC_COMMANDS = [
    ("publish_scheduled", 60),
    ("purge_comment_ips", 24 * 60 * 60),
    ("optimize_database", 24 * 60 * 60),
    ("send_comment_digest", 24 * 60 * 60),
    # The spam model, retrained on moderators' decisions; kept only if it does no worse.
    ("retrain_spam", 7 * 24 * 60 * 60),
    # Edge mode's files past their time, older days, missed purges (nothing when it is off).
    ("edge_sweep", 60),
    # Wire sources with a feed address, each on its own interval and back-off (wire/poll.py).
    ("poll_wire", 60),
]
TICK_SECONDS = 60


def close_old_connections() -> None:
    """Drop stale connections between runs; never the one an enclosing transaction is using."""
    if not connection.in_atomic_block:
        _close_old_connections()


def run_due_commands(last_run: dict[str, float], now: float | None = None) -> list[str]:
    """Run each periodic command whose interval has passed; return the names that ran."""
    now = time.monotonic() if now is None else now
    ran = []
    for command, interval in PERIODIC_COMMANDS:
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


def run_worker(argv: list[str]) -> None:
    stop = threading.Event()
    scheduler = threading.Thread(
        target=periodic_forever, args=(stop,), name="periodic", daemon=True
    )
    scheduler.start()
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["dateline", "db_worker", *argv])
    finally:
        stop.set()
