"""The one way to say "what readers see has changed": :func:`invalidate`, and :func:`deferred`.

Usage::

    from dateline.core import cache_tags, invalidation

    invalidation.invalidate(cache_tags.article(story.pk), *cache_tags.LISTINGS, urls=[...])

    with invalidation.deferred():  # an import: thousands of changes, one purge at the end
        ...

``invalidate(*tags, urls=(), also_now=False, hard=False)``
    After the current transaction commits (at once outside one; never if it rolls back), every
    cached page carrying one of ``tags`` goes stale: the page cache, the edge folder nginx
    serves (both through ``pagecache.purge``) and, when ``urls`` are given and
    WAGTAILFRONTENDCACHE is set, the CDN. A cache or CDN that fails is logged here and never
    fails the write that asked, nor the other after-commit work. ``also_now`` purges before
    the commit too, for copies this very transaction may read again (``core.sitewide``).
    ``hard`` is for what must be gone at once (an unpublished, deleted or killed story, a
    removed comment, privacy and site settings): no reader gets the previous copy for the page
    cache's grace moment (``core/pagegrace.py``). A soft purge (a publish, a correction, an
    approved comment) lets one request render while others get the previous copy briefly.

``deferred()``
    Inside the block (this thread or task only: a context variable, so web requests served
    meanwhile purge as usual), invalidations are collected as their transactions commit and
    purged once when the block ends, after the transaction around the block (if any) commits.
    Work rolled back purges nothing. When the collection includes ``SITE`` or grows past
    ``MAX_TAGS`` the one purge is ``SITE``, which refreshes every page (past ``MAX_TAGS`` CDN
    addresses the CDN is left to its expiry). Blocks nest: an inner block joins the outer one.

Tags come from :mod:`dateline.core.cache_tags`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from dateline.core import cache_tags, pagecache

logger = logging.getLogger(__name__)

# Past this many distinct tags one SITE purge is cheaper than writing a version for each.
MAX_TAGS = 500


@dataclass
class _Pending:
    tags: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    hard: bool = False

    def add(self, tags: Iterable[str], urls: Iterable[str], hard: bool) -> None:
        self.tags.update(tags)
        self.urls.update(urls)
        self.hard = self.hard or hard


_deferred: ContextVar[_Pending | None] = ContextVar("dateline_deferred_invalidation", default=None)


def invalidate(
    *tags: str, urls: Iterable[str] = (), also_now: bool = False, hard: bool = False
) -> None:
    """Purge these tags (and CDN ``urls``) once the current transaction commits."""
    urls = tuple(urls)
    if not tags and not urls:
        return
    pending = _deferred.get()
    if pending is not None:
        transaction.on_commit(lambda: pending.add(tags, urls, hard), robust=True)
        return
    if also_now:
        _purge(tags, (), hard)
    transaction.on_commit(lambda: _purge(tags, urls, hard), robust=True)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold the purges of everything inside the block and make them once at its end."""
    if _deferred.get() is not None:
        yield  # already inside one: the outer block purges
        return
    pending = _Pending()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
        # Registered after every collecting callback of the block, so it runs after them.
        transaction.on_commit(lambda: _purge(*_coalesced(pending), pending.hard), robust=True)


def _coalesced(pending: _Pending) -> tuple[tuple[str, ...], tuple[str, ...]]:
    tags = tuple(sorted(pending.tags))
    if cache_tags.SITE in pending.tags or len(tags) > MAX_TAGS:
        tags = (cache_tags.SITE,)
    urls = tuple(sorted(pending.urls))
    if len(urls) > MAX_TAGS:  # a CDN purges address by address: it catches up at its expiry
        logger.warning("CDN not purged of %d addresses after bulk work", len(urls))
        urls = ()
    return tags, urls


def _purge(tags: Iterable[str], urls: Iterable[str], hard: bool = False) -> None:
    """The one place a purge happens: a failing cache or CDN is logged, and that is all."""
    tags, urls = tuple(tags), list(urls)
    if tags:
        try:
            pagecache.purge(*tags, hard=hard)
        except Exception:  # a cache that is down serves nothing stale either; never fail a save
            logger.exception("page cache purge failed for %d tags; pages may be stale", len(tags))
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        try:
            purge_urls_from_cache(urls)
        except Exception:  # a CDN outage must not fail the editor's publish
            logger.exception("CDN purge failed for %d URLs", len(urls))
