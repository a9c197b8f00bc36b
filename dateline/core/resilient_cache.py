"""Django's Redis cache, made an optimisation instead of a dependency.

When Redis is down or hung, every cache call answers at once as a miss would (``get`` gives the
default, writes are dropped) so pages are rendered from the database instead of failing. Short
socket timeouts bound what the first failing call costs; after it, a circuit breaker skips Redis
entirely and a background thread probes it every few seconds, so no reader waits on a dead server
and recovery needs no restart.

A write or delete dropped during the outage would leave Redis with a value that may now be
wrong (a purge that never happened leaves old tag versions; a deleted fragment stays). So every
key whose write was dropped is remembered and deleted when Redis answers again, before the
breaker closes: a cache may forget, it must never remember wrongly. Past ``MAX_LOST_KEYS`` the
whole cache is cleared instead. This holds for the writes of this process; rate limits and
sessions live in the database and are not affected at all.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT as DEFAULT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Redis answers in well under a millisecond on a LAN: half a second means it is not answering.
DEFAULT_TIMEOUT = 0.5
DEFAULT_COOL_DOWN = 5.0
MAX_LOST_KEYS = 10_000
FAILURES = (RedisError, OSError)

_breakers: dict[str, Breaker] = {}
_registry_lock = threading.Lock()


def degraded() -> list[dict]:
    """The caches of this process that are skipping Redis now (for /healthz)."""
    return [b.describe() for b in list(_breakers.values()) if b.is_open]


class Breaker:
    """Open after a failure; a background probe closes it once Redis answers again."""

    def __init__(self, name: str, cool_down: float, probe):
        self.name = name
        self.cool_down = cool_down
        self.probe = probe
        self.opened_at: float | None = None
        self.last_error = ""
        self.lost: set[tuple] = set()
        self.lost_everything = False
        self.lock = threading.Lock()
        self.prober: threading.Thread | None = None

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None

    def describe(self) -> dict:
        return {
            "cache": self.name,
            "since_seconds": round(time.monotonic() - self.opened_at, 1) if self.opened_at else 0,
            "error": self.last_error,
        }

    def trip(self, error: Exception, lost_keys=()) -> None:
        with self.lock:
            self._remember(lost_keys)
            if self.opened_at is None:
                self.opened_at = time.monotonic()
                self.last_error = f"{type(error).__name__}: {error}"[:200]
                logger.warning(
                    "cache %r degraded: Redis is not answering (%s); serving from the database "
                    "and retrying every %g s",
                    self.name,
                    self.last_error,
                    self.cool_down,
                )
            if self.prober is None or not self.prober.is_alive():
                self.prober = threading.Thread(
                    target=self._probe_until_back, name=f"cache-probe-{self.name}", daemon=True
                )
                self.prober.start()

    def lose(self, keys) -> bool:
        """A write skipped while open: its keys are deleted when Redis is back. False when the
        breaker closed in the meantime (the caller then writes to Redis after all)."""
        with self.lock:
            if self.opened_at is None:
                return False
            self._remember(keys)
            return True

    def _remember(self, keys) -> None:
        for key in keys:
            if len(self.lost) >= MAX_LOST_KEYS:
                self.lost_everything = True
                self.lost.clear()
                return
            if not self.lost_everything:
                self.lost.add(key)

    def _probe_until_back(self) -> None:
        while _breakers.get(self.name) is self:  # a replaced breaker's prober just ends
            time.sleep(self.cool_down)
            with self.lock:
                lost, everything = set(self.lost), self.lost_everything
            try:
                self.probe(lost, everything)
            except Exception as exc:  # noqa: BLE001 - the prober must outlive any failure
                # (were it to die, nothing would ever close the breaker again)
                self.last_error = f"{type(exc).__name__}: {exc}"[:200]
                continue
            if self._settle(lost, everything):
                return

    def _settle(self, done: set, everything: bool) -> bool:
        """Delete what was dropped while the probe ran (under load there always is some), then
        close; checked and closed under the lock, so no write can slip between."""
        for _ in range(20):
            with self.lock:
                self.lost -= done
                if everything:
                    self.lost_everything = everything = False
                if not self.lost and not self.lost_everything:
                    down_for = time.monotonic() - self.opened_at
                    self.opened_at = None
                    self.prober = None
                    break
                done, everything = set(self.lost), self.lost_everything
            try:
                self.probe(done, everything)
            except Exception:  # noqa: BLE001 - back to probing after the cool-down
                return False
        else:
            return False
        logger.warning("cache %r recovered: Redis answers again after %.1f s", self.name, down_for)
        return True


class ResilientRedisCache(RedisCache):
    """RedisCache whose failures are misses. OPTIONS: socket_timeout and socket_connect_timeout
    (seconds, default 0.5), COOL_DOWN (seconds between probes while degraded, default 5)."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        cool_down = float(options.pop("COOL_DOWN", DEFAULT_COOL_DOWN))
        options.setdefault("socket_timeout", DEFAULT_TIMEOUT)
        options.setdefault("socket_connect_timeout", DEFAULT_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        # Django builds one cache object per thread: they share one breaker per server, so one
        # thread's failure spares all the others the timeout.
        location = urlsplit(str(server if isinstance(server, str) else server[0]))
        # Host, port and database only: a password in REDIS_URL never reaches logs or /healthz.
        name = f"{location.hostname}:{location.port or 6379}{location.path} {self.key_prefix}"
        with _registry_lock:
            if name not in _breakers:
                _breakers[name] = Breaker(name, cool_down, self._recover)
            self.breaker = _breakers[name]

    def _recover(self, lost: set[tuple], everything: bool) -> None:
        self._cache.get_client(write=True).ping()
        if everything:
            RedisCache.clear(self)
            return
        by_version: dict = {}
        for key, version in lost:
            by_version.setdefault(version, []).append(key)
        for version, keys in by_version.items():
            RedisCache.delete_many(self, keys, version=version)

    def _guarded(self, method, args, miss, lost_keys=()):
        """The RedisCache method's answer, or `miss` when Redis is skipped or fails; writes
        dropped on the way are remembered so that recovery deletes their keys."""
        if self.breaker.is_open and self.breaker.lose(lost_keys):
            return miss
        try:
            return method(self, *args)
        except FAILURES as exc:
            self.breaker.trip(exc, lost_keys)
            return miss

    def _timeout(self, timeout):
        return self.default_timeout if timeout is DEFAULT else timeout

    def get(self, key, default=None, version=None):
        return self._guarded(RedisCache.get, (key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded(RedisCache.get_many, (keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(RedisCache.has_key, (key, version), False)

    def add(self, key, value, timeout=DEFAULT, version=None):
        args = (key, value, self._timeout(timeout), version)
        return self._guarded(RedisCache.add, args, False, [(key, version)])

    def set(self, key, value, timeout=DEFAULT, version=None):
        args = (key, value, self._timeout(timeout), version)
        return self._guarded(RedisCache.set, args, None, [(key, version)])

    def set_many(self, data, timeout=DEFAULT, version=None):
        args = (data, self._timeout(timeout), version)
        return self._guarded(RedisCache.set_many, args, list(data), [(k, version) for k in data])

    def touch(self, key, timeout=DEFAULT, version=None):
        return self._guarded(RedisCache.touch, (key, self._timeout(timeout), version), False)

    def delete(self, key, version=None):
        return self._guarded(RedisCache.delete, (key, version), False, [(key, version)])

    def delete_many(self, keys, version=None):
        keys = list(keys)
        lost = [(k, version) for k in keys]
        return self._guarded(RedisCache.delete_many, (keys, version), None, lost)

    def incr(self, key, delta=1, version=None):
        found = self._guarded(RedisCache.incr, (key, delta, version), None, [(key, version)])
        if found is None:  # skipped: answer as for a missing key (Django's contract for incr)
            raise ValueError(f"Key '{key}' not found (the cache is degraded)")
        return found

    def clear(self):
        cleared = self._guarded(RedisCache.clear, (), False)
        if self.breaker.is_open:  # skipped or failed: the whole cache is owed a clear
            with self.breaker.lock:
                self.breaker.lost_everything = True
        return cleared
