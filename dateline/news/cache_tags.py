"""What each news page shows, as page-cache tags, and what a change must purge.

A listing is tagged with every article it shows plus its own container tag (``section:3``),
so editing one story refreshes exactly the pages that show it, and publishing a new one
refreshes the containers it joins. The CDN, when configured, gets the same purge as URLs.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from dateline.core import pagecache

logger = logging.getLogger("dateline.news")

# Tags of pages that list stories without being one page of the tree.
LISTING_TAGS = ("home", "archive", "feeds", "sitemaps", "api")


def tag_listing(request, container_tag: str, articles) -> None:
    pagecache.add_tags(request, container_tag, *(f"article:{a.pk}" for a in articles))


def tag_article(request, article, topic_ids, author_ids) -> None:
    pagecache.add_tags(
        request,
        f"article:{article.pk}",
        *(f"topic:{pk}" for pk in topic_ids),
        *(f"author:{pk}" for pk in author_ids),
    )


def article_tags(article, extra_parent_ids=()) -> list[str]:
    """Everything that shows this article, or will once it is published."""
    parent_ids = {article.get_parent().pk, *extra_parent_ids}
    topic_ids = article.topics.values_list("pk", flat=True)
    author_ids = article.bylines.values_list("author_id", flat=True)
    return [
        f"article:{article.pk}",
        *(f"section:{pk}" for pk in parent_ids),
        *(f"topic:{pk}" for pk in topic_ids),
        *(f"author:{pk}" for pk in author_ids),
        *LISTING_TAGS,
    ]


def purge_article(article, extra_parent_ids=(), hard: bool = False) -> None:
    """`hard`: the story is gone (unpublished, deleted, killed), so no reader may get a copy
    that shows it, not even for the page cache's grace moment (core/pagegrace.py)."""
    tags = article_tags(article, extra_parent_ids)
    urls = _article_urls(article)
    transaction.on_commit(lambda: _purge(tags, urls, hard=hard), robust=True)


def purge_everything() -> None:
    """Sections, topics and authors appear in every page's menu or cards: refresh them all."""
    transaction.on_commit(lambda: _purge(["site"], [], hard=True), robust=True)


def _article_urls(article) -> list[str]:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    pages = [article, article.get_parent(), *article.topics.all()]
    pages += [b.author for b in article.bylines.select_related("author")]
    urls = [p.full_url for p in pages if p.full_url]
    home = article.get_site().root_page
    return [*urls, home.full_url, home.full_url + "feed/", home.full_url + "sitemap.xml"]


def _purge(tags, urls, hard: bool = False) -> None:
    """After commit: a cache or CDN that fails must not fail the editor's publish, nor keep
    the other purge or later after-commit work from running."""
    try:
        pagecache.purge(*tags, hard=hard)
    except Exception:
        logger.exception("page cache purge failed for %d tags; pages may be stale", len(tags))
    if urls:
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        try:
            purge_urls_from_cache(urls)
        except Exception:  # a CDN outage must not fail the editor's publish
            logger.exception("CDN purge failed for %d URLs", len(urls))
