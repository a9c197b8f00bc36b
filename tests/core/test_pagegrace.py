"""Grace: a purged hot page is rendered by one request while the others get the previous copy,
for a short moment only, and never after a hard purge, past midnight or for a reader's own page."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from dateline.core import pagecache, pagegrace
from dateline.discussion import services as discussion

START = datetime(2024, 11, 21, 10, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_PAGE_CACHE_GRACE_SECONDS = 10
    settings.TIME_ZONE = "UTC"
    cache.clear()
    yield
    cache.clear()


class Page:
    """A view that counts its renders, shows a version number and may be held mid-render."""

    def __init__(self):
        self.renders = 0
        self.version = 0
        self.gate = None
        self.during = None  # called mid-render (a render that takes a while on a frozen clock)
        self.rendering = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            shown = self.version
        self.rendering.set()
        if self.gate is not None and threading.current_thread() is not threading.main_thread():
            self.gate.wait(10)  # held: a slow render in another thread
        if self.during is not None:
            self.during()
        pagecache.add_tags(request, "article:1")
        return HttpResponse(f"version {shown}")


@pytest.fixture
def page():
    return Page()


@pytest.fixture
def middleware(page):
    return pagecache.PageCacheMiddleware(page)


def read(middleware, **cookies):
    request = RequestFactory().get("/news/story/")
    request.COOKIES.update(cookies)
    response = middleware(request)
    return response.get("X-Dateline-Cache"), response.content.decode()


def warmed(middleware, page):
    read(middleware)  # first page after an empty cache: served, not stored
    read(middleware)
    assert read(middleware) == ("hit", "version 0")
    page.renders = 0


def render_overtaken(middleware, page):
    """One request renders the page while another purge lands (a storm): the next render of
    the page waits, and readers get this copy meanwhile."""
    page.during = lambda: pagecache.purge("article:1")
    answer = read(middleware)
    page.during = None
    return answer


def change(page, hard=False):
    page.version += 1
    pagecache.purge("article:1", hard=hard)


def test_while_one_request_renders_a_purged_page_the_others_get_the_previous_copy(middleware, page):
    warmed(middleware, page)
    change(page)
    page.gate = threading.Event()
    page.rendering.clear()
    answers = []
    renderer = threading.Thread(target=lambda: answers.append(read(middleware)))
    renderer.start()
    assert page.rendering.wait(5)
    others = [read(middleware) for _ in range(20)]
    page.gate.set()
    renderer.join(5)
    assert page.renders == 1
    assert others == [("stale", "version 0")] * 20
    assert answers == [("miss", "version 1")]
    assert read(middleware) == ("hit", "version 1")


def test_a_burst_of_purges_costs_one_render_per_window_not_one_each(middleware, page):
    with time_machine.travel(START, tick=False) as clock:
        warmed(middleware, page)
        page.during = lambda: pagecache.purge("article:1")  # each render overtaken by another
        seen = []
        for _ in range(20):  # an approval every 50 ms for a second, ten readers after each
            change(page)
            seen += [read(middleware) for _ in range(10)]
            clock.shift(timedelta(milliseconds=50))
        windows = 1 / pagegrace.window()
        assert page.renders <= windows + 1
        assert sum(state == "miss" for state, _ in seen) == page.renders
        assert {state for state, _ in seen} == {"miss", "stale"}  # never fresh in a storm
        page.during = None
        clock.shift(timedelta(seconds=1))
        read(middleware)
        assert read(middleware) == ("hit", "version 20")
        assert pagegrace.window() == 0.25  # so a change shows within about a second


def test_changes_apart_show_on_the_very_next_request_each(middleware, page):
    with time_machine.travel(START, tick=False):  # all within one window
        warmed(middleware, page)
        for version in (1, 2, 3):
            change(page)
            assert read(middleware) == ("miss", f"version {version}")
            assert read(middleware) == ("hit", f"version {version}")


def test_a_slow_render_is_never_joined_by_a_second_one_in_later_windows(middleware, page):
    with time_machine.travel(START, tick=False) as clock:
        warmed(middleware, page)
        change(page)
        page.gate = threading.Event()
        renderer = threading.Thread(target=read, args=(middleware,))
        renderer.start()
        assert page.rendering.wait(5)
        for _ in range(8):  # two seconds of windows while the one render is under way
            clock.shift(timedelta(milliseconds=250))
            assert read(middleware) == ("stale", "version 0")
        page.gate.set()
        renderer.join(5)
        assert page.renders == 1


def test_the_pause_between_renders_grows_with_the_time_a_render_takes(middleware, page):
    with time_machine.travel(START, tick=False) as clock:
        warmed(middleware, page)
        change(page)

        def two_seconds_and_a_purge():  # a render of two seconds, overtaken by a purge
            clock.shift(timedelta(seconds=2))
            pagecache.purge("article:1")

        page.during = two_seconds_and_a_purge
        assert read(middleware) == ("miss", "version 1")
        page.during = None
        change(page)
        clock.shift(timedelta(seconds=1))  # four windows, but half the render's time
        assert read(middleware) == ("stale", "version 1")
        clock.shift(timedelta(seconds=1, milliseconds=10))
        assert read(middleware) == ("miss", "version 2")
        assert page.renders == 2


def test_the_previous_copy_is_served_no_longer_than_the_grace_moment(middleware, page):
    with time_machine.travel(START, tick=False) as clock:
        warmed(middleware, page)
        change(page)
        page.gate = threading.Event()
        renderer = threading.Thread(target=read, args=(middleware,))
        renderer.start()
        assert page.rendering.wait(5)
        assert read(middleware) == ("stale", "version 0")
        clock.shift(timedelta(seconds=10, milliseconds=10))
        page.rendering.clear()
        second = threading.Thread(target=read, args=(middleware,))  # this window's renderer
        second.start()
        assert page.rendering.wait(5)
        assert read(middleware) == ("miss", "version 1")  # rendered for itself, not the copy
        page.gate.set()
        renderer.join(5)
        second.join(5)
        assert page.renders == 3


def test_a_hard_purge_is_never_answered_with_the_previous_copy(middleware, page):
    with time_machine.travel(START, tick=False):
        warmed(middleware, page)
        change(page)
        assert read(middleware) == ("miss", "version 1")  # the window's one render
        change(page, hard=True)
        assert [read(middleware) for _ in range(3)] == [
            ("miss", "version 2"),
            ("hit", "version 2"),
            ("hit", "version 2"),
        ]


def test_a_copy_from_before_a_hard_purge_is_not_served_after_a_later_soft_one(middleware, page):
    with time_machine.travel(START, tick=False) as clock:
        warmed(middleware, page)
        change(page, hard=True)
        change(page)
        assert read(middleware) == ("miss", "version 2")
        clock.shift(timedelta(seconds=10))
        change(page)
        assert read(middleware) == ("miss", "version 3")
        assert read(middleware) == ("hit", "version 3")


def test_a_reader_with_their_own_comment_cookie_never_gets_a_copy(middleware, page):
    with time_machine.travel(START, tick=False):
        warmed(middleware, page)
        change(page)
        render_overtaken(middleware, page)
        change(page)
        assert read(middleware) == ("stale", "version 1")
        assert read(middleware, dateline_comments="12.abc") == (None, "version 2")


def test_no_previous_copy_is_served_past_local_midnight(middleware, page, monkeypatch):
    # A render window (1.75 s) that spans midnight, so that only midnight can refuse the copy.
    monkeypatch.setattr(pagegrace, "WINDOW_SECONDS", 1.75)
    with time_machine.travel(datetime(2024, 11, 21, 23, 59, 57, tzinfo=UTC), tick=False) as clock:
        warmed(middleware, page)  # stored until midnight
        clock.shift(timedelta(milliseconds=2300))
        change(page)
        # The window's render, too late to keep.
        assert render_overtaken(middleware, page) == (None, "version 1")
        assert read(middleware) == ("stale", "version 0")
        clock.shift(timedelta(milliseconds=900))  # 00:00:00.2, same window, within grace
        assert read(middleware) == ("miss", "version 1")
        assert page.renders == 2


def test_grace_zero_renders_on_every_request_after_a_purge(middleware, page, settings):
    settings.DATELINE_PAGE_CACHE_GRACE_SECONDS = 0
    with time_machine.travel(START, tick=False):
        warmed(middleware, page)
        change(page)
        read(middleware)
        change(page)
        assert read(middleware) == ("miss", "version 2")


def test_a_new_release_serves_the_old_copy_while_one_request_renders(middleware, page, monkeypatch):
    warmed(middleware, page)
    monkeypatch.setattr(pagecache, "release_id", lambda: "next-release")
    page.version = 1
    page.gate = threading.Event()
    page.rendering.clear()
    renderer = threading.Thread(target=read, args=(middleware,))
    renderer.start()
    assert page.rendering.wait(5)
    assert read(middleware) == ("stale", "version 0")
    page.gate.set()
    renderer.join(5)
    assert read(middleware) == ("hit", "version 1")


def test_in_a_rolling_deploy_old_processes_take_the_new_releases_copies(
    middleware, page, monkeypatch
):
    with time_machine.travel(START, tick=False):
        warmed(middleware, page)
        old = pagecache.release_id()
        monkeypatch.setattr(pagecache, "release_id", lambda: "next-release")
        new_process = pagecache.PageCacheMiddleware(page)  # the new release starts: it claims
        page.version += 1  # the new code renders the page differently
        assert read(new_process) == ("miss", "version 1")
        assert read(new_process) == ("hit", "version 1")
        monkeypatch.setattr(pagecache, "release_id", lambda: old)
        late_old_worker = pagecache.PageCacheMiddleware(page)  # respawned: claims nothing
        assert read(late_old_worker) == ("hit", "version 1")  # not rendered back with old code
        monkeypatch.setattr(pagecache, "release_id", lambda: "next-release")
        assert read(new_process) == ("hit", "version 1")
        assert page.renders == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approvals_apart_show_on_the_next_request_and_unpublishing_and_removals_at_once(
    client, two_sections
):
    newsroom, story, *_ = two_sections
    first = discussion.create_comment(
        story, text="Seen from Gao.", name="Ada", email="ada@example.org", status="pending"
    )
    second = discussion.create_comment(
        story, text="Convoy passed.", name="Bo", email="bo@example.org", status="pending"
    )
    with time_machine.travel(START, tick=False):
        for url in (story.url, story.url, newsroom.section.url, newsroom.section.url):
            client.get(url)
        assert client.get(story.url)["X-Dateline-Cache"] == "hit"
        discussion.moderate(first, "approve")
        assert "Seen from Gao." in client.get(story.url).content.decode()  # the one render
        discussion.moderate(second, "approve")  # no purge overtook that render: no pause
        assert "Convoy passed." in client.get(story.url).content.decode()
        discussion.moderate(first, "trash")  # a removal is hard: gone on the next request
        page = client.get(story.url)
        assert page["X-Dateline-Cache"] == "miss"
        assert "Seen from Gao." not in page.content.decode()
        assert "Convoy passed." in page.content.decode()
        story.unpublish()
        assert client.get(story.url).status_code == 404
        assert "Troops leave Gao" not in client.get(newsroom.section.url).content.decode()


def test_a_copy_another_worker_rendered_is_served_on_the_next_request(page):
    renderer_process, other_process = (pagecache.PageCacheMiddleware(page) for _ in range(2))
    with time_machine.travel(START, tick=False):  # all within one render window
        warmed(renderer_process, page)
        change(page)
        page.gate = threading.Event()
        page.rendering.clear()
        renderer = threading.Thread(target=read, args=(renderer_process,))
        renderer.start()
        assert page.rendering.wait(5)
        assert read(other_process) == ("stale", "version 0")  # kept while the render runs
        assert read(other_process) == ("stale", "version 0")
        page.gate.set()
        renderer.join(5)
        assert read(other_process) == ("hit", "version 1")


def test_a_newer_out_of_date_copy_replaces_a_workers_kept_verdict_at_once(page):
    renderer_process, other_process = (pagecache.PageCacheMiddleware(page) for _ in range(2))
    with time_machine.travel(START, tick=False):
        warmed(renderer_process, page)
        change(page)
        page.gate = threading.Event()
        page.rendering.clear()
        page.during = lambda: pagecache.purge("article:1")  # a storm: overtaken while rendering
        renderer = threading.Thread(target=read, args=(renderer_process,))
        renderer.start()
        assert page.rendering.wait(5)
        assert read(other_process) == ("stale", "version 0")
        page.gate.set()
        renderer.join(5)
        page.during = None
        assert read(other_process) == ("stale", "version 1")


def test_the_next_render_begins_as_soon_as_the_pause_is_over_in_every_worker(page):
    renderer_process, other_process = (pagecache.PageCacheMiddleware(page) for _ in range(2))
    with time_machine.travel(START + timedelta(milliseconds=100), tick=False) as clock:
        warmed(renderer_process, page)
        change(page)
        render_overtaken(renderer_process, page)  # the next render waits a window
        change(page)
        clock.shift(timedelta(milliseconds=240))
        assert read(other_process) == ("stale", "version 1")
        clock.shift(timedelta(milliseconds=20))  # the pause is over
        assert read(other_process) == ("miss", "version 2")
        assert page.renders == 2


def test_a_hard_purge_voids_a_workers_kept_verdict_at_once(middleware, page):
    with time_machine.travel(START, tick=False):
        warmed(middleware, page)
        change(page)
        render_overtaken(middleware, page)
        change(page)
        assert read(middleware) == ("stale", "version 1")
        assert read(middleware) == ("stale", "version 1")  # from the worker's kept verdict
        change(page, hard=True)
        assert read(middleware) == ("miss", "version 3")
