"""The durability drill: comment POSTs against `dateline serve` killed with SIGKILL again and again;
every POST answered 303 must be a comment afterwards. Shared by tests/core/test_durability.py (a
few rounds) and bench/faults.py (many)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

DATELINE = str(Path(sys.executable).with_name("dateline"))
SETUP = """
from django.utils import timezone
from wagtail.models import Site
from dateline.news import services as news
from dateline.discussion.models import DiscussionSettings
news.ensure_site_tree()
section = news.create_section("World")
author = news.create_author("Amina Diallo")
story = news.create_article(section, title="Floods", standfirst="Water.",
    bylines=[(author, "reporting")], published_at=timezone.now())
rules = DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
rules.flood_interval_seconds = rules.max_per_minute = rules.max_per_hour = 0
rules.hold_first_time = False
rules.save()
print(story.url)
"""
COUNT = (
    "import json; from dateline.discussion.models import Comment; "
    "print(json.dumps(list(Comment.objects.values_list('name', flat=True))))"
)


def environment(data_dir: Path, database_url: str | None) -> dict:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DATELINE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        SECRET_KEY="drill-secret-key-" + "x" * 48,
        ALLOWED_HOSTS="127.0.0.1",
        DATELINE_SSL_REDIRECT="0",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([DATELINE, *args], env=env, capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(f"dateline {args[0]} failed: {done.stderr[-2000:]}")
    return done.stdout


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _start(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [DATELINE, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL reaches every worker
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    raise RuntimeError("dateline serve did not answer within 60 s")


def drill(data_dir: Path, database_url: str | None, rounds: int, posts_per_round: int) -> dict:
    """Kill the server with SIGKILL in the middle of each round of POSTs; returns counts."""
    env = environment(data_dir, database_url)
    manage(env, "migrate", "--no-input", "-v", "0")
    path = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(_NoRedirect)
    acknowledged: list[str] = []
    for round_ in range(rounds):
        server = _start(env, port)
        try:
            page = opener.open(base + path).read().decode()
            form = {
                "page": re.search(r'name="page" value="(\d+)"', page).group(1),
                "token": re.search(r'name="token" value="([^"]+)"', page).group(1),
                "parent": "", "homepage": "", "url": "",
            }  # fmt: skip
            time.sleep(3.2)  # the form token's fill-time check
            for n in range(posts_per_round):
                if n == posts_per_round // 2:
                    os.killpg(server.pid, signal.SIGKILL)  # mid-round, while POSTs keep coming
                name = f"Drill {round_}-{n}"
                body = dict(form, author=name, email=f"d{round_}x{n}@example.org")
                body["comment"] = f"Durability drill comment {round_}-{n}."
                request = urllib.request.Request(  # noqa: S310 - loopback
                    base + "/discussion/post/",
                    data=urllib.parse.urlencode(body).encode(),
                    headers={"Origin": base, "Referer": base + "/"},
                )
                try:
                    opener.open(request, timeout=10)
                except urllib.error.HTTPError as answer:
                    if answer.code == 303:
                        acknowledged.append(name)
                except OSError:
                    pass  # killed: no answer, no promise
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    stored = set(json.loads(manage(env, "shell", "-c", COUNT).strip().splitlines()[-1]))
    return {
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "lost": sorted(set(acknowledged) - stored),
    }
