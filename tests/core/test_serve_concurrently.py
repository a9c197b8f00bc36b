"""Two `dateline serve` started at the same moment on one data folder (a process manager, a
rolling restart) both come up and serve: they used to race in static-file collection, and one
died with FileNotFoundError under static/wagtailadmin/; then the ones that waited served with
the manifest they had read before the collection (plain names, or a 500 for a file it lacked)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings

from dateline.core.static_collection import collect_static

# Needs the machine to itself (servers started together must answer within a deadline):
# scripts/test runs it after the others, alone.
pytestmark = pytest.mark.exclusive

DATELINE = str(Path(sys.executable).with_name("dateline"))
# Three rather than two: the old race lost one server in about half the two-server starts.
SERVERS = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _production_env(data_dir: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATELINE_EDGE_ROOT"}
    }
    env.update(
        DATELINE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        SECRET_KEY="concurrent-start-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATELINE_SSL_REDIRECT="0",
    )
    return env


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310 - loopback
            return response.status == 200
    except OSError:
        return False


def test_servers_started_at_once_on_one_data_folder_all_serve(tmp_path):
    data = tmp_path / "data"
    env = _production_env(data)
    migrated = subprocess.run(
        [DATELINE, "migrate", "--no-input", "-v", "0"], env=env, capture_output=True, text=True
    )
    assert migrated.returncode == 0, migrated.stderr
    ports = [_free_port() for _ in range(SERVERS)]
    logs = [open(tmp_path / f"server{i}.log", "w") for i in range(SERVERS)]  # noqa: SIM115
    servers = [
        subprocess.Popen(
            [DATELINE, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        waiting = set(range(SERVERS))
        deadline = time.monotonic() + 240
        while waiting and time.monotonic() < deadline:
            for i in sorted(waiting):
                base = f"http://127.0.0.1:{ports[i]}"
                if _answers(f"{base}/healthz") and _answers(f"{base}/static/dateline/site.css"):
                    waiting.discard(i)
                assert servers[i].poll() is None, (tmp_path / f"server{i}.log").read_text()
            time.sleep(0.3)
        assert not waiting, [(tmp_path / f"server{i}.log").read_text()[-3000:] for i in waiting]
        for i in range(SERVERS):
            # Every server names the fingerprinted files, and they answer: a server that waited
            # for another's collection used to keep the manifest it had read before (none).
            base = f"http://127.0.0.1:{ports[i]}"
            with urllib.request.urlopen(base + "/", timeout=10) as response:  # noqa: S310
                page = response.read().decode()
            stylesheet = re.search(r'href="(/static/dateline/site\.[0-9a-f]{12}\.css)"', page)
            assert stylesheet, f"server {i} names no fingerprinted stylesheet"
            assert _answers(base + stylesheet.group(1))
        for i in range(SERVERS):
            assert "Traceback" not in (tmp_path / f"server{i}.log").read_text()
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        for log in logs:
            log.close()


def test_static_files_are_collected_again_only_when_asked_or_changed(tmp_path):
    root = tmp_path / "static"
    with override_settings(STATIC_ROOT=str(root)):
        assert collect_static() is True
        assert (root / "dateline" / "site.css").exists()
        assert collect_static() is False  # sources unchanged: the second server copies nothing
        (tmp_path / "static.collected").unlink()
        assert collect_static() is True
        (tmp_path / "static.collected").write_text("an older collection")
        assert collect_static() is True
