"""Dateline's load benchmark: one command, never run by the test suite.

    .venv/bin/python bench/run.py [--workers N] [--duration 15] [--runs 1] [--quick] [--only ...]

It builds a data set with the demo generator in a temporary folder, starts `dateline serve`
(production settings, SQLite unless DATABASE_URL is set) with the page cache on and again with it
off, and loads it with wrk at 16 and 64 connections; then edge mode (nginx with the generated
configuration in front of `dateline serve`, answering the cached article from the edge folder). In
the same run nginx serves a saved copy of the same article HTML from disk as the physical
reference. Results: a table on stdout and JSON in bench/results/latest.json (bench/README.md
explains how to read them).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import storm  # noqa: E402 - bench/ is not a package

DATELINE = str(Path(sys.executable).with_name("dateline"))
SECRET = "bench-secret-key-" + "x" * 48


WARM_UP_SECONDS = 3

# Case names as the table shows them, and the short names --only takes.
CASE_KEYS = {
    "article, 50 comments, cache on": "cached",
    "front page, cache on": "front",
    "section page, cache on": "section",
    "comment POST": "post",
    "article, 50 comments, cache off": "uncached",
    "article, edge mode (nginx + cache)": "edge",
    "nginx static copy (reference)": "nginx",
    "article under a comment storm": "storm",  # bench/storm.py
}
CASE_STORM = "article under a comment storm"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(data_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATELINE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="dateline.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATELINE_SSL_REDIRECT="0",
        DATELINE_BENCHMARK="1",
        **extra,
    )
    return env


def manage(env, *args) -> str:
    out = subprocess.run([DATELINE, *args], env=env, capture_output=True, text=True, check=False)
    if out.returncode:
        sys.exit(f"dateline {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout}s")


class Server:
    threads: int | None = None  # --threads: dateline serve's default unless given

    def __init__(self, env, workers: int):
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        threads = ["--threads", str(self.threads)] if self.threads else []
        self.proc = subprocess.Popen(
            [DATELINE, "serve", "--addr", f"127.0.0.1:{self.port}", "--workers", str(workers)]
            + threads,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.url + "/healthz")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)


class Nginx:
    """nginx serving one saved HTML file, the physical reference for a cached page."""

    def __init__(self, root: Path, html: bytes):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        (root / "www").mkdir(parents=True, exist_ok=True)
        (root / "www" / "article.html").write_bytes(html)
        conf = root / "nginx.conf"
        conf.write_text(f"""
worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types {{ text/html html; }}
  client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp;
  fastcgi_temp_path {root}/tmp; uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
  server {{ listen 127.0.0.1:{self.port}; root {root}/www; }}
}}""")
        (root / "tmp").mkdir(exist_ok=True)
        self.conf = conf
        subprocess.run(["nginx", "-c", str(conf)], check=True)
        wait_for(self.url + "/article.html")

    def stop(self):
        subprocess.run(["nginx", "-c", str(self.conf), "-s", "stop"], check=False)


class EdgeNginx:
    """Edge mode: nginx with `dateline edge_config --full` in front of `dateline serve`."""

    def __init__(self, root: Path, env: dict, upstream: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        prefix = root / "edge-nginx"
        prefix.mkdir(parents=True, exist_ok=True)
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(
            manage(
                env,
                "edge_config",
                "--full",
                str(prefix),
                "--listen",
                f"127.0.0.1:{self.port}",
                "--upstream",
                upstream,
            )
        )
        # nginx names today's folder by its own clock: it runs in the newsroom's zone.
        tz = env.get("DATELINE_TIME_ZONE", "UTC")
        subprocess.run(["nginx", "-c", str(self.conf)], check=True, env={**os.environ, "TZ": tz})
        wait_for(self.url + "/healthz")

    def warm(self, path: str) -> None:
        """Read the page until nginx answers it from the edge folder."""
        for _ in range(5):
            with urllib.request.urlopen(self.url + path) as response:  # noqa: S310 - loopback
                if response.headers.get("X-Dateline-Cache") == "edge":
                    return
        sys.exit(f"edge mode: nginx never served {path} from the edge folder")

    def stop(self):
        subprocess.run(["nginx", "-c", str(self.conf), "-s", "stop"], check=False)


def wrk(url: str, connections: int, duration: int, script: Path | None = None) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(pct: str) -> float:
        match = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": rate,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def _percent(ratio: float | None) -> str:
    return "n/a" if ratio is None else f"{ratio:.1%}"


def median_of(runs: list[dict]) -> dict:
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    # Exact, for the POST check: what every run had answered, not the median times the runs.
    median["answered_all_runs"] = sum(r["requests"] - r["errors"] for r in runs)
    return median


def seed(env, comments_on_article: int) -> str:
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "seed_demo")
    script = HERE / "prepare_article.py"
    out = manage(
        {**env, "BENCH_COMMENTS": str(comments_on_article)}, "shell", "-c", script.read_text()
    )
    os.sync()  # the data set on disk, not still being written out during the first case
    return out.strip().splitlines()[-1]


def comment_count(env) -> int:
    code = "from dateline.discussion.models import Comment; print(Comment.objects.count())"
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def check_committed(case: dict, stored: int, runs: int) -> None:
    """Every acknowledged POST (a 303) must be a comment in the database, and nothing more."""
    acknowledged = case["answered_all_runs"]
    case["comments_stored"] = stored
    # wrk stops counting at the deadline: up to one POST per connection and run may still land.
    if not acknowledged <= stored <= acknowledged + case["connections"] * runs:
        sys.exit(f"comment POST: {acknowledged} acknowledged but {stored} stored")
    print(f"  comments stored: {stored:,} ({acknowledged:,} acknowledged)", flush=True)


def post_script(root: Path, server_url: str, html: str) -> Path:
    """The wrk POST script, with a form token old enough to pass the 3-second fill check."""
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    page_id = re.search(r'name="page" value="(\d+)"', html).group(1)
    time.sleep(3.5)
    text = (HERE / "post_comment.lua").read_text()
    text = text.replace("TOKEN", token).replace("PAGE_ID", page_id).replace("ORIGIN", server_url)
    target = root / "post_comment.lua"
    target.write_text(text)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="server worker processes (default: one per CPU, as `dateline serve`)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="Python threads per worker (default: as `dateline serve`, 2)",
    )
    parser.add_argument(
        "--switch-ms",
        type=float,
        default=None,
        help="DATELINE_SWITCH_INTERVAL_MS for the server (default: Python's 5 ms)",
    )
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--runs", type=int, default=1, help="runs per case; the median is kept")
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--quick", action="store_true", help="5-second runs, 16 connections")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated subset of: cached, front, section, post, uncached, edge, nginx, "
        "storm "
        "(for trying a change; the table in bench/README.md comes from a full run)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.connections = 5, "16"
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: apt-get install -y wrk nginx-light")
    connections = [int(c) for c in args.connections.split(",")]
    wanted = set(filter(None, args.only.split(","))) or set(CASE_KEYS.values())
    unknown = wanted - set(CASE_KEYS.values())
    if unknown:
        sys.exit(f"--only: unknown case(s) {', '.join(sorted(unknown))}")
    Server.threads = args.threads
    root = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    root.chmod(0o755)  # nginx's workers run as an unprivileged user
    if args.switch_ms:
        os.environ["DATELINE_SWITCH_INTERVAL_MS"] = str(args.switch_ms)  # every server below
    env = bench_env(root / "data")
    print(f"Building the data set in {root} ...", flush=True)
    article_path = seed(env, 50)
    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "database": env.get("DATABASE_URL", "sqlite").split(":")[0],
        },
        "workers": args.workers,
        "threads": args.threads or 2,
        "switch_interval_ms": args.switch_ms or 5,
        "duration_s": args.duration,
        "runs": args.runs,
        "cases": [],
    }

    def run_case(name, url, script=None, conns=None, before_measuring=None):
        if CASE_KEYS[name] not in wanted:
            return
        # Unmeasured: every worker compiles its templates and fills its per-process copies,
        # and the kernel finishes writing out the data set, before the clock starts.
        wrk(url, max(conns or connections), WARM_UP_SECONDS, script)
        if before_measuring:
            before_measuring()
        for c in conns or connections:
            measured = median_of([wrk(url, c, args.duration, script) for _ in range(args.runs)])
            results["cases"].append({"case": name, "connections": c, **measured})
            print(
                f"  {name:<34} c={c:<3} {measured['rps']:>9.0f} req/s  "
                f"p50 {measured['p50_ms']:.1f} ms  p99 {measured['p99_ms']:.1f} ms",
                flush=True,
            )

    server = Server(env, args.workers)
    try:
        html = urllib.request.urlopen(server.url + article_path).read()  # noqa: S310
        results["article_bytes"] = len(html)
        print(f"Cache on ({args.workers} workers); article {article_path} is {len(html)} bytes")
        run_case("article, 50 comments, cache on", server.url + article_path)
        run_case("front page, cache on", server.url + "/")
        section = "/" + article_path.strip("/").split("/")[0] + "/"
        run_case("section page, cache on", server.url + section)
        script = post_script(root, server.url, html.decode())
        stored = {}  # comments stored before the measured POSTs (after the warm-up's)
        run_case(
            "comment POST",
            server.url,
            script,
            conns=[4],
            before_measuring=lambda: stored.update(before=comment_count(env)),
        )
        if "post" in wanted:
            check_committed(results["cases"][-1], comment_count(env) - stored["before"], args.runs)
    finally:
        server.stop()
    if "uncached" in wanted:
        server = Server(bench_env(root / "data", DATELINE_PAGE_CACHE="0"), args.workers)
        try:
            print("Cache off")
            run_case("article, 50 comments, cache off", server.url + article_path)
        finally:
            server.stop()
    if "edge" in wanted:
        edge_env = bench_env(root / "data", DATELINE_EDGE_ROOT=str(root / "edge"))
        server = Server(edge_env, args.workers)
        try:
            edge = EdgeNginx(root, server.env, f"127.0.0.1:{server.port}")
            try:
                print("Edge mode: nginx answers the cached article from the edge folder")
                edge.warm(article_path)
                run_case("article, edge mode (nginx + cache)", edge.url + article_path)
            finally:
                edge.stop()
        finally:
            server.stop()
    nginx = Nginx(root / "nginx", html)
    try:
        print("nginx, same article HTML from disk")
        run_case("nginx static copy (reference)", nginx.url + "/article.html")
    finally:
        nginx.stop()
    # Last of all, on a server of its own: the storm adds hundreds of replies to the article,
    # and every case measured after it would read a page twice as large (in one full run the
    # uncached article fell from 150 to 100 req/s, and edge mode to a third of nginx's rate).
    if "storm" in wanted:
        server = Server(env, args.workers)
        try:
            print("Comment storm: approvals at 20/s on the article being read")
            results["cases"].append(
                storm.run(DATELINE, env, server.url + article_path, args.duration, wrk)
            )
        finally:
            server.stop()
    by = {(c["case"], c["connections"]): c for c in results["cases"]}
    for c in results["cases"]:
        ref = by.get(("nginx static copy (reference)", c["connections"])) or by.get(
            ("nginx static copy (reference)", max(connections))
        )
        c["ratio_to_static"] = round(c["rps"] / ref["rps"], 4) if ref else None
    # A partial run (--only) never replaces the full run's results.
    out = HERE / "results" / ("partial.json" if args.only else "latest.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print("\n| case | conns | req/s | p50 ms | p99 ms | vs nginx |\n|---|---|---|---|---|---|")
    for c in results["cases"]:
        print(
            f"| {c['case']} | {c['connections']} | {c['rps']:.0f} | {c['p50_ms']:.1f} | "
            f"{c['p99_ms']:.1f} | {_percent(c['ratio_to_static'])} |"
        )
    for c in results["cases"]:
        if c["case"] == CASE_STORM:
            print("\n" + storm.verdict(c))
    print(f"\nJSON: {out}")
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
