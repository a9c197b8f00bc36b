"""What each news page shows, as page-cache tags, and what a change to a story invalidates.

A listing is tagged with every article it shows plus its own container tag (a section's), so
editing one story refreshes exactly the pages that show it, and publishing a new one refreshes
the containers it joins. Tags are spelled in :mod:`dateline.core.cache_tags`; purges go
through :func:`dateline.core.invalidation.invalidate`, which also tells the CDN (by URL).
"""

from __future__ import annotations

from django.conf import settings

from dateline.core import cache_tags as tags
from dateline.core import pagecache
from dateline.core.invalidation import invalidate


def tag_listing(request, container_tag: str, articles) -> None:
    pagecache.add_tags(request, container_tag, *(tags.article(a.pk) for a in articles))


def tag_article(request, article, topic_ids, author_ids, related_ids=()) -> None:
    """An article page shows itself, its topics and bylines, and its related stories' cards
    (a new story on a shared topic purges it through the topic's tag)."""
    pagecache.add_tags(
        request,
        tags.article(article.pk),
        *(tags.article(pk) for pk in related_ids),
        *(tags.topic(pk) for pk in topic_ids),
        *(tags.author(pk) for pk in author_ids),
    )


def article_tags(article, extra_parent_ids=()) -> list[str]:
    """Everything that shows this article, or will once it is published."""
    parent_ids = {article.get_parent().pk, *extra_parent_ids}
    topic_ids = article.topics.values_list("pk", flat=True)
    author_ids = article.bylines.values_list("author_id", flat=True)
    return [
        tags.article(article.pk),
        *(tags.section(pk) for pk in parent_ids),
        *(tags.topic(pk) for pk in topic_ids),
        *(tags.author(pk) for pk in author_ids),
        *tags.LISTINGS,
    ]


def invalidate_article(article, extra_parent_ids=(), hard: bool = False) -> None:
    """`hard`: the story is gone (unpublished, deleted, killed), so no reader may get a copy
    that shows it, not even for the page cache's grace moment (core/pagegrace.py)."""
    invalidate(*article_tags(article, extra_parent_ids), urls=_article_urls(article), hard=hard)


# What a front or a section shows elsewhere (menus, cards, breadcrumbs, addresses): a publish
# that changes none of these changed only the page itself, its curation included.
SHOWN_ELSEWHERE = ("title", "slug", "url_path", "show_in_menus", "position")


def invalidate_curation(page, revision) -> bool:
    """A front page or section published with nothing that other pages show changed (its lead
    and pins, say): invalidate that page alone and return True. False when a wider purge is due."""
    from wagtail.models import PageLogEntry

    container = {"HomePage": tags.HOME, "SectionPage": tags.section(page.pk)}.get(
        type(page).__name__
    )
    if container is None:
        return False
    previous = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if previous is None or previous.revision is None:
        return False
    before, after = previous.revision.content, revision.content
    if any(before.get(name) != after.get(name) for name in SHOWN_ELSEWHERE):
        return False
    urls = [page.full_url] if getattr(settings, "WAGTAILFRONTENDCACHE", None) else []
    invalidate(container, urls=urls)
    return True


def _article_urls(article) -> list[str]:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    pages = [article, article.get_parent(), *article.topics.all()]
    pages += [b.author for b in article.bylines.select_related("author")]
    urls = [p.full_url for p in pages if p.full_url]
    home = article.get_site().root_page
    return [*urls, home.full_url, home.full_url + "feed/", home.full_url + "sitemap.xml"]
