"""Django's Redis cache, made an optimisation instead of a dependency.

When Redis is down or hung, every cache call is answered by a machine-local fallback instead (a
file cache in the data folder, shared by the machine's worker processes), or, with no fallback
configured, as a miss would be (``get`` gives the default, writes are dropped): pages are served
from the fallback or rendered from the database, never failed. Short socket timeouts bound what
the first failing call costs; after it, a circuit breaker shared by every user of that Redis in
the process (page cache, grace, fragments, site-wide copies) skips Redis entirely, and one
background thread probes it every few seconds, so no reader waits on a dead server and recovery
needs no restart.

The fallback cannot hear purges made by other servers (they would go to Redis). So it keeps
nothing longer than a short window (``FALLBACK_SECONDS``, default 10): every key lives in the
window of wall-clock time it was written in, and all windows start and end at the same instants
on every server. A copy served during an outage is therefore at most that old, whichever server
changed the page; this server's own purges apply to it at once, as with Redis.

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

from dateline.core.filecache import FileCache

logger = logging.getLogger(__name__)

# Redis answers in well under a millisecond on a LAN: half a second means it is not answering.
DEFAULT_TIMEOUT = 0.5
DEFAULT_COOL_DOWN = 5.0
MAX_LOST_KEYS = 10_000
DEFAULT_FALLBACK_SECONDS = 10.0
FAILURES = (RedisError, OSError)
# Among the keys a skipped call leaves Redis owing: the whole cache (a clear() dropped).
EVERYTHING = ("*everything*", None)

_breakers: dict[str, Breaker] = {}
_registry_lock = threading.Lock()


def degraded() -> list[dict]:
    """The caches of this process that are skipping Redis now (for /healthz)."""
    return [b.describe() for b in list(_breakers.values()) if b.is_open]


class Breaker:
    """Open after a failure; a background probe closes it once Redis answers again."""

    def __init__(self, name: str, cool_down: float, probe, fallback: str = "none"):
        self.name = name
        self.cool_down = cool_down
        self.probe = probe
        self.fallback = fallback
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
            "retry_every_seconds": self.cool_down,
            "serving_from": self.fallback,
        }

    def trip(self, error: Exception, lost_keys=()) -> None:
        with self.lock:
            self._remember(lost_keys)
            if self.opened_at is None:
                self.opened_at = time.monotonic()
                self.last_error = f"{type(error).__name__}: {error}"[:200]
                logger.warning(
                    "cache %r degraded: Redis is not answering (%s); serving from the %s "
                    "and retrying every %g s",
                    self.name,
                    self.last_error,
                    self.fallback,
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
            if key == EVERYTHING:
                self.lost_everything = True
                self.lost.clear()
                return
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
                    # Said before the breaker closes, not after: whoever sees it closed (a
                    # health check, an operator tailing the log) also finds the line.
                    logger.warning(
                        "cache %r recovered: Redis answers again after %.1f s",
                        self.name,
                        time.monotonic() - self.opened_at,
                    )
                    self.opened_at = None
                    self.prober = None
                    return True
                done, everything = set(self.lost), self.lost_everything
            try:
                self.probe(done, everything)
            except Exception:  # noqa: BLE001 - back to probing after the cool-down
                return False
        return False


class WindowedFallback:
    """The cache answering while Redis is skipped: a file cache whose keys carry the current
    window of wall-clock time, so that nothing written in one window is read in the next."""

    def __init__(self, location: str, seconds: float):
        self.seconds = seconds
        self.location = location
        self._cache: FileCache | None = None

    @property
    def cache(self) -> FileCache:
        # Built on first use, not with the Redis cache: the file cache makes its folder when
        # built, and a folder that cannot be made must cost misses in an outage, not every
        # request of a healthy server its cache.
        if self._cache is None:
            self._cache = FileCache(self.location, {"OPTIONS": {"MAX_ENTRIES": 20000}})
        return self._cache

    def describe(self) -> str:
        return f"local file cache (copies at most {self.seconds:g} s old)"

    def _window(self) -> tuple[str, float]:
        """The key prefix of the current window and the seconds it has left."""
        now = time.time()
        window = int(now // self.seconds)
        return f"w{window}:", (window + 1) * self.seconds - now

    def _timeout(self, timeout):
        prefix, left = self._window()
        left = max(1, int(left) + 1)
        return prefix, left if timeout is None else min(timeout, left)

    def get(self, key, default=None, version=None):
        return self.cache.get(self._window()[0] + key, default, version)

    def get_many(self, keys, version=None):
        prefix = self._window()[0]
        found = self.cache.get_many([prefix + k for k in keys], version)
        return {k[len(prefix) :]: v for k, v in found.items()}

    def has_key(self, key, version=None):
        return self.cache.has_key(self._window()[0] + key, version)

    def add(self, key, value, timeout, version=None):
        prefix, timeout = self._timeout(timeout)
        return self.cache.add(prefix + key, value, timeout, version)

    def set(self, key, value, timeout, version=None):
        prefix, timeout = self._timeout(timeout)
        return self.cache.set(prefix + key, value, timeout, version)

    def set_many(self, data, timeout, version=None):
        prefix, timeout = self._timeout(timeout)
        self.cache.set_many({prefix + k: v for k, v in data.items()}, timeout, version)
        return []

    def touch(self, key, timeout, version=None):
        prefix, timeout = self._timeout(timeout)
        return self.cache.touch(prefix + key, timeout, version)

    def delete(self, key, version=None):
        return self.cache.delete(self._window()[0] + key, version)

    def delete_many(self, keys, version=None):
        prefix = self._window()[0]
        self.cache.delete_many([prefix + k for k in keys], version)

    def incr(self, key, delta=1, version=None):
        return self.cache.incr(self._window()[0] + key, delta, version)

    def clear(self):
        self.cache.clear()
        return True


class _Misses:
    """No fallback: every read misses, every write is dropped."""

    def describe(self) -> str:
        return "database (every cache read misses)"

    def get(self, key, default=None, version=None):
        return default

    def get_many(self, keys, version=None):
        return {}

    def has_key(self, key, version=None):
        return False

    def add(self, key, value, timeout, version=None):
        return False

    def set(self, key, value, timeout, version=None):
        return None

    def set_many(self, data, timeout, version=None):
        return list(data)

    def touch(self, key, timeout, version=None):
        return False

    def delete(self, key, version=None):
        return False

    def delete_many(self, keys, version=None):
        return None

    def incr(self, key, delta=1, version=None):
        raise ValueError(f"Key '{key}' not found (the cache is degraded)")

    def clear(self):
        return False


_MISSES = _Misses()


class ResilientRedisCache(RedisCache):
    """RedisCache that answers from a fallback when Redis fails. OPTIONS: socket_timeout and
    socket_connect_timeout (seconds, default 0.5), COOL_DOWN (seconds between probes while
    degraded, default 5), FALLBACK_LOCATION (a folder for the local fallback; without it every
    read misses while degraded) and FALLBACK_SECONDS (how old a fallback copy may be, default
    10; 0 turns the fallback off)."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        cool_down = float(options.pop("COOL_DOWN", DEFAULT_COOL_DOWN))
        fallback_location = options.pop("FALLBACK_LOCATION", None)
        fallback_seconds = float(options.pop("FALLBACK_SECONDS", DEFAULT_FALLBACK_SECONDS))
        options.setdefault("socket_timeout", DEFAULT_TIMEOUT)
        options.setdefault("socket_connect_timeout", DEFAULT_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        if fallback_location and fallback_seconds > 0:
            self.fallback = WindowedFallback(str(fallback_location), fallback_seconds)
        else:
            self.fallback = _Misses()
        # Django builds one cache object per thread: they share one breaker per server, so one
        # thread's failure spares all the others the timeout.
        location = urlsplit(str(server if isinstance(server, str) else server[0]))
        # Host, port and database only: a password in REDIS_URL never reaches logs or /healthz.
        name = f"{location.hostname}:{location.port or 6379}{location.path} {self.key_prefix}"
        with _registry_lock:
            if name not in _breakers:
                _breakers[name] = Breaker(name, cool_down, self._recover, self.fallback.describe())
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

    def _guarded(self, name: str, args, lost_keys=()):
        """RedisCache's answer to method `name`, or the fallback's when Redis is skipped or
        fails; the keys of writes Redis missed are remembered so that recovery deletes them
        (remembered under the breaker's lock, so a recovery cannot slip in between)."""
        if self.breaker.is_open and self.breaker.lose(lost_keys):
            return self._from_fallback(name, args)
        try:
            return getattr(RedisCache, name)(self, *args)
        except FAILURES as exc:
            self.breaker.trip(exc, lost_keys)
            return self._from_fallback(name, args)

    def _from_fallback(self, name: str, args):
        try:
            return getattr(self.fallback, name)(*args)
        except OSError:  # a full or unwritable disk: a miss, as without a fallback
            return getattr(_MISSES, name)(*args)

    def _timeout(self, timeout):
        return self.default_timeout if timeout is DEFAULT else timeout

    def get(self, key, default=None, version=None):
        return self._guarded("get", (key, default, version))

    def get_many(self, keys, version=None):
        return self._guarded("get_many", (list(keys), version))

    def has_key(self, key, version=None):
        return self._guarded("has_key", (key, version))

    def add(self, key, value, timeout=DEFAULT, version=None):
        args = (key, value, self._timeout(timeout), version)
        return self._guarded("add", args, [(key, version)])

    def set(self, key, value, timeout=DEFAULT, version=None):
        args = (key, value, self._timeout(timeout), version)
        return self._guarded("set", args, [(key, version)])

    def set_many(self, data, timeout=DEFAULT, version=None):
        args = (data, self._timeout(timeout), version)
        return self._guarded("set_many", args, [(k, version) for k in data])

    def touch(self, key, timeout=DEFAULT, version=None):
        return self._guarded("touch", (key, self._timeout(timeout), version), [(key, version)])

    def delete(self, key, version=None):
        return self._guarded("delete", (key, version), [(key, version)])

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._guarded("delete_many", (keys, version), [(k, version) for k in keys])

    def incr(self, key, delta=1, version=None):
        return self._guarded("incr", (key, delta, version), [(key, version)])

    def clear(self):
        # EVERYTHING is remembered under the breaker's lock with the skip itself: checked after
        # the skip instead, a recovery closing the breaker in between lost the clear for good.
        return self._guarded("clear", (), [EVERYTHING])
