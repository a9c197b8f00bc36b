"""Two `dateline serve` sharing one database and one Redis: a publish, a correction, an
approval and a kill made in a third process show on the very next request to each server.
(SQLite in a data folder they share, whatever DATABASE_URL says: what is under test is the
shared cache; bench/cluster.py runs the same changes on PostgreSQL.)

The CI-sized version of bench/cluster.py's visibility case (which runs three servers in network
namespaces, on PostgreSQL, behind nginx, with throughput, restarts, a deploy and edge mode).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .redis_faults import RealRedis, free_port

# Needs the machine to itself (several servers must answer within deadlines):
# scripts/test runs it after the others, alone.
pytestmark = pytest.mark.exclusive

DATELINE = str(Path(sys.executable).with_name("dateline"))
CHANGES = Path(__file__).resolve().parents[2] / "bench" / "cluster_changes.py"
# A newsroom of one story with one approved comment, then bench/cluster_changes.py's protocol.
SETUP = """
from dateline.discussion import services as discussion
from dateline.news import services as news

section = news.create_section("World")
author = news.create_author("Amina Diallo")
news.ensure_site_tree()
story = news.create_article(
    section, title="Troops leave Gao", standfirst="In brief.", bylines=[(author, "")]
)
discussion.create_comment(
    story, text="First.", name="Ada", email="ada@example.org", status="approved"
)
"""


def _read(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def _wait(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered:\n{log.read_text()}")


@pytest.fixture
def redis():
    try:
        server = RealRedis()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    yield server
    server.close()


def test_changes_show_on_the_next_request_to_every_server(tmp_path, redis):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DATELINE_EDGE_ROOT", "REDIS_URL"}
    }
    env.update(
        DATELINE_DATA_DIR=str(tmp_path / "data"),
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        SECRET_KEY="several-servers-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATELINE_SSL_REDIRECT="0",
        REDIS_URL=redis.url,
    )
    migrated = subprocess.run(
        [DATELINE, "migrate", "--no-input", "-v", "0"], env=env, capture_output=True, text=True
    )
    assert migrated.returncode == 0, migrated.stderr
    shell = subprocess.Popen(
        [DATELINE, "shell", "-c", SETUP + CHANGES.read_text()],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=open(tmp_path / "changes.log", "w"),  # noqa: SIM115
        text=True,
    )
    servers, logs = [], []
    try:

        def answer() -> dict:
            for line in shell.stdout:
                if line.startswith("{"):
                    return json.loads(line)
            raise AssertionError((tmp_path / "changes.log").read_text())

        story = answer()["ready"]
        ports = [free_port(), free_port()]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        # One after the other: two started at the same moment on a new data folder can leave
        # one serving 500s ("Missing staticfiles manifest entry"), issue 19's area, reported.
        for i, port in enumerate(ports):
            logs.append(tmp_path / f"server{i}.log")
            servers.append(
                subprocess.Popen(
                    [DATELINE, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1"],
                    env=env,
                    stdout=open(logs[i], "w"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                )
            )
            _wait(bases[i] + "/healthz", servers[i], logs[i])
        for step in ("publish", "correct", "approve", "kill"):
            for base in bases:  # both servers hold the pages in the shared cache first
                for path in ("/", story, story):
                    assert _read(base + path)[0] == 200, logs[bases.index(base)].read_text()
            shell.stdin.write(step + "\n")
            shell.stdin.flush()
            change = answer()
            for base in bases:
                for path in change["paths"]:
                    status, html = _read(base + path)
                    assert status == 200, (step, base, path)
                    if "shows" in change:
                        assert change["shows"] in html, (step, base, path)
                    else:
                        assert change["hides"] not in html, (step, base, path)
                if "gone" in change:
                    assert _read(base + change["gone"])[0] == 410, (step, base)
    finally:
        shell.stdin.close()
        shell.wait(timeout=60)
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
