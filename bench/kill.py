"""Kill: how long after an editor's kill a story answers 410 Gone (issue 17: within one second).

Seeds the demo newsroom in a temporary folder, starts `dateline serve` with production settings
and the page cache on, and, for each of --kills stories: reads its page and API address until
they are cached (in edge mode: until nginx answers the page from the edge folder), then logs in
to the admin and posts the Kill form, as an editor would, while four readers poll every 5 ms:

- the story's address and its API address, until each answers 410;
- the front page and the main feed, until neither names the story any more.

Each time is measured from the moment the Kill form is sent. Then the same again in edge mode
(nginx with `dateline edge_config --full` in front, reads and the kill going through nginx).
Prints a table and writes bench/results/kill.json.

    .venv/bin/python bench/kill.py              # --kills 5 --modes cache,edge
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402 - bench/ is not a package; the load bench's server and nginx helpers

POLL_SECONDS = 0.005
GIVE_UP_SECONDS = 30
USER, PASSWORD = "bench-editor", "bench-password-kill"

STORIES = """
import json
from dateline.news.models import ArticlePage
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser({user!r}, "", {password!r})
stories = ArticlePage.objects.live().order_by("-first_published_at")[:{n}]
print(json.dumps([[a.pk, a.get_url_parts()[2], a.title] for a in stories]))
"""


def stories(env, n: int) -> list[tuple[int, str, str]]:
    code = STORIES.format(user=USER, password=PASSWORD, n=n)
    return json.loads(run.manage(env, "shell", "-c", code).strip().splitlines()[-1])


def status_and_body(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


class LoopbackCookies(http.cookiejar.DefaultCookiePolicy):
    """Production settings mark the session and CSRF cookies Secure; the bench talks plain
    HTTP to the loopback address, as nginx's upstream does, so it sends them back anyway."""

    def return_ok_secure(self, cookie, request):
        return True


class Editor:
    """An admin session: logs in once, then kills stories through the Kill form."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar(LoopbackCookies())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self._post("/admin/login/", {"username": USER, "password": PASSWORD, "next": "/admin/"})
        if not any(c.name == "sessionid" for c in self.jar):
            sys.exit("bench: the admin login failed")

    def _csrf(self, path: str) -> str:
        html = self.opener.open(self.base + path, timeout=30).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def _post(self, path: str, fields: dict) -> int:
        data = {"csrfmiddlewaretoken": self._csrf(path), **fields}
        request = urllib.request.Request(  # noqa: S310 - loopback only
            self.base + path, data=urllib.parse.urlencode(data).encode(), method="POST"
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status

    def kill_form_token(self, pk: int) -> str:
        return self._csrf(f"/admin/news/kill/{pk}/")

    def send_kill(self, pk: int, token: str) -> None:
        fields = {"csrfmiddlewaretoken": token, "reason": "bench", "notice": "", "kind": "legal"}
        request = urllib.request.Request(  # noqa: S310 - loopback only
            f"{self.base}/admin/news/kill/{pk}/",
            data=urllib.parse.urlencode(fields).encode(),
            method="POST",
        )
        self.opener.open(request, timeout=30).read()


def watch(url: str, done, started: list, results: dict, key: str) -> None:
    """Poll `url` until `done(status, body)`; record seconds since the kill was sent."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while not started:
        time.sleep(0.0005)
    while time.monotonic() < deadline:
        status, body = status_and_body(url)
        if done(status, body):
            results[key] = time.monotonic() - started[0]
            return
        time.sleep(POLL_SECONDS)
    results[key] = None


def warm(base: str, path: str, edge: bool) -> None:
    for _ in range(5):
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
                if not edge or response.headers.get("X-Dateline-Cache") == "edge":
                    return
        except urllib.error.HTTPError:
            return


def kill_one(base: str, editor: Editor, story, edge: bool) -> dict:
    pk, path, title = story
    api = f"/api/v2/articles/{pk}/"
    for address in (path, api, "/", "/feed/"):
        warm(base, address, edge and address == path)
        warm(base, address, False)
    token = editor.kill_form_token(pk)
    started, results = [], {}
    gone = lambda status, body: status == 410  # noqa: E731
    absent = lambda status, body: status == 200 and title not in body  # noqa: E731
    watchers = [
        threading.Thread(target=watch, args=(base + path, gone, started, results, "page")),
        threading.Thread(target=watch, args=(base + api, gone, started, results, "api")),
        threading.Thread(target=watch, args=(base + "/", absent, started, results, "front")),
        threading.Thread(target=watch, args=(base + "/feed/", absent, started, results, "feed")),
    ]
    for watcher in watchers:
        watcher.start()
    started.append(time.monotonic())
    editor.send_kill(pk, token)
    results["kill_request"] = time.monotonic() - started[0]
    for watcher in watchers:
        watcher.join()
    return results


def measure(base: str, picked, edge: bool) -> list[dict]:
    editor = Editor(base)
    return [kill_one(base, editor, story, edge) for story in picked]


def summary(rows: list[dict]) -> dict:
    out = {}
    for key in ("kill_request", "page", "api", "front", "feed"):
        values = [r[key] for r in rows]
        if any(v is None for v in values):
            out[key] = {"median_ms": None, "max_ms": None, "missed": values.count(None)}
            continue
        ms = [v * 1000 for v in values]
        out[key] = {"median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1)}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5, help="stories killed per mode")
    parser.add_argument("--modes", default="cache,edge", help="cache, edge or both")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    root = Path(tempfile.mkdtemp(prefix="dateline-kill-"))
    root.chmod(0o755)  # nginx's workers run as an unprivileged user
    env = run.bench_env(root / "data")
    print(f"Building the data set in {root} ...", flush=True)
    run.manage(env, "migrate", "--no-input", "-v", "0")
    run.manage(env, "seed_demo")
    picked = stories(env, args.kills * len(modes))
    results = {"kills_per_mode": args.kills, "workers": args.workers, "modes": {}}
    for index, mode in enumerate(modes):
        batch = picked[index * args.kills : (index + 1) * args.kills]
        if mode == "cache":
            server = run.Server(run.bench_env(root / "data", DATELINE_PAGE_CACHE="1"), args.workers)
            try:
                print(f"dateline serve, page cache on: {len(batch)} kills", flush=True)
                rows = measure(server.url, batch, edge=False)
            finally:
                server.stop()
        elif mode == "edge":
            edge_env = run.bench_env(root / "data", DATELINE_EDGE_ROOT=str(root / "edge"))
            server = run.Server(edge_env, args.workers)
            try:
                nginx = run.EdgeNginx(root, server.env, f"127.0.0.1:{server.port}")
                try:
                    print(f"edge mode (nginx in front): {len(batch)} kills", flush=True)
                    rows = measure(nginx.url, batch, edge=True)
                finally:
                    nginx.stop()
            finally:
                server.stop()
        else:
            sys.exit(f"--modes: unknown mode {mode!r} (cache, edge)")
        results["modes"][mode] = {"kills": rows, "summary": summary(rows)}

    print("\n| mode | kill request | page 410 | API 410 | front page | feed | (median / max ms)")
    print("|---|---|---|---|---|---|")
    for mode, data in results["modes"].items():
        cells = [
            f"{s['median_ms']} / {s['max_ms']}" if s["median_ms"] is not None else "missed"
            for s in data["summary"].values()
        ]
        print(f"| {mode} | {' | '.join(cells)} |")
    out = HERE / "results" / "kill.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
