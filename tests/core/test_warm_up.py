"""A new `dateline serve` worker renders the front page and the newest stories before it answers
anyone (dateline/core/warm_up.py), through the whole application as an anonymous reader."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from wagtail.models import Site

from dateline.core.warm_up import warm_up as warm_up_in


@pytest.fixture
def application(settings, db):
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_WARM_UP_PAGES = 3
    cache.clear()
    yield get_wsgi_application()
    cache.clear()


def warm_up(application):
    """In the test's thread, whose transaction holds the test's rows; and, as Django's test
    client does around each request, without letting a request close the test's connection
    (outside tests each request may close an old one)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return warm_up_in(application, own_thread=False)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_front_page_and_the_newest_stories_are_rendered_and_stored(
    application, newsroom, client
):
    older, newer = newsroom.article(days_old=2), newsroom.article(days_old=1)
    newest = newsroom.article()
    site = Site.objects.get(is_default_site=True)
    client.get(older.url)  # the first page after the cache was emptied is never stored

    answered = warm_up(application)

    assert answered == [("/", 200), (newest.url, 200), (newer.url, 200)]
    assert older.url not in dict(answered)
    # Stored for the site's readers: their first request is a hit, not a render.
    host = {"HTTP_HOST": site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"}
    for path, _ in answered:
        assert client.get(path, **host)["X-Dateline-Cache"] == "hit", path


def test_none_when_turned_off(application, newsroom, settings):
    newsroom.article()
    settings.DATELINE_WARM_UP_PAGES = 0
    assert warm_up(application) == []


def test_a_failure_stops_the_warm_up_and_never_the_worker(application, newsroom, caplog):
    newsroom.article()

    def broken(environ, start_response):
        raise RuntimeError("the database went away")

    assert warm_up(broken) == []
    assert "Warm-up stopped early" in caplog.text


def test_behind_the_tls_proxy_it_asks_as_readers_do(application, newsroom, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    newsroom.article()
    assert [status for _, status in warm_up(application)] == [200, 200]  # not 301 redirects
