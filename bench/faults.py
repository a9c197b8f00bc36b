"""Dateline's fault bench: the minute-long checks of tests/*fault* cases, one line per check.

    .venv/bin/python bench/faults.py [--seconds 10] [--clients 8] [--only redis,bombs,hostile]

- redis: `dateline serve` (production settings, SQLite) on our own redis-server; readers and
  comment POSTs for --seconds with Redis up (baseline), stopped, hung (SIGSTOP), then the time
  the server takes to use Redis again. Prints 5xx count, p95, slowest request per state.
- bombs: peak memory (max RSS, a fresh process each) of refusing each image bomb through the
  upload field, with Wagtail's own field for comparison; time and memory of nested-HTML bodies.
- restore: `dateline backup` and `dateline restore` times on the demo data set.
- durability: comment POSTs while `dateline serve` is killed with SIGKILL --kills times (SQLite;
  also PostgreSQL when FAULTS_POSTGRES_URL names an empty database): acknowledged vs stored.
- hostile: the suite's hostile-input tests with every string of every list (the suite takes an
  even sample of each, tests/corpora.py ci_sample): one line per test, its time and outcome.

Never run by the test suite; everything it starts is on loopback and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import run as load  # noqa: E402  bench/run.py: server, environment and seeding helpers

from tests.core.durability import drill  # noqa: E402
from tests.core.redis_faults import RealRedis  # noqa: E402

PYTHON = sys.executable


def line(check: str, **figures) -> None:
    shown = "  ".join(f"{k}={v}" for k, v in figures.items())
    print(f"{check:<44} {shown}", flush=True)


# --- Redis stopped and hung ------------------------------------------------------------------


def _request(url: str, data: bytes | None = None, origin: str = "") -> tuple[int, float]:
    headers = {"Origin": origin, "Referer": origin + "/"} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - loopback
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 599  # no answer at all counts as a server error
    return status, time.monotonic() - started


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def load_for(base: str, paths: list[str], form: dict, seconds: float, clients: int) -> dict:
    """Readers (GET) and commenters (every 10th request a POST) for `seconds`."""
    urllib.request.install_opener(urllib.request.build_opener(_NoRedirect))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        count = 0
        while time.monotonic() < deadline:
            count += 1
            if count % 10 == 0:
                unique = f"{n}-{count}-{time.time_ns()}"
                body = dict(form, author=f"Fault reader {unique}", email=f"f{unique}@example.org")
                body["comment"] = f"Fault bench comment {unique} on the story."
                answer = _request(
                    base + "/discussion/post/", urllib.parse.urlencode(body).encode(), base
                )
            else:
                answer = _request(base + rng.choice(paths))
            with lock:
                results.append(answer)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times = sorted(t for _, t in results)
    return {
        "requests": len(results),
        "5xx": sum(1 for s, _ in results if s >= 500),
        "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 1) if times else None,
        "max_ms": round(times[-1] * 1000, 1) if times else None,
        "statuses": sorted({s for s, _ in results}),
    }


def redis_checks(seconds: float, clients: int) -> None:
    redis = RealRedis()
    root = Path(tempfile.mkdtemp(prefix="dateline-faults-"))
    env = load.bench_env(root / "data", REDIS_URL=redis.url)
    article = load.seed(env, 50)
    server = load.Server(env, workers=2)
    try:
        html = urllib.request.urlopen(server.url + article).read().decode()  # noqa: S310
        form = {
            "page": re.search(r'name="page" value="(\d+)"', html).group(1),
            "token": re.search(r'name="token" value="([^"]+)"', html).group(1),
            "parent": "",
            "homepage": "",
            "url": "",
        }
        time.sleep(3.5)  # the form token's fill-time check
        paths = ["/", article, article, article]
        load_for(server.url, paths, form, 3, clients)  # unmeasured: first renders, warm caches
        baseline = load_for(server.url, paths, form, seconds, clients)
        line("redis up (baseline)", **baseline)
        redis.process.terminate()
        redis.process.wait(timeout=10)
        stopped = load_for(server.url, paths, form, seconds, clients)
        line("redis stopped", **stopped, **_verdict(stopped, baseline))
        port = redis.port
        redis = RealRedis(port=port)
        back = _until_not_degraded(server.url, 60)
        line("redis restarted: back in use after", seconds=back)
        redis.pause()
        hung = load_for(server.url, paths, form, seconds, clients)
        line("redis hung (SIGSTOP)", **hung, **_verdict(hung, baseline))
        redis.resume()
        line("redis resumed: back in use after", seconds=_until_not_degraded(server.url, 60))
    finally:
        server.stop()
        redis.close()
    # The fair comparison for degraded mode: the same pages rendered with Redis up and the page
    # cache off (what every request costs when nothing can come from a cache).
    uncached = load.Server(dict(env, DATELINE_PAGE_CACHE="0", REDIS_URL=""), workers=2)
    try:
        line("reference: page cache off", **load_for(uncached.url, paths, form, seconds, clients))
    finally:
        uncached.stop()


def _verdict(case: dict, baseline: dict) -> dict:
    """Issue 14's bar: no 5xx, p95 at most 3 times the baseline, no request over 2 s."""
    met = (
        case["5xx"] == 0
        and bool(case["p95_ms"] and baseline["p95_ms"])
        and case["p95_ms"] <= 3 * baseline["p95_ms"]
        and case["max_ms"] <= 2000
    )
    return {"p95_vs_baseline": _ratio(case, baseline), "target": "met" if met else "NOT MET"}


def _ratio(case: dict, baseline: dict) -> str:
    if not case["p95_ms"] or not baseline["p95_ms"]:
        return "n/a"
    return f"{case['p95_ms'] / baseline['p95_ms']:.2f}x"


def _until_not_degraded(base: str, limit: float) -> float | str:
    """Seconds until every worker answering /healthz uses Redis again (sampled 20 times)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        answers = [_health(base) for _ in range(20)]
        if not any("degraded" in a for a in answers):
            return round(time.monotonic() - started, 1)
        time.sleep(0.25)
    return f"not within {limit}s"


def _health(base: str) -> dict:
    with urllib.request.urlopen(base + "/healthz", timeout=5) as response:  # noqa: S310
        return json.loads(response.read())


# --- bombs -----------------------------------------------------------------------------------

_IMAGE = """
import resource, sys, django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.bombs import png_bomb
data = png_bomb({w}, {h})
field = {field}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    field.clean(SimpleUploadedFile("bomb.png", data))
    outcome = "accepted"
except ValidationError as exc:
    outcome = "refused (form error)"
except Exception as exc:
    outcome = "ERROR " + type(exc).__name__
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(data), (after - before) // 1024, outcome)
"""
FIELDS = {
    "dateline": "__import__('dateline.core.images', fromlist=['x']).HeaderCheckedImageField()",
    "wagtail": "__import__('wagtail.images.fields', fromlist=['x']).WagtailImageField()",
}
_HTML = """
import resource, time, django
django.setup()
from dateline.importers.wordpress.body import BodyContext, to_blocks
from tests.bombs import nested_divs
html = nested_divs({depth})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
context = BodyContext()
blocks = to_blocks(html, context)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(round(time.monotonic() - started, 3), (peak - before) // 1024, len(context.notes))
"""


_XML = """
import io, resource, time
from dateline.importers.wxr import WXRReader, WXRRefused
from tests.importers.test_wordpress_import import BOMB
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    with WXRReader(io.BytesIO(BOMB.encode())) as reader:
        list(reader)
    outcome = "read"
except WXRRefused as exc:
    outcome = str(exc)[:50]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(round(time.monotonic() - started, 4), (peak - before) // 1024, outcome)
"""


def _python(code: str) -> list[str]:
    env = {"DJANGO_SETTINGS_MODULE": "dateline.settings.test", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, env=env, cwd=HERE.parent, timeout=600
    )
    if done.returncode:
        return ["-", "-", "crashed: " + done.stderr.strip().splitlines()[-1][:80]]
    return done.stdout.split(maxsplit=2)


def bomb_checks() -> None:
    for label, (w, h) in {
        "png 49 MP": (7000, 7000),
        "png 144 MP": (12000, 12000),
        "png 210 MP": (15000, 14000),
        "png 40000x10": (40000, 10),
    }.items():
        for name, field in FIELDS.items():
            size, peak, outcome = _python(_IMAGE.format(w=w, h=h, field=field))
            line(
                f"image bomb {label} ({name} field)",
                file_bytes=size,
                extra_peak_mb=peak,
                outcome=outcome.strip(),
            )
    seconds, peak, outcome = _python("import django; django.setup()\n" + _XML)
    line(
        "xml bomb (billion laughs WXR)",
        seconds=seconds,
        extra_peak_mb=peak,
        outcome=outcome.strip(),
    )
    for depth in (1_000, 16_000, 50_000):
        seconds, peak, notes = _python(_HTML.format(depth=depth))
        line(
            f"html bomb {depth:,} nested divs",
            seconds=seconds,
            extra_peak_mb=peak,
            report_lines=notes.strip(),
        )


# --- restore ---------------------------------------------------------------------------------


def restore_checks() -> None:
    root = Path(tempfile.mkdtemp(prefix="dateline-faults-"))
    env = load.bench_env(root / "data")
    load.seed(env, 50)
    started = time.monotonic()
    load.manage(env, "backup", str(root / "backup"))
    backup_seconds = round(time.monotonic() - started, 1)
    size = sum(p.stat().st_size for p in (root / "backup").rglob("*") if p.is_file())
    started = time.monotonic()
    load.manage(env, "restore", str(root / "backup"))
    line(
        "backup and restore (demo data, SQLite)",
        backup_s=backup_seconds,
        restore_s=round(time.monotonic() - started, 1),
        backup_mb=round(size / 1e6, 1),
    )


def durability_checks(rounds: int) -> None:
    urls = [None] + (
        [os.environ["FAULTS_POSTGRES_URL"]] if "FAULTS_POSTGRES_URL" in os.environ else []
    )
    for url in urls:
        root = Path(tempfile.mkdtemp(prefix="dateline-faults-"))
        result = drill(root / "data", url, rounds=rounds, posts_per_round=40)
        line(
            f"kill -9 drill ({'PostgreSQL' if url else 'SQLite'}, {rounds} kills)",
            acknowledged=result["acknowledged"],
            stored=result["stored"],
            lost=len(result["lost"]),
        )


# The suite's tests that read the hostile lists; under DATELINE_HOSTILE_FULL=1 they take them all.
HOSTILE_TESTS = [
    "tests/discussion/test_hostile.py",
    "tests/discussion/test_hostile_matrix.py",
]


def hostile_checks() -> None:
    import xml.etree.ElementTree as ET  # noqa: S405 - pytest's own report

    report = Path(tempfile.mkdtemp(prefix="dateline-faults-")) / "hostile.xml"
    env = dict(os.environ, DATELINE_HOSTILE_FULL="1", DATELINE_REQUIRE_CORPORA="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"]
        + HOSTILE_TESTS,
        cwd=HERE.parent,
        env=env,
        capture_output=True,
        check=False,
    )
    for case in ET.parse(report).getroot().iter("testcase"):  # noqa: S314
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        line(
            f"hostile, every string: {case.get('name')[:60]}",
            seconds=round(float(case.get("time", 0)), 1),
            outcome="FAILED" if failed else "skipped" if skipped else "passed",
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--only", default="redis,bombs,restore,durability,hostile")
    parser.add_argument("--kills", type=int, default=10, help="rounds of the kill -9 drill")
    args = parser.parse_args(argv)
    wanted = set(args.only.split(","))
    if "bombs" in wanted:
        bomb_checks()
    if "restore" in wanted:
        restore_checks()
    if "redis" in wanted:
        redis_checks(args.seconds, args.clients)
    if "durability" in wanted:
        durability_checks(args.kills)
    if "hostile" in wanted:
        hostile_checks()
    return 0


if __name__ == "__main__":
    sys.exit(main())
