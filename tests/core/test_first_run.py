"""A newcomer's first commands: every `dateline` command, on a data folder that was never set up,
answers without a Python traceback; those that need the database say in one line what to run.

The commands are not listed here: they come from the CLI itself (Dateline's verbs and every
management command of the installed apps), so a command added later is covered by these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATELINE = str(Path(sys.executable).with_name("dateline"))
FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
WXR = FIXTURES / "wxr-1.1-newsroom.xml"
NOT_SET_UP = "is not set up yet: run `dateline migrate` first"

# Runs every command in one process (a process per command would cost a Django start-up each:
# a minute or more on two busy cores) and reports, per command, its exit code and output or the
# traceback that escaped `dateline.cli.main`.
DRIVER = r"""
import contextlib, io, json, sys, traceback
from dateline import cli

cli._setup_django()
from django.core.management import get_commands

import signal


def hung(signum, frame):
    raise TimeoutError("still running after 60 s on an empty data folder")


signal.signal(signal.SIGALRM, hung)
mode, skip, extra = sys.argv[1], set(json.loads(sys.argv[2])), json.loads(sys.argv[3])
names = sorted((set(cli.VERBS) | set(get_commands())) - skip)
report = {}
for name in names:
    argv = [name, "--help"] if mode == "help" else [name, *extra.get(name, [])]
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        signal.alarm(60)
        try:
            code = cli.main(argv)
        except SystemExit as stop:
            code = stop.code
        except BaseException:
            code, output = "traceback", io.StringIO(traceback.format_exc())
        finally:
            signal.alarm(0)
    text = output.getvalue()
    report[name] = {"code": code, "output": text[:300] + text[-2000:]}
from django.db import connection
report["(tables left behind)"] = connection.introspection.table_names()
print("REPORT " + json.dumps(report))
"""

# Left out of the empty-folder run, each for its reason; their --help still runs.
NOT_RUN_ON_AN_EMPTY_FOLDER = {
    # They set the folder up (tests/demo and the browser tests run them on fresh folders).
    "migrate",
    "demo",
    # They write into the source tree or the current folder, or run a test database.
    "makemigrations",
    "squashmigrations",
    "makemessages",
    "compilemessages",
    "startapp",
    "startproject",
    "test",
    "testserver",
    # Django REST framework's schema generator fails inside Wagtail's API views on any database,
    # set up or not (AttributeError: 'NoneType' object has no attribute 'wagtailapi_router').
    "generateschema",
}
ARGUMENTS = {
    "import": ["wordpress", str(WXR)],
    "flush": ["--no-input"],
    "createsuperuser": ["--no-input", "--username", "editor", "--email", "editor@example.org"],
    "serve": ["--addr", "127.0.0.1:0"],
    "runserver": ["127.0.0.1:0", "--noreload"],
}
# The commands a newcomer meets first: they must name the command to run.
NEWCOMER_COMMANDS = ["import", "seed_demo", "serve", "worker", "runserver", "createsuperuser"]


def _empty_folder_env(tmp_path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "SECRET_KEY"}
    }
    env.update(
        DATELINE_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="dateline.settings.dev"
    )
    return env


def _drive(tmp_path, mode: str, skip=(), extra=None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, mode, json.dumps(sorted(skip)), json.dumps(extra or {})],
        env=_empty_folder_env(tmp_path),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        cwd=tmp_path,
    )
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("REPORT ")]
    assert result.returncode == 0 and lines, result.stderr[-3000:]
    return json.loads(lines[-1][len("REPORT ") :])


def test_every_command_answers_help_without_a_traceback(tmp_path):
    report = _drive(tmp_path, "help")
    report.pop("(tables left behind)")
    assert {"demo", "serve", "worker", "import", "seed_demo", "migrate"} <= set(report)
    failed = {name: r for name, r in report.items() if r["code"] not in (0, None)}
    assert not failed, failed
    assert all("usage: dateline" in r["output"] for r in report.values())


def test_every_command_on_an_empty_data_folder_shows_no_traceback(tmp_path):
    report = _drive(tmp_path, "run", NOT_RUN_ON_AN_EMPTY_FOLDER, ARGUMENTS)
    tables = report.pop("(tables left behind)")
    assert len(report) > 40  # Dateline's verbs and commands, Django's and Wagtail's
    tracebacks = {n: r["output"] for n, r in report.items() if r["code"] == "traceback"}
    assert not tracebacks, tracebacks
    assert not [n for n, r in report.items() if "Traceback" in r["output"]]
    for name in NEWCOMER_COMMANDS:
        assert report[name]["code"] == 1, (name, report[name])
        assert NOT_SET_UP in report[name]["output"], (name, report[name])
    # Nothing was half set up behind the newcomer's back (ANALYZE's own statistics aside).
    assert [t for t in tables if not t.startswith("sqlite_")] == []


def test_importing_into_a_fresh_data_folder_says_what_to_run(tmp_path):
    """The first papercut reported: `import wordpress` before `migrate` ended in a traceback."""
    result = subprocess.run(
        [DATELINE, "import", "wordpress", str(WXR)],
        env=_empty_folder_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"dateline: the database (SQLite file {tmp_path / 'data' / 'dateline.sqlite3'}) "
        "is not set up yet: run `dateline migrate` first (or `dateline demo` for the demo "
        "newsroom)."
    ]


@pytest.mark.parametrize(
    "command", [["serve", "--addr", "127.0.0.1:0"], ["demo", "--no-serve"], ["seed_demo"]]
)
def test_an_unreachable_database_is_one_line_naming_the_setting(tmp_path, command):
    env = _empty_folder_env(tmp_path)
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:1/nowhere"
    result = subprocess.run(
        [DATELINE, *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "cannot use the database (nowhere on 127.0.0.1:1)" in result.stderr
    assert "Check DATABASE_URL" in result.stderr


def test_a_real_error_keeps_its_traceback_when_asked(tmp_path):
    result = subprocess.run(
        [DATELINE, "seed_demo", "--traceback"],
        env=_empty_folder_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "no such table" in result.stderr
