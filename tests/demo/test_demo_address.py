"""`dateline demo --addr HOST:PORT`: every absolute link names the address the demo serves.

Found: the demo started on another port still wrote http://127.0.0.1:8000 into the printed
login, canonical links, JSON-LD, sitemaps, feed items and the API. This starts the real command
on a free port (a small scale newsroom, to stay quick) and crawls what a reader or a robot
would fetch.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

# Needs the machine to itself (the demo must come up within a deadline):
# scripts/test runs it after the others, alone.
pytestmark = pytest.mark.exclusive

DATELINE = str(Path(sys.executable).with_name("dateline"))
ABSOLUTE = re.compile(r"https?://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?[^\s\"'<>]*")
HREF = re.compile(r'(?:href|src)="(/[^"#?]*)"')
START = ["/", "/sitemap.xml", "/feed/", "/api/v2/pages/?type=news.ArticlePage&fields=*"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback
        return response.read().decode("utf-8", "replace")


@pytest.fixture
def demo_on_another_port(tmp_path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATELINE_BASE_URL"}
        and k != "ALLOWED_HOSTS"
    }
    env.update(DATELINE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="dateline.settings.dev")
    log = open(tmp_path / "demo.log", "w")  # noqa: SIM115 - closed below
    demo = subprocess.Popen(
        [DATELINE, "demo", "--addr", f"127.0.0.1:{port}", "--articles", "12", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        try:
            _get(base + "/healthz")
            break
        except OSError:
            if time.monotonic() > deadline or demo.poll() is not None:
                demo.kill()
                pytest.fail("dateline demo did not start: " + (tmp_path / "demo.log").read_text())
            time.sleep(0.5)
    yield base, port, tmp_path / "demo.log"
    demo.terminate()
    try:
        demo.wait(timeout=15)
    except subprocess.TimeoutExpired:
        demo.kill()
    log.close()


def test_demo_on_another_port_links_only_to_that_port(demo_on_another_port):
    base, port, log = demo_on_another_port
    printed = log.read_text()
    assert f"for {base}/admin/" in printed, printed

    seen, queue, wrong, pages = set(), list(START), [], 0
    while queue and pages < 60:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            text = _get(base + path)
        except OSError:
            continue  # a 404 or a page needing login is not what this looks for
        pages += 1
        for url in ABSOLUTE.findall(text):
            if urlsplit(url).port != port:
                wrong.append((path, url))
            elif urlsplit(url).path.endswith((".xml", "/")):
                queue.append(urlsplit(url).path)  # child sitemaps and the pages they list
        for link in HREF.findall(text):
            if not link.startswith(("/static/", "/media/", "/admin/")):
                queue.append(urlsplit(urljoin(base, link)).path)
    assert pages >= 20, f"crawled only {pages} pages"
    assert not wrong, f"absolute links to another address: {wrong[:5]}"
