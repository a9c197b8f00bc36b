"""Slugs unique among a page's siblings: the one helper every page-creating path uses.

Wagtail refuses two children of one parent with the same slug, so a new page takes the first of
``base``, ``base-2``, ``base-3``... that no sibling has (as Wagtail's admin would suggest). The
services (one page at a time), the bulk writer (a batch, unique within the batch too) and the
importers (the WordPress post name as the base) all come here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.text import slugify

TITLE_SLUG_LENGTH = 70  # a slug made from a headline: long enough to read, short in a URL


def title_slug(title: str, fallback: str = "story") -> str:
    """The slug a page gets from its title when none is given."""
    return (slugify(title) or fallback)[:TITLE_SLUG_LENGTH]


def unique_slugs(siblings: QuerySet, wanted: Sequence[str]) -> list[str]:
    """Each wanted slug made unique among ``siblings`` (the parent's children) and among the
    ones before it in ``wanted``: one query, and one more for each base already taken."""
    taken = set(siblings.filter(slug__in=set(wanted)).values_list("slug", flat=True))
    searched: set[str] = set()
    result = []
    for base in wanted:
        if base in taken and base not in searched:  # rare: every sibling that starts like it
            searched.add(base)
            taken.update(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = _first_free(base, taken)
        taken.add(slug)
        result.append(slug)
    return result


def unique_slug(parent, wanted: str) -> str:
    """``wanted`` made unique among ``parent``'s children (one query)."""
    siblings = parent.get_children().filter(slug__startswith=wanted)
    return _first_free(wanted, set(siblings.values_list("slug", flat=True)))


def _first_free(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
