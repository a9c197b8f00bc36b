"""Every use Dateline makes of Wagtail's and treebeard's private attributes, in one place.

Each saves queries or rows that the public API would cost (a request's Site found once per
process, a page's parent known without a query, thousands of tree paths worked out without a
save each). None is a promised API: tests/core/test_wagtail_compat.py checks each one against
the installed Wagtail and treebeard, so an upgrade that changes one fails there, loudly, and
this module is the only place to fix. Nothing outside this module may touch these names.
"""

from __future__ import annotations

from wagtail.models import Page, ReferenceIndex, Site

# --- requests: what Wagtail caches on the request --------------------------------------------


def set_request_site(request, site: Site) -> None:
    """Make ``Site.find_for_request(request)`` return ``site`` without a query (Wagtail keeps
    the site it found on the request under this name)."""
    request._wagtail_site = site


def bind_setting_to_request(request, setting) -> None:
    """Make ``type(setting).for_request(request)`` return ``setting``, as Wagtail's
    ``for_request`` itself would have bound it: the request kept for page links, and page links
    worked out per request (the cache is Wagtail's, on the setting object)."""
    setting._request = request
    setting._page_url_cache = {}
    setattr(request, setting.get_cache_attr_name(), setting)


# --- pages ------------------------------------------------------------------------------------


def set_cached_parent(page: Page, parent: Page) -> None:
    """``page.get_parent()`` returns ``parent`` without a query (as Wagtail's own routing does
    for the child it routes to)."""
    page._cached_parent_obj = parent


def forget_specific(page: Page) -> None:
    """Drop the specific page Wagtail cached on ``page`` (a cached_property), so a copy kept
    across requests does not carry one request's objects into another."""
    page.__dict__.pop("specific", None)


# --- the tree (treebeard's materialised paths) ------------------------------------------------


def children_path_range(path: str) -> tuple[str, str]:
    """The (first, last) paths a child of the node at ``path`` can have: a range on the
    indexed path column, as treebeard's own get_children() queries."""
    return Page._get_children_path_interval(path)


def step_of(path: str) -> int:
    """The position of the node at ``path`` among its siblings (its last path step)."""
    return Page._str2int(path[-Page.steplen :])


def parent_path(path: str) -> str:
    """The path of the parent of the node at ``path`` (no query)."""
    return path[: -Page.steplen]


def child_path(parent_path: str, depth: int, step: int) -> str:
    """The path of the ``step``-th child (from 1) at ``depth`` under ``parent_path``."""
    return Page._get_path(parent_path, depth, step)


# --- the reference index ----------------------------------------------------------------------


def extracted_references(obj) -> set[tuple]:
    """(to content type id, to object id, model path, content path) of everything ``obj``
    refers to, as Wagtail's reference index records them."""
    return set(ReferenceIndex._extract_references_from_object(obj))


def content_path_hash(content_path: str):
    return ReferenceIndex._get_content_path_hash(content_path)


# --- the read API -----------------------------------------------------------------------------


def convert_api_fields(viewset, fields: list):
    """Wagtail's conversion of ``APIField``s and names to the fields an endpoint offers."""
    return viewset._convert_api_fields(fields)
