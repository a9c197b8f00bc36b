"""The file cache keeps Django's limit on entries but lists its folder at most once a minute."""

from pathlib import Path

import pytest

from dateline.core import filecache
from dateline.core.filecache import FileCache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    clock = {"now": 1000.0}
    monkeypatch.setattr(filecache.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(filecache, "_last_cull", {})
    made = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    made.clock = clock
    return made


def entries(cache) -> int:
    return len(list(Path(cache._dir).glob("*.djcache")))


def test_writes_within_a_minute_of_a_cull_do_not_list_the_folder(cache):
    for i in range(30):
        cache.set(f"key-{i}", i)
    # The first write culled (nothing to cull yet); the next 29 did not look.
    assert entries(cache) == 30


def test_the_first_write_after_a_minute_culls_back_under_the_limit(cache):
    for i in range(30):
        cache.set(f"key-{i}", i)
    cache.clock["now"] += filecache.CULL_INTERVAL_SECONDS + 1
    cache.set("one-more", 1)
    assert entries(cache) <= 16  # half of 31 removed by Django's cull, then the new entry


def test_the_interval_is_per_folder_not_per_cache_object(cache, tmp_path):
    twin = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    for i in range(30):
        twin.set(f"key-{i}", i)
    cache.set("from-the-other-thread", 1)
    assert entries(cache) == 31


def test_add_has_one_winner_among_threads_racing_for_a_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    caches = [FileCache(str(tmp_path), {}) for _ in range(8)]
    for round_ in range(20):
        with ThreadPoolExecutor(8) as pool:
            won = list(pool.map(lambda c, key=f"render-{round_}": c.add(key, 1, 10), caches))
        assert won.count(True) == 1


def test_add_takes_a_key_whose_entry_expired_and_keeps_a_live_one(cache):
    assert cache.add("slot", "first", timeout=10)
    assert not cache.add("slot", "second", timeout=10)
    assert cache.get("slot") == "first"
    cache.set("slot", "old", timeout=-1)  # already expired
    assert cache.add("slot", "third", timeout=10)
    assert cache.get("slot") == "third"
