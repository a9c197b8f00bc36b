"""The page cache's vocabulary: every tag a cached response can carry, in one place.

A response is tagged with what it shows (``pagecache.add_tags``); a change invalidates the tags
of what it changed (``dateline.core.invalidation.invalidate``). Both sides spell tags only
through this module, so a tag cannot be written one way and purged another.

Every stored page also carries ``SITE``: invalidating it refreshes every page and every copy
kept by ``core.sitewide`` (the menu, site settings, which pages are private).
"""

from __future__ import annotations

SITE = "site"
HOME = "home"  # the front page
ARCHIVE = "archive"  # the front page's paged archive
FEEDS = "feeds"  # the RSS and Atom feeds of stories (site, section, topic, author)
SITEMAPS = "sitemaps"  # sitemaps, the news sitemap and robots.txt
API = "api"  # the read API
COMMENT_FEEDS = "comment-feeds"  # the feeds of approved reader comments

# What lists stories without being a page of the tree that an article belongs to: a new,
# changed or removed article refreshes all of them.
LISTINGS = (HOME, ARCHIVE, FEEDS, SITEMAPS, API)


def article(pk: int) -> str:
    """The article itself, and every listing card or feed entry that shows it."""
    return f"article:{pk}"


def section(pk: int) -> str:
    """A section's front; also any page of the tree that lists its children."""
    return f"section:{pk}"


def topic(pk: int) -> str:
    return f"topic:{pk}"


def author(pk: int) -> str:
    return f"author:{pk}"


def page(pk: int) -> str:
    """A plain (info) page."""
    return f"page:{pk}"
