"""Redis in the states an outage leaves it: not listening, hung, or a real server we stop.

Shared by tests/core/test_resilient_cache.py and bench/faults.py. Every server here is ours, on
a free loopback port, and is stopped when its context ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HungRedis:
    """A server that accepts connections and never answers, as Redis does under SIGSTOP or a
    full network buffer. Counts the connections it was offered."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        self.listener.settimeout(0.1)
        while not self.stopped.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                conn, _ = self.listener.accept()
                self.connections.append(conn)  # held open, never read, never answered

    def close(self):
        self.stopped.set()
        self.thread.join(timeout=2)
        for conn in self.connections:
            conn.close()
        self.listener.close()


class RealRedis:
    """Our own redis-server (no persistence) on a free port; pause() is SIGSTOP."""

    def __init__(self, port: int | None = None):
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed")
        self.port = port or free_port()
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._answers():
                return
            time.sleep(0.05)
        self.close()
        raise RuntimeError("redis-server did not start within 10 s")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), 0.2) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def close(self):
        with contextlib.suppress(ProcessLookupError):
            self.resume()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def resilient_cache_settings(
    url: str, cool_down: float = 0.2, fallback: str | None = None, fallback_seconds: float = 10
) -> dict:
    """CACHES as production builds them from REDIS_URL, with a short cool-down for tests (and
    no local fallback unless a folder is given: every read then misses while degraded)."""
    options = {"COOL_DOWN": cool_down}
    if fallback:
        options.update(FALLBACK_LOCATION=fallback, FALLBACK_SECONDS=fallback_seconds)
    return {
        "default": {
            "BACKEND": "dateline.core.resilient_cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "dateline",
            "OPTIONS": options,
        },
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
