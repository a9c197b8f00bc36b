"""`dateline serve`: granian hosting Dateline's WSGI application.

Chosen by measurement (bench/README.md): on a 2-core machine the cached article page reached
about 3,000 req/s under granian against about 1,000 under gunicorn's sync workers, which close
every connection. Granian does not restart a crashed worker unless asked, so it is asked.

Each worker runs `threads` Python threads (granian's blocking threads). With one, a page being
rendered (tens of milliseconds, far more on a loaded machine) holds every request queued behind
it in that worker, cache hits included: under a comment storm that render is the p99. With two,
the cached answers carry on in the other thread while one renders (bench/README.md, storm).
"""

from __future__ import annotations

import os

from dateline.core.static_collection import collect_static


def run_server(addr: str, workers: int, threads: int = 2) -> None:
    from granian.constants import Interfaces
    from granian.server import Server

    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"--addr must be HOST:PORT, not {addr!r}")
    # Fingerprinted, compressed static files, collected when their sources changed; servers
    # starting together on one data folder take turns (core/static_collection.py).
    collect_static(announce=lambda message: print(message, flush=True))
    print(
        f"Dateline is serving at http://{addr}/ with {workers} workers of {threads} threads "
        "(Ctrl-C stops it)",
        flush=True,
    )
    os.environ["DATELINE_SERVE_WORKER"] = "1"  # the workers warm up (dateline/wsgi.py)
    Server(
        "dateline.wsgi:application",
        address=host.strip("[]"),
        port=int(port),
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        respawn_failed_workers=True,
        # Recycle workers now and then, so that a slow leak can never take a server down.
        workers_lifetime=6 * 60 * 60,
        log_access=False,
        websockets=False,
    ).serve()
