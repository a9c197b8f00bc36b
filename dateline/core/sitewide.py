"""What every page shows about the site (the Site and its front page, site settings, the
section menu), kept in process memory until anything site-wide changes.

Every reader page needs these (and which pages are private), they change a few times a year,
and loading them cost seven queries of an uncached article's twenty. The page cache's ``site``
tag moves whenever any of them changes (a site, a setting, a section or a view restriction
saved, published, moved or unpublished: see ``purge_site``), so a copy kept with that tag's
version is valid for as long as the version holds. A request reads the version once (one
shared cache read) and takes its own shallow copies, so no request can change what another one sees.

A version read before a change and a value loaded after it is harmless: the copy is kept
under the old version, which the change's purge has already moved or is about to move.
"""

from __future__ import annotations

import copy
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from dateline.core import wagtail_compat
from dateline.core.cache_tags import SITE as SITE_TAG
from dateline.core.invalidation import invalidate
from dateline.core.pagecache import TAG_PREFIX

MAX_KEPT = 256  # entries per process: a few per site; a flood of odd Host headers resets it
_kept: dict[tuple, tuple] = {}  # (name, key) -> (version, kept until, value); this process only


def _shared_cache():
    return caches[getattr(settings, "DATELINE_PAGE_CACHE_ALIAS", "default")]


def site_version() -> int | None:
    """The current version of everything site-wide (None when the cache cannot say)."""
    cache = _shared_cache()
    try:
        version = cache.get(TAG_PREFIX + SITE_TAG)
        if version is None:  # a new or emptied cache: start a version (never overwrite one)
            cache.add(TAG_PREFIX + SITE_TAG, time.time_ns(), timeout=None)
            version = cache.get(TAG_PREFIX + SITE_TAG)
    except Exception:  # a cache outage costs queries, never correctness
        return None
    return version


def kept(request, name: str, key, load):
    """``load()``, or the copy this process keeps of it under the request's site version."""
    return _kept_under(getattr(request, "_dateline_site_version", None), name, key, load)


def kept_now(name: str, key, load):
    """As :func:`kept`, outside a reader page (reads the site version itself)."""
    return _kept_under(site_version(), name, key, load)


def _kept_under(version, name: str, key, load):
    if version is None:
        return load()
    now = time.monotonic()
    entry = _kept.get((name, key))
    if entry is not None and entry[0] == version and now < entry[1]:
        return entry[2]
    value = load()
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    # Also reloaded after the page cache's lifetime, should a purge ever miss this cache.
    _kept[(name, key)] = (version, now + settings.DATELINE_PAGE_CACHE_SECONDS, value)
    return value


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages that carry a view restriction (private, password or groups);
    each restricts its whole subtree. Most sites have none, and then need no restriction query
    per page. Restriction changes purge the ``site`` tag (news/signal_handlers.py)."""
    from wagtail.models import PageViewRestriction

    return kept_now(
        "view-restrictions",
        None,
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def purge_site(*args, **kwargs) -> None:
    """Signal receiver: something every page shows has changed.

    Purged at once (this process and any reader that looks in the meantime) and again after
    commit, so that a copy loaded from the old rows before the commit cannot outlive it."""
    # Privacy, settings, the site: no grace for any of them (a hard purge).
    invalidate(SITE_TAG, also_now=True, hard=True)


def purge_site_on_setting_change(sender, created=False, **kwargs) -> None:
    """A settings row that has just been created holds the defaults pages already show
    (Wagtail creates it on first read), so only a change to an existing one purges."""
    if not created:
        purge_site()


def setting_models():
    return [apps.get_model(label) for label in settings.DATELINE_SITEWIDE_SETTINGS]


class SitewideMiddleware:
    """Give reader pages their Site and site settings from this process's kept copies, where
    Wagtail would query for them (``Site.find_for_request``, ``Setting.for_request``).

    Only for GETs of Wagtail's page tree: other views read the database as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve and request.method in ("GET", "HEAD"):
            request._dateline_site_version = site_version()
            if request._dateline_site_version is not None:
                self._prime(request)
        return None

    def _prime(self, request):
        if not _host_allowed(request):
            return
        host, port = split_domain_port(request.get_host())
        found = kept(
            request, "site", (host, port or request.get_port()), lambda: _site_with_home(request)
        )
        if found is None:
            return
        site, home = copy.copy(found[0]), copy.copy(found[1])
        site.root_page = home
        wagtail_compat.set_request_site(request, site)
        for model in setting_models():
            stored = kept(request, model._meta.label, site.pk, lambda m=model: m.for_site(site))
            wagtail_compat.bind_setting_to_request(request, copy.copy(stored))


def _host_allowed(request) -> bool:
    from django.core.exceptions import DisallowedHost

    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def _site_with_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = site.root_page.specific
    # Drop what Wagtail cached on the page while finding it; each request starts clean.
    wagtail_compat.forget_specific(home)
    return site, home
