"""Several app servers on one machine: three `dateline serve` in network namespaces, one
PostgreSQL, one Redis, nginx balancing across them. Run as root; never run by the test suite.

    .venv/bin/python bench/cluster.py [--seconds 10] [--only visibility,throughput,restart,...]

- Each server runs in its own network namespace (`ip netns`), its veth pair plugged into a
  bridge (10.216.0.11-13:8000), as three machines on one switch would be. They share the
  machine's PostgreSQL (a database of this run's own, through its Unix socket, since PostgreSQL
  listens on loopback only), a private redis-server started here (a Unix socket in the run's
  folder, plus a loopback port of its own; the machine's Redis on 6379 is not touched) and one
  data folder for media (shared storage).
- visibility: a publish, a correction, a comment approval and a kill, each made on server 1
  (`dateline shell` in its namespace), must show on the very next request to every server (sent
  with the balancer's Host, as readers' requests arrive) and through the balancer.
- throughput: wrk (64 connections) reads the cached article through nginx with 1, 2 and 3
  servers behind it; CPU per request is the servers' CPU time over the requests answered.
- edge: every server restarted in edge mode (`DATELINE_EDGE_ROOT`, the other two as
  `DATELINE_EDGE_PEERS`) with nginx in its namespace; an approval on server 1 must delete the
  article's file in all three folders and show through every server's nginx.
- restart / deploy: wrk (64 connections) reads the front page and the article through nginx while
  each server in turn is stopped and started again (nginx sends its requests to the others);
  deploy starts the new processes as a new release (`DATELINE_RELEASE`), so every cached page
  is out of date at once. Errors must be 0; deploy's target is no request over 500 ms.

It cleans up after itself (processes, namespaces, the database) on success, failure, Ctrl-C and
its own time limit (`--time-limit`, default 20 minutes). Results: a summary on stdout and
bench/results/cluster.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402 - bench/ is not a package

PREFIX = "dlcluster"  # namespaces dlcluster1..3, veth dlclusterh1/dlclustern1 ...
PORT = 8000
DATABASE = "dateline_w16_cluster"
PG_SOCKET = "/var/run/postgresql"
CONNECTIONS = 64
CASES = ("visibility", "throughput", "restart", "deploy", "edge")


def sh(*cmd: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its living descendants."""
    tick, total, todo = os.sysconf("SC_CLK_TCK"), 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [
                    int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()
                ]
        except (OSError, ValueError):
            continue
    return total


BRIDGE, BRIDGE_IP = f"{PREFIX}br", "10.216.0.1"  # the hosts' switch, as a rack's would be


def make_bridge() -> None:
    remove_bridge()
    sh("ip", "link", "add", BRIDGE, "type", "bridge")
    sh("ip", "addr", "add", f"{BRIDGE_IP}/24", "dev", BRIDGE)
    sh("ip", "link", "set", BRIDGE, "up")


def remove_bridge() -> None:
    sh("ip", "link", "del", BRIDGE, check=False)


class Namespace:
    """One server's network: a namespace whose veth pair is plugged into the bridge, so the
    servers reach each other (edge peers) and the host (nginx, wrk) reaches them all."""

    def __init__(self, n: int):
        self.name, self.ip = f"{PREFIX}{n}", f"10.216.0.{10 + n}"
        self.host_side, self.inside = f"{PREFIX}h{n}", f"{PREFIX}n{n}"

    def create(self) -> None:
        self.remove()  # what a killed earlier run left
        sh("ip", "netns", "add", self.name)
        sh("ip", "link", "add", self.host_side, "type", "veth", "peer", "name", self.inside)
        sh("ip", "link", "set", self.inside, "netns", self.name)
        sh("ip", "link", "set", self.host_side, "master", BRIDGE)
        sh("ip", "link", "set", self.host_side, "up")
        inside = ("ip", "netns", "exec", self.name)
        sh(*inside, "ip", "addr", "add", f"{self.ip}/24", "dev", self.inside)
        sh(*inside, "ip", "link", "set", self.inside, "up")
        sh(*inside, "ip", "link", "set", "lo", "up")

    def remove(self) -> None:
        sh("ip", "link", "del", self.host_side, check=False)
        sh("ip", "netns", "del", self.name, check=False)


class AppServer:
    def __init__(self, n: int, env: dict, workers: int, logs: Path):
        self.n, self.env, self.workers = n, env, workers
        self.ns = Namespace(n)
        self.backend = f"{self.ns.ip}:{PORT}"
        self.url = f"http://{self.backend}"
        self.log = logs / f"server{n}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, **extra_env) -> None:
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(
                ["ip", "netns", "exec", self.ns.name, bench.DATELINE, "serve"]
                + ["--addr", self.backend, "--workers", str(self.workers)],
                env={**self.env, **extra_env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        bench.wait_for(self.url + "/healthz", timeout=120)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()  # granian finishes the requests it holds, then exits
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def cpu(self) -> float:
        return process_tree_cpu(self.proc.pid) if self.proc else 0.0

    def start_edge_nginx(self, env: dict, root: Path) -> str:
        """Edge mode on this server: nginx in its namespace, on port 80, in front of it."""
        prefix = root / f"edge-nginx{self.n}"
        prefix.mkdir(parents=True, exist_ok=True)
        listen, upstream = f"{self.ns.ip}:80", self.backend
        conf = bench.manage(
            env, "edge_config", "--full", str(prefix), "--listen", listen, "--upstream", upstream
        )
        self.edge_conf = prefix / "nginx.conf"
        self.edge_conf.write_text(conf)
        tz = {**os.environ, "TZ": env.get("DATELINE_TIME_ZONE", "UTC")}
        subprocess.run(
            ["ip", "netns", "exec", self.ns.name, "nginx", "-c", str(self.edge_conf)],
            check=True,
            env=tz,
        )
        bench.wait_for(f"http://{listen}/healthz")
        return f"http://{listen}"

    def stop_edge_nginx(self) -> None:
        conf = getattr(self, "edge_conf", None)
        if conf is not None:
            stop = ("nginx", "-c", str(conf), "-s", "stop")
            sh("ip", "netns", "exec", self.ns.name, *stop, check=False)
            self.edge_conf = None


class Balancer:
    """nginx on loopback, balancing across the servers' veth addresses, configured as
    docs/operations.md recommends (a shared zone, passive health checks, GETs retried on the
    next server). Each answer names the server that gave it (`X-Dateline-Upstream`, the drill's
    only addition), so the rolling restart can see when nginx sends a server requests again."""

    def __init__(self, root: Path, logs: Path, fail_timeout: int = 2):
        self.root, self.logs = root, logs
        self.fail_timeout = fail_timeout
        self.port = bench.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.host = f"127.0.0.1:{self.port}"
        self.conf = root / "nginx.conf"
        (root / "tmp").mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen | None = None

    def configure(self, backends: list[str], down: tuple[str, ...] = ()) -> None:
        health = f"max_fails=1 fail_timeout={self.fail_timeout}s"
        servers = "".join(
            f"    server {b}{' down' if b in down else ''} {health};\n" for b in backends
        )
        self.conf.write_text(f"""
worker_processes auto;
pid {self.root}/nginx.pid;
error_log {self.logs}/nginx-error.log warn;  # warn: nginx says when it takes a server out
events {{ worker_connections 4096; }}
http {{
  # Only failed answers are logged, with the server(s) nginx tried and what each answered.
  map $status $failed {{ ~^[23] 0; default 1; }}
  log_format upstreams '$time_iso8601 $msec $status $request_uri '
                       'upstream=$upstream_addr upstream_status=$upstream_status '
                       'request_time=$request_time';
  access_log {self.logs}/nginx-failed.log upstreams if=$failed;
  # And answers slower than 300 ms, with each server's connect and answer times.
  map $request_time $slow {{ ~^0[.][0-2] 0; default 1; }}
  log_format timings '$time_iso8601 $msec $status $request_uri upstream=$upstream_addr '
                     'connect=$upstream_connect_time answer=$upstream_response_time '
                     'request_time=$request_time';
  access_log {self.logs}/nginx-slow.log timings if=$slow;
  client_body_temp_path {self.root}/tmp; proxy_temp_path {self.root}/tmp;
  fastcgi_temp_path {self.root}/tmp; uwsgi_temp_path {self.root}/tmp;
  scgi_temp_path {self.root}/tmp;
  upstream dateline {{
    zone dateline 64k;  # one view of the servers' health for every nginx worker
{servers}    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{self.port};
    location / {{
      proxy_pass http://dateline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      # A server going away mid-request: the request goes to the next one (GETs only).
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
      add_header X-Dateline-Upstream $upstream_addr always;
    }}
  }}
}}""")
        if self.proc is None:
            self.proc = subprocess.Popen(["nginx", "-c", str(self.conf), "-g", "daemon off;"])
            bench.wait_for(self.url + "/healthz")
        else:
            sh("nginx", "-c", str(self.conf), "-s", "reload")
            time.sleep(1)  # the new workers take over; the old ones finish what they hold

    def sends_to(self, backend: str, timeout: float) -> float:
        """Wait until nginx answers a request with `backend` (after a restart, nginx tries a
        server again only once `fail_timeout` has passed since its last refused connection);
        the seconds it took. Stopping the next server before then left nginx no server it
        took for live, and it answered 502 to every request meanwhile ("no live upstreams")."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            request = urllib.request.Request(self.url + "/healthz")  # noqa: S310 - loopback
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    tried = response.headers.get("X-Dateline-Upstream", "")
            except OSError:
                tried = ""
            if tried.split(",")[-1].strip() == backend:  # the server that answered, last
                return time.monotonic() - started
            time.sleep(0.05)
        raise SystemExit(f"nginx sent no request to {backend} within {timeout:.0f} s")

    def cpu(self) -> float:
        return process_tree_cpu(self.proc.pid) if self.proc else 0.0

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


def read(url: str, host: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - http only
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our servers
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class Cluster:
    def __init__(self, root: Path, workers: int, fail_timeout: int = 2):
        self.root = root
        self.logs = root / "logs"
        self.logs.mkdir(parents=True)
        self.redis: subprocess.Popen | None = None
        self.servers: list[AppServer] = []
        self.balancer = Balancer(root / "nginx", self.logs, fail_timeout)
        self.workers = workers
        self.database_made = False

    # -- setting up and tearing down -------------------------------------------------------
    def start_redis(self) -> str:
        socket_path = self.root / "redis.sock"
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(bench.free_port()), "--bind", "127.0.0.1"]
            + ["--unixsocket", str(socket_path), "--unixsocketperm", "700"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.root)],
            stdout=open(self.logs / "redis.log", "w"),  # noqa: SIM115 - lives with the process
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            if socket_path.exists():
                return f"unix://{socket_path}"
            time.sleep(0.1)
        raise SystemExit("redis-server did not start: see " + str(self.logs / "redis.log"))

    def make_database(self) -> str:
        psql = ["psql", "-h", PG_SOCKET, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c"]
        sh(*psql, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        sh(*psql, f"CREATE DATABASE {DATABASE}")
        self.database_made = True
        return f"postgres://postgres@{PG_SOCKET.replace('/', '%2F')}/{DATABASE}"

    def env(self, database_url: str, redis_url: str) -> dict:
        hosts = ["127.0.0.1", "localhost"] + [Namespace(n).ip for n in (1, 2, 3)]
        env = bench.bench_env(
            self.root / "data",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            DATELINE_BASE_URL=self.balancer.url,
        )
        env["ALLOWED_HOSTS"] = ",".join(hosts)
        return env

    def cleanup(self) -> None:
        for server in self.servers:
            try:
                server.stop_edge_nginx()
                server.stop()
            except Exception as error:  # noqa: BLE001 - keep tearing down the rest
                print(f"  cleanup: server {server.n}: {error}", file=sys.stderr)
            server.ns.remove()
        remove_bridge()
        self.balancer.stop()
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=10)
        if self.database_made:
            sh("psql", "-h", PG_SOCKET, "-U", "postgres", "-q", "-c",
               f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", check=False)  # fmt: skip


# -- the cases ------------------------------------------------------------------------------
class Changes:
    """bench/cluster_changes.py in `dateline shell`, in server 1's namespace: one change a line."""

    def __init__(self, cluster: Cluster, env: dict):
        self.shell = subprocess.Popen(
            ["ip", "netns", "exec", cluster.servers[0].ns.name, bench.DATELINE, "shell", "-c"]
            + [(HERE / "cluster_changes.py").read_text()],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(cluster.logs / "changes.log", "a"),  # noqa: SIM115
            text=True,
        )
        self.hot = self.answer()["ready"]

    def answer(self) -> dict:
        """The next JSON line the script prints (Django may print other lines first)."""
        for line in self.shell.stdout:
            if line.startswith("{"):
                return json.loads(line)
        raise SystemExit("cluster: the change script stopped; see logs/changes.log")

    def make(self, step: str) -> dict:
        self.shell.stdin.write(step + "\n")
        self.shell.stdin.flush()
        change = self.answer()
        if "error" in change:
            raise SystemExit(f"cluster change failed: {change['error']}")
        return change

    def close(self) -> None:
        self.shell.stdin.close()
        self.shell.wait(timeout=60)


def shows(change: dict, status: int, html: str) -> bool:
    if status != 200:
        return False
    return change["shows"] in html if "shows" in change else change["hides"] not in html


def visibility(cluster: Cluster, changes: Changes) -> dict:
    """Each change made on server 1, then one request to every server and one through nginx."""
    hot, host = changes.hot, cluster.balancer.host
    targets = [(f"server {s.n}", s.url) for s in cluster.servers] + [
        ("nginx", cluster.balancer.url)
    ]
    checks = []
    for step in ("publish", "correct", "approve", "kill"):
        for _ in range(2):  # every server has the pages cached before the change
            for _, base in targets:
                read(base + "/", host)
                read(base + hot, host)
        change = changes.make(step)
        for name, base in targets:
            for path in change["paths"]:
                ok = shows(change, *read(base + path, host))
                checks.append({"step": step, "via": name, "path": path, "ok": ok})
            if "gone" in change:
                status, _ = read(base + change["gone"], host)
                checks.append(
                    {"step": step, "via": name, "path": change["gone"], "ok": status == 410}
                )
        seen = sum(c["ok"] for c in checks if c["step"] == step)
        total = sum(1 for c in checks if c["step"] == step)
        print(f"  {step:<8} seen on the next request: {seen}/{total}", flush=True)
    failed = [c for c in checks if not c["ok"]]
    return {"checks": len(checks), "stale_answers": len(failed), "failed": failed}


def edge_mode(cluster: Cluster, env: dict, changes: Changes) -> dict:
    """Every server restarted in edge mode with the others as its peers, each with nginx in its
    namespace in front; an approval on server 1 must delete the article's file in every folder
    and show through every server's nginx on the next request."""
    hot, host = changes.hot, cluster.balancer.host
    fronts = []
    for server in cluster.servers:
        peers = ",".join(s.url for s in cluster.servers if s is not server)
        server.env = {
            **server.env,
            "DATELINE_EDGE_ROOT": str(cluster.root / f"edge{server.n}"),
            "DATELINE_EDGE_PEERS": peers,
        }
        server.stop()
        server.start()
        fronts.append((server, server.start_edge_nginx(server.env, cluster.root)))
    files = {}
    for server, front in fronts:
        for _ in range(5):
            request = urllib.request.Request(front + hot, headers={"Host": host})  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                if response.headers.get("X-Dateline-Cache") == "edge":
                    break
        else:
            raise SystemExit(f"edge mode: server {server.n}'s nginx never served {hot} itself")
        folder = cluster.root / f"edge{server.n}" / "pages"
        files[server.n] = [p for p in folder.rglob("index.html") if hot.strip("/") in str(p)]
    # The approval is made on server 1 as its own processes would: with its edge folder and
    # its peers (the shell the other cases used knew neither).
    on_server_1 = Changes(cluster, cluster.servers[0].env)
    try:
        change = on_server_1.make("approve")
    finally:
        on_server_1.close()
    left = {n: [str(p) for p in paths if p.exists()] for n, paths in files.items()}
    checks = []
    for server, front in fronts:
        ok = shows(change, *read(front + hot, host))
        checks.append({"via": f"server {server.n}'s nginx", "ok": ok, "file_left": left[server.n]})
        print(
            f"  server {server.n}: article file {'left' if left[server.n] else 'deleted'}, "
            f"next request through its nginx {'shows' if ok else 'does not show'} the approval",
            flush=True,
        )
    failed = [c for c in checks if not c["ok"] or c["file_left"]]
    return {"checks": len(checks), "stale_answers": len(failed), "failed": failed}


def throughput(cluster: Cluster, hot: str, seconds: int) -> list[dict]:
    rows = []
    backends = [s.backend for s in cluster.servers]
    for count in (1, 2, 3):
        cluster.balancer.configure(backends[:count])
        url = cluster.balancer.url + hot
        bench.wrk(url, CONNECTIONS, 3)  # unmeasured: every process warm
        servers_cpu = [s.cpu() for s in cluster.servers]
        nginx_cpu = cluster.balancer.cpu()
        measured = bench.wrk(url, CONNECTIONS, seconds)
        used = sum(s.cpu() for s in cluster.servers) - sum(servers_cpu)
        answered = max(1, measured["requests"])
        row = {
            "servers": count,
            **measured,
            "per_server_rps": measured["rps"] / count,
            "server_cpu_ms_per_request": 1000 * used / answered,
            "nginx_cpu_ms_per_request": 1000 * (cluster.balancer.cpu() - nginx_cpu) / answered,
        }
        rows.append(row)
        print(
            f"  {count} server(s): {row['rps']:.0f} req/s "
            f"({row['per_server_rps']:.0f} per server), "
            f"p99 {row['p99_ms']:.1f} ms, errors {row['errors']}, "
            f"CPU {row['server_cpu_ms_per_request']:.2f} ms/request in the servers "
            f"+ {row['nginx_cpu_ms_per_request']:.2f} in nginx",
            flush=True,
        )
    cluster.balancer.configure(backends)
    return rows


def rolling(cluster: Cluster, hot: str, release: str | None) -> dict:
    """wrk reads the front page and the article through nginx while each server in turn is
    stopped and started again (as `release`, if given), as docs/operations.md tells an
    operator to: stop one server, wait for its /healthz, then wait until nginx sends it
    requests again before stopping the next. nginx is not reloaded to drain it: a reload closes
    readers' kept-alive connections (wrk counted those as errors); a stopped server's refused
    connections send the request to the next server instead, and nginx skips it for
    `fail_timeout` after each refusal (max_fails=1)."""
    script = cluster.root / "two_pages.lua"
    script.write_text(
        'local paths = {"/", "' + hot + '"}\nlocal i = 0\n'
        "request = function()\n  i = i + 1\n"
        "  return wrk.format(nil, paths[i % 2 + 1])\nend\n"
    )
    for server in cluster.servers:  # the pages cached before the clock starts (--only restart)
        for path in ("/", hot, "/", hot):
            read(server.url + path, cluster.balancer.host)
    load = subprocess.Popen(
        ["wrk", "-t2", f"-c{CONNECTIONS}", "-d600s", "--latency", "--timeout", "10s"]
        + ["-s", str(script), cluster.balancer.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    started = time.time()
    extra = {"DATELINE_RELEASE": release} if release else {}
    timeline = []
    for server in cluster.servers:
        stopping = time.time()
        server.stop()
        stopped = time.time()
        server.start(**extra)
        healthy = time.time()
        back = cluster.balancer.sends_to(server.backend, cluster.balancer.fail_timeout + 15)
        timeline.append(
            {"server": server.n, "stopping": stopping, "stopped": stopped, "healthy": healthy}
            | {"in_rotation_after_s": round(back, 2)}
        )
        print(
            f"  server {server.n} restarted{' as release ' + release if release else ''} "
            f"({time.strftime('%H:%M:%S', time.localtime(stopping))}: stopped in "
            f"{stopped - stopping:.1f} s, healthy {healthy - stopped:.1f} s later, "
            f"back in nginx's rotation {back:.1f} s after that)",
            flush=True,
        )
    time.sleep(3)
    load.send_signal(signal.SIGINT)  # wrk prints its summary on Ctrl-C
    out, _ = load.communicate(timeout=30)
    result = parse_wrk(out)
    result["restart_seconds"] = round(time.time() - started, 1)
    result["timeline"] = timeline
    print(
        f"  {result['requests']} requests, {result['rps']:.0f} req/s, errors {result['errors']} "
        f"(non-2xx {result['non_2xx']}, socket {result['socket_errors']}), "
        f"p99 {result['p99_ms']:.1f} ms, slowest {result['max_ms']:.1f} ms",
        flush=True,
    )
    return result


def parse_wrk(out: str) -> dict:
    def ms(value: str, unit: str) -> float:
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    latency = re.search(
        r"Latency\s+([\d.]+)(us|ms|s)\s+([\d.]+)(us|ms|s)\s+([\d.]+)(us|ms|s|m)", out
    )
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(x) for x in socket.groups()) if socket else 0
    names = ("connect", "read", "write", "timeout")
    kinds = dict(zip(names, socket.groups(), strict=True)) if socket else {}
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": ms(*p99.groups()),
        "max_ms": ms(latency.group(5), latency.group(6)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors,
        "socket_error_kinds": {k: int(v) for k, v in kinds.items()},
        "errors": (int(non_2xx.group(1)) if non_2xx else 0) + socket_errors,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk seconds per throughput run")
    parser.add_argument("--workers", type=int, default=1, help="worker processes per server")
    parser.add_argument("--only", default="", help="subset of: " + ", ".join(CASES))
    parser.add_argument(
        "--fail-timeout",
        type=int,
        default=2,
        help="nginx's fail_timeout for each server, in seconds (nginx's own default is 10)",
    )
    parser.add_argument(
        "--keep-logs", action="store_true", help="keep the logs folder (always kept on failure)"
    )
    parser.add_argument("--time-limit", type=int, default=1200, help="stop (and clean up) after")
    args = parser.parse_args(argv)
    wanted = set(filter(None, args.only.split(","))) or set(CASES)
    if wanted - set(CASES):
        sys.exit(f"--only: unknown case(s) {', '.join(sorted(wanted - set(CASES)))}")
    if os.geteuid() != 0:
        sys.exit("bench/cluster.py makes network namespaces: run it as root")
    for tool in ("wrk", "nginx", "redis-server", "psql", "ip"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed")

    def out_of_time(*_):
        raise SystemExit(f"cluster: stopped by --time-limit ({args.time_limit} s)")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("cluster: terminated"))
    signal.alarm(args.time_limit)
    root = Path(tempfile.mkdtemp(prefix="dateline-cluster-"))
    root.chmod(0o755)
    cluster = Cluster(root, args.workers, args.fail_timeout)
    results: dict = {"workers_per_server": args.workers, "connections": CONNECTIONS}
    try:
        print(
            f"Cluster in {root}: PostgreSQL {DATABASE}, a private Redis, 3 namespaces", flush=True
        )
        env = cluster.env(cluster.make_database(), cluster.start_redis())
        hot = bench.seed(env, 50)
        make_bridge()
        for n in (1, 2, 3):
            server = AppServer(n, env, args.workers, cluster.logs)
            server.ns.create()
            cluster.servers.append(server)
        for server in cluster.servers:
            server.start()
        cluster.balancer.configure([s.backend for s in cluster.servers])
        print(f"3 servers ({args.workers} worker(s) each) behind nginx at {cluster.balancer.url}")
        changes = Changes(cluster, env)
        if "visibility" in wanted:
            print("Visibility: changes made on server 1, read through every server")
            results["visibility"] = visibility(cluster, changes)
        if "throughput" in wanted:
            print(f"Throughput through nginx, cached article, {CONNECTIONS} connections")
            results["throughput"] = throughput(cluster, hot, args.seconds)
        if "restart" in wanted:
            print("Rolling restart under load (front page and article)")
            results["restart"] = rolling(cluster, hot, None)
        if "deploy" in wanted:
            print("Rolling deploy of a new release under load (front page and article)")
            results["deploy"] = rolling(cluster, hot, f"cluster-{int(time.time())}")
        if "edge" in wanted:
            print("Edge mode on every server (nginx in each namespace), peers purged together")
            results["edge"] = edge_mode(cluster, env, changes)
        changes.close()
    except BaseException:
        print(f"cluster: failed; its logs are kept in {cluster.logs}", file=sys.stderr)
        raise
    finally:
        signal.alarm(0)
        cluster.cleanup()
    summary(results)
    out = HERE / "results" / "cluster.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nJSON: {out}")
    failed = (
        results.get("visibility", {}).get("stale_answers", 0)
        + results.get("edge", {}).get("stale_answers", 0)
        + results.get("restart", {}).get("errors", 0)
        + results.get("deploy", {}).get("errors", 0)
    )
    if failed or args.keep_logs:
        print(f"Logs kept in {cluster.logs} (the servers', nginx-error.log, nginx-failed.log)")
        shutil.rmtree(root / "data", ignore_errors=True)
    else:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


def summary(results: dict) -> None:
    if "visibility" in results:
        v = results["visibility"]
        print(f"\nvisibility: {v['checks']} checks, {v['stale_answers']} stale answers")
        for failure in v["failed"]:
            print(f"  stale: {failure}")
    if "edge" in results:
        e = results["edge"]
        print(f"\nedge mode: {e['checks']} servers checked, {e['stale_answers']} stale")
        for failure in e["failed"]:
            print(f"  stale: {failure}")
    if "throughput" in results:
        print(
            "\n| servers | req/s | per server | p99 ms "
            "| server CPU ms/request | nginx CPU ms/request |"
        )
        print("|---|---|---|---|---|---|")
        for r in results["throughput"]:
            print(
                f"| {r['servers']} | {r['rps']:,.0f} | {r['per_server_rps']:,.0f} "
                f"| {r['p99_ms']:.1f} "
                f"| {r['server_cpu_ms_per_request']:.2f} | {r['nginx_cpu_ms_per_request']:.2f} |"
            )
    for case in ("restart", "deploy"):
        if case in results:
            r = results[case]
            print(
                f"\n{case}: {r['requests']:,} requests in {r['restart_seconds']} s of restarts, "
                f"errors {r['errors']}, p99 {r['p99_ms']:.1f} ms, slowest {r['max_ms']:.1f} ms"
            )


if __name__ == "__main__":
    sys.exit(main())
