"""With Redis stopped or hung, pages and comment POSTs are answered from the database; the
cache skips Redis after one failure, probes it in the background and recovers by itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse

from dateline.core import resilient_cache
from dateline.discussion.models import Comment
from tests.discussion.conftest import form_data

from .redis_faults import HungRedis, RealRedis, free_port, resilient_cache_settings

# Needs the machine to itself (it times how long a read waits on a hung Redis):
# scripts/test runs it after the others, alone.
pytestmark = pytest.mark.exclusive

DATELINE = str(Path(sys.executable).with_name("dateline"))


@pytest.fixture(autouse=True)
def _fresh_breakers():
    resilient_cache._breakers.clear()
    yield
    resilient_cache._breakers.clear()  # their probers see it and end


@pytest.fixture
def redis_stopped(settings):
    settings.CACHES = resilient_cache_settings(f"redis://127.0.0.1:{free_port()}/0")
    settings.DATELINE_PAGE_CACHE = True


@pytest.fixture
def redis_hung(settings):
    hung = HungRedis()
    settings.CACHES = resilient_cache_settings(f"redis://127.0.0.1:{hung.port}/0")
    settings.DATELINE_PAGE_CACHE = True
    yield hung
    hung.close()


@pytest.fixture
def redis_server(settings):
    try:
        server = RealRedis()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    settings.CACHES = resilient_cache_settings(server.url)
    yield server
    server.close()


def wait_until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_production_settings_build_a_redis_cache_with_timeouts_that_fails_as_a_miss(tmp_path):
    code = (
        "import json, time\n"
        "from django.core.cache import cache\n"
        "started = time.monotonic(); value = cache.get('anything', 'missed')\n"
        "print(json.dumps([value, time.monotonic() - started]))"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment.update(
        DATELINE_DATA_DIR=str(tmp_path), REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"
    )
    result = subprocess.run(
        [DATELINE, "shell", "-c", code], capture_output=True, text=True, env=environment, timeout=60
    )
    assert result.returncode == 0, result.stderr
    value, seconds = json.loads(result.stdout.strip().splitlines()[-1])
    assert value == "missed"
    assert seconds < 2  # a refused connection must not be retried with back-off


def test_with_redis_stopped_pages_comments_and_health_still_answer(newsroom, client, redis_stopped):
    article = newsroom.article(title="Floods reach the capital")
    for url in ["/", article.url, newsroom.section.url, "/feed/", article.url]:
        response = client.get(url)
        assert response.status_code < 500, url
    assert client.get(article.url).status_code == 200
    posted = client.post(reverse("discussion:post"), form_data(article), REMOTE_ADDR="198.51.100.7")
    assert posted.status_code == 303
    assert Comment.objects.filter(page=article).count() == 1
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["degraded"][0]["cache"].startswith("127.0.0.1:")


def test_with_redis_stopped_rate_limits_still_hold(newsroom, client, redis_stopped):
    article = newsroom.article(title="Floods reach the capital")
    first = client.post(reverse("discussion:post"), form_data(article), REMOTE_ADDR="192.0.2.9")
    again = client.post(
        reverse("discussion:post"),
        form_data(article, comment="Again, at once", email="other@example.org"),
        REMOTE_ADDR="192.0.2.9",
    )
    assert (first.status_code, again.status_code) == (303, 429)


def test_with_redis_hung_one_call_waits_then_redis_is_skipped(newsroom, client, redis_hung):
    article = newsroom.article(title="Floods reach the capital")
    for _ in range(5):
        assert client.get(article.url).status_code == 200
    posted = client.post(reverse("discussion:post"), form_data(article), REMOTE_ADDR="198.51.100.7")
    assert posted.status_code == 303
    # One connection timed out and opened the breaker; no later request went near Redis
    # (the probe runs every 0.2 s in the background and may add at most a few).
    assert resilient_cache.degraded()
    probes_allowed = 1 + int(resilient_cache.degraded()[0]["since_seconds"] / 0.2) + 1
    assert 1 <= len(redis_hung.connections) <= probes_allowed


def test_redis_back_after_an_outage_is_used_again_without_a_restart(redis_server, caplog):
    cache = caches["default"]
    cache.set("headline", "old")
    assert cache.get("headline") == "old"
    redis_server.pause()
    with caplog.at_level("WARNING", logger="dateline.core.resilient_cache"):
        assert cache.get("headline", "missed") == "missed"
        assert cache.get("headline", "missed") == "missed"
        assert resilient_cache.degraded()
        redis_server.resume()
        assert wait_until(lambda: not resilient_cache.degraded())
    # One line when it starts skipping Redis (not one per call), one when it stops.
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 2, said
    assert "degraded: Redis is not answering (TimeoutError" in said[0]
    assert "recovered: Redis answers again after" in said[1]
    cache.set("headline", "new")
    assert cache.get("headline") == "new"


def test_a_write_dropped_during_an_outage_is_deleted_when_redis_is_back(redis_server):
    """A purge lost in an outage must not let old tag versions serve stale pages later."""
    cache = caches["default"]
    cache.set_many({"pagecache:tag:article:1": 1, "pagecache:tag:home": 1, "kept": "yes"})
    redis_server.pause()
    cache.get("anything")  # the outage is noticed
    cache.set_many({"pagecache:tag:article:1": 2, "pagecache:tag:home": 2})  # dropped
    cache.delete("fragment")
    redis_server.resume()
    assert wait_until(lambda: not resilient_cache.degraded())
    assert cache.get_many(["pagecache:tag:article:1", "pagecache:tag:home"]) == {}
    assert cache.get("kept") == "yes"


def test_a_purge_in_an_outage_never_leaves_a_stale_page_after_it(
    newsroom, client, redis_server, settings
):
    from dateline.news import services

    settings.DATELINE_PAGE_CACHE = True
    article = newsroom.article(title="Troops leave Gao")
    for _ in range(3):
        client.get(article.url)
    assert client.get(article.url)["X-Dateline-Cache"] == "hit"
    redis_server.pause()
    caches["default"].get("anything")
    services.revise_article(article, title="Troops return to Gao")
    assert "Troops return to Gao" in client.get(article.url).content.decode()
    redis_server.resume()
    assert wait_until(lambda: not resilient_cache.degraded())
    assert "Troops return to Gao" in client.get(article.url).content.decode()


def test_redis_back_is_used_again_while_requests_keep_writing(redis_server):
    """Under load some write is always dropped during a probe: recovery must not wait for a
    quiet moment that never comes."""
    import threading

    cache = caches["default"]
    redis_server.pause()
    cache.get("anything")
    stop = threading.Event()

    def busy_site():
        n = 0
        while not stop.is_set():
            caches["default"].set(f"page:{n}", n)  # new pages keep being rendered
            n += 1
            time.sleep(0.001)

    writer = threading.Thread(target=busy_site)
    writer.start()
    try:
        redis_server.resume()
        assert wait_until(lambda: not resilient_cache.degraded())
    finally:
        stop.set()
        writer.join()
    cache.set("after", "yes")
    assert cache.get("after") == "yes"


def degraded_with_fallback(settings, folder, seconds: float) -> None:
    settings.CACHES = resilient_cache_settings(
        f"redis://127.0.0.1:{free_port()}/0", fallback=str(folder), fallback_seconds=seconds
    )
    settings.DATELINE_PAGE_CACHE = True


@pytest.fixture
def redis_stopped_with_fallback(settings, tmp_path):
    degraded_with_fallback(settings, tmp_path / "fallback", 60)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # purges run on commit
def test_with_redis_stopped_pages_come_from_the_local_fallback_and_purges_still_apply(
    newsroom, client, redis_stopped_with_fallback
):
    from dateline.news import services

    article = newsroom.article(title="Troops leave Gao")
    answers = [client.get(article.url).get("X-Dateline-Cache") for _ in range(4)]
    assert answers[-2:] == ["hit", "hit"]  # cached in the fallback, not rendered every time
    health = client.get("/healthz")
    assert health.status_code == 200
    [degraded] = health.json()["degraded"]
    assert degraded["serving_from"] == "local file cache (copies at most 60 s old)"
    assert degraded["retry_every_seconds"] == 0.2 and "refused" in degraded["error"]
    services.revise_article(article, title="Troops return to Gao")  # purged on this server
    assert "Troops return to Gao" in client.get(article.url).content.decode()


def test_the_fallback_keeps_nothing_past_its_window(settings, tmp_path):
    """Another server's purge cannot reach this one's fallback: a copy is never older than the
    window, whatever timeout it was stored with."""
    degraded_with_fallback(settings, tmp_path / "fallback", 1)
    cache = caches["default"]
    cache.get("anything")  # the outage is noticed
    cache.set("page", "old copy", timeout=None)
    assert cache.get("page") == "old copy"
    assert wait_until(lambda: cache.get("page") is None, seconds=5)
    assert cache.get_many(["page"]) == {}


def test_a_clear_skipped_in_an_outage_is_owed_even_when_recovery_closes_at_once(
    redis_server, monkeypatch
):
    """The breaker may close (the background probe) right after a clear() was skipped: the
    clear must still reach Redis, or everything it should have removed is served again."""
    cache = caches["default"]
    cache.set("stale", "from before the clear")
    breaker = cache.breaker
    breaker.cool_down = 3600  # no background probe: this test plays it at the worst moment
    redis_server.pause()
    cache.get("anything")
    redis_server.resume()
    skipped = breaker.lose

    def lose_then_recover(keys):
        answer = skipped(keys)
        breaker._settle(set(), False)  # the prober settles between the skip and what follows
        return answer

    monkeypatch.setattr(breaker, "lose", lose_then_recover)
    cache.clear()
    monkeypatch.undo()
    if breaker.is_open:  # still owed: the next probe pays it
        breaker._settle(set(breaker.lost), breaker.lost_everything)
    assert not breaker.is_open
    assert cache.get("stale") is None


def test_a_fallback_that_cannot_write_answers_as_misses(settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the fallback folder should be")
    degraded_with_fallback(settings, blocked, 60)
    cache = caches["default"]
    assert cache.get("page", "missed") == "missed"
    cache.set("page", "copy")  # the disk refuses: dropped, not an error
    assert cache.get("page", "missed") == "missed"
    assert resilient_cache.degraded()
