"""A new server worker renders the front page and the newest pages once, before it answers
anyone (dateline/wsgi.py).

A fresh process pays for its first render of each kind of page: templates compiled, Wagtail's
site and page-type lookups, lazily imported modules. Paid by a reader, under load, that was the
slowest request of a rolling deploy (a cold render of the article took 440-630 ms while its
worker also served half the readers; bench/README.md, cluster). Paid here, nobody waits for
it: the balancer sends the worker readers only once it answers. The requests go through the
whole application, as an anonymous reader of the default site, so when that site's hostname
is the one readers use, the renders also store this release's copies in the page cache.

DATELINE_WARM_UP_PAGES (default 4: the front page and the 3 newest pages; 0 turns it off).
A failure is logged and never stops the worker: it is only a head start.
"""

from __future__ import annotations

import io
import logging
import sys
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


def warm_up(application, *, own_thread: bool = True) -> list[tuple[str, int]]:
    """Render the pages; returns each path with the status it answered.

    By default in a thread of its own, whose database connections (Django keeps one per
    thread) are closed when it ends, and no other thread's. `own_thread=False` renders in the
    caller's thread and leaves its connections alone (tests, whose rows live in the caller's
    transaction)."""
    count = int(getattr(settings, "DATELINE_WARM_UP_PAGES", 0))
    if count <= 0:
        return []
    answered: list[tuple[str, int]] = []
    if not own_thread:
        _warm(application, count, answered)
        return answered
    thread = threading.Thread(target=_warm_and_close, args=(application, count, answered))
    thread.start()
    thread.join()
    # One line per worker in the server's log, for the operator (and the live-server test).
    print("Worker warmed up:", ", ".join(f"{p} {s}" for p, s in answered) or "nothing", flush=True)
    return answered


def _warm_and_close(application, count: int, answered: list) -> None:
    try:
        _warm(application, count, answered)
    finally:
        connections.close_all()


def _warm(application, count: int, answered: list) -> None:
    try:
        host, paths = _pages(count)
        for path in paths:
            answered.append((path, _get(application, host, path)))
    except Exception:  # a head start only: the worker serves whatever happened here
        logger.warning("Warm-up stopped early", exc_info=True)


def _pages(count: int) -> tuple[str, list[str]]:
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return "", []
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    newest = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(first_published_at__isnull=False)
        .order_by("-first_published_at")[: count - 1]
    )
    paths = ["/"]
    for page in newest:
        url = page.get_url_parts()
        if url is not None and url[2] not in paths:
            paths.append(url[2])
    return host, paths


def _get(application, host: str, path: str) -> int:
    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host.partition(":")[0] or "localhost",
        "SERVER_PORT": host.partition(":")[2] or "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if getattr(settings, "SECURE_SSL_REDIRECT", False):
        # Behind the TLS proxy readers come through: asked as plain http it would only redirect.
        header, value = settings.SECURE_PROXY_SSL_HEADER
        environ[header] = value
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(status[0].split()[0])
