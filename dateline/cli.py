"""The `dateline` console script.

It picks the settings module, offers the operator's verbs (demo, serve, worker) and passes every
other word to Django's management commands. Domain work lives in the apps, never here.
"""

from __future__ import annotations

import argparse
import os
import sys

DEFAULT_SETTINGS = "dateline.settings.dev"

VERBS = {
    "demo": "migrate, create the demo newsroom if the database is empty, then serve it",
    "serve": "run the production web server (granian; static files through WhiteNoise)",
    "worker": "run background tasks (mail, purges, indexing) and publish scheduled stories",
}

# Commands that would otherwise start, then fail on every request or tick of a database that
# is not set up: they check it before starting. Every other command meets the problem at its
# first query, and the same one-line message replaces the traceback (`_run_command`).
LONG_RUNNING_COMMANDS = {"runserver", "db_worker"}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def _stop(message: str) -> int:
    print(f"dateline: {message}", file=sys.stderr)
    return 1


def _database_problem() -> str | None:
    from django.db import connections

    from dateline.core.setup_state import problem

    try:
        return problem()
    finally:
        # Servers fork their workers next: none of them may inherit this process's connection.
        connections.close_all()


def _run_command(argv: list[str]) -> int:
    """A Django management command; a database that is not set up ends in one line that says
    what to run, not in a traceback (`--traceback` still shows it)."""
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    long_running = argv[0] in LONG_RUNNING_COMMANDS and not _asks_for_help(argv)
    if long_running and (message := _database_problem()):
        return _stop(message)
    try:
        execute_from_command_line(["dateline", *argv])
    except DatabaseError:
        message = None if "--traceback" in argv else _database_problem()
        if message is None:
            raise
        return _stop(message)
    return 0


def _asks_for_help(argv: list[str]) -> bool:
    return "-h" in argv or "--help" in argv


def _serve(addr: str, workers: int, threads: int = 2) -> None:
    from dateline.core.server import run_server

    run_server(addr=addr, workers=workers, threads=threads)


def _public_address_from(addr: str) -> None:
    """The demo's readers use the address it listens on: canonical links, JSON-LD, sitemaps,
    feeds, the API, mails and the printed login all name it, unless DATELINE_BASE_URL says
    otherwise (a proxy in front). A wildcard address is reached through loopback."""
    host, _, port = addr.rpartition(":")
    host = host or "127.0.0.1"
    if host in {"0.0.0.0", "::", "[::]"}:  # noqa: S104 - read, not bound: not a public name
        host = "127.0.0.1"
    os.environ.setdefault("DATELINE_BASE_URL", f"http://{host}:{port}")
    if "ALLOWED_HOSTS" not in os.environ:
        os.environ["ALLOWED_HOSTS"] = ",".join(["127.0.0.1", "localhost", "[::1]", host])


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dateline demo", description=VERBS["demo"])
    parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to listen on")
    parser.add_argument("--workers", type=int, default=2, help="web server worker processes")
    parser.add_argument(
        "--articles",
        type=int,
        default=None,
        help="build a scale data set of this many articles instead of the editorial demo",
    )
    parser.add_argument("--no-serve", action="store_true", help="build the data, do not serve")
    args = parser.parse_args(argv)
    _public_address_from(args.addr)
    _setup_django()
    # The demo sets up a new database itself; one it cannot reach is the operator's to fix.
    from dateline.core.setup_state import unreachable

    if message := unreachable():
        return _stop(message)
    _call("migrate", "--no-input", "--verbosity", "0")
    seed = ["seed_demo"] + (["--articles", str(args.articles)] if args.articles else [])
    _call(*seed)
    from dateline.news.services import match_site_to_base_url

    match_site_to_base_url()  # an earlier run may have served the demo at another address
    if not args.no_serve:
        _serve(args.addr, args.workers)
    return 0


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dateline serve", description=VERBS["serve"])
    parser.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to listen on")
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: one per CPU)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("DATELINE_SERVE_THREADS", "2")),
        help="Python threads per worker (default 2, or DATELINE_SERVE_THREADS): with one, a page "
        "being rendered holds up the cached answers queued behind it",
    )
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be 1 or more")
    _setup_django()
    if message := _database_problem():
        return _stop(message)
    workers = args.workers or (os.cpu_count() or 1)
    _serve(args.addr, workers, args.threads)
    return 0


def worker(argv: list[str]) -> int:
    _setup_django()
    if not _asks_for_help(argv) and (message := _database_problem()):
        return _stop(message)
    from dateline.core.worker import run_worker

    run_worker(argv)
    return 0


def _help() -> str:
    lines = ["usage: dateline VERB [options]", "", "Dateline's own verbs:"]
    lines += [f"  {verb:<8} {text}" for verb, text in VERBS.items()]
    lines += [
        "",
        "Every other word is a Django management command, run with Dateline's settings:",
        "  dateline migrate, dateline createsuperuser, dateline check --deploy,",
        "  dateline seed_demo, dateline publish_scheduled, ... (`dateline help` lists them all)",
        "",
        f"Settings: DJANGO_SETTINGS_MODULE (default {DEFAULT_SETTINGS}; production:",
        "dateline.settings.production). Configuration is read from the environment: see README.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(_help())
        if not argv:
            return 0
        _setup_django()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["dateline", "help", "--commands"])
        return 0
    verb, rest = argv[0], argv[1:]
    handlers = {"demo": demo, "serve": serve, "worker": worker}
    if verb in handlers:
        return handlers[verb](rest)
    _setup_django()
    return _run_command(argv)


if __name__ == "__main__":
    sys.exit(main())
