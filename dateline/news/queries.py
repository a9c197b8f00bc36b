"""The one definition of what readers may see, and the listing querysets built on it.

Views, feeds, sitemaps, search and the API all start from `public_articles()`, so a draft, a
private page or a story scheduled for tomorrow can never leak through one of them alone.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q
from django.utils import timezone

from dateline.core import sitewide, wagtail_compat


def public_articles():
    """Live, unrestricted articles whose first publication is not in the future."""
    from dateline.news.models import ArticlePage

    articles = ArticlePage.objects.live().filter(
        first_published_at__isnull=False, first_published_at__lte=timezone.now()
    )
    # Wagtail's .public(), from this process's kept list of restricted pages instead of a
    # query each time: a page is private when it or an ancestor carries a restriction.
    restricted = sitewide.restricted_paths()
    if restricted:
        articles = articles.exclude(reduce(or_, (Q(path__startswith=p) for p in restricted)))
    return articles


def for_listing(queryset):
    """What a card in a list shows, fetched in a fixed number of queries however long the list."""
    from wagtail.images import get_image_model

    from dateline.news.models import ArticleByline

    images = get_image_model().objects.prefetch_renditions("fill-640x360")
    return (
        queryset.select_related("lead_image")
        .prefetch_related(
            Prefetch("lead_image", queryset=images),
            Prefetch("bylines", queryset=ArticleByline.objects.select_related("author")),
        )
        .order_by("-first_published_at", "-pk")
    )


def attach_sections(articles) -> list:
    """Set `article.section` on each article with one query for all their parent sections."""
    from dateline.news.models import SectionPage

    articles = list(articles)
    parent_paths = {wagtail_compat.parent_path(a.path) for a in articles}
    sections = {s.path: s for s in SectionPage.objects.live().filter(path__in=parent_paths)}
    for article in articles:
        article.section = sections.get(wagtail_compat.parent_path(article.path))
    return articles


RELATED_STORIES = 4
# How many of the newest (story, shared topic) pairs the ranking reads: a popular topic holds
# thousands of stories, and counting them all on every article page would grow with the archive.
RELATED_CANDIDATE_ROWS = 200


def related_articles(article_pk, topic_ids, limit: int = RELATED_STORIES) -> list:
    """Public stories sharing topics with an article: most topics shared first, then newest,
    among the newest stories on those topics.

    Two queries whatever the archive's size (a bounded read of the newest pairs, then the
    cards' rows with their bylines prefetched), plus one for their sections."""
    from dateline.news.models import ArticleByline, ArticlePage

    topic_ids = list(topic_ids)
    if not topic_ids:
        return []
    pairs = (
        public_articles()
        .filter(topics__in=topic_ids)
        .exclude(pk=article_pk)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[:RELATED_CANDIDATE_ROWS]
    )
    shared: dict[int, int] = {}  # insertion order: newest first
    for pk in pairs:  # one row per topic shared
        shared[pk] = shared.get(pk, 0) + 1
    newest = {pk: n for n, pk in enumerate(shared)}
    ranked = sorted(shared, key=lambda pk: (-shared[pk], newest[pk]))[:limit]
    order = {pk: n for n, pk in enumerate(ranked)}
    if not order:
        return []
    # Cards without pictures: bylines (prefetched) and sections are all they need.
    stories = ArticlePage.objects.filter(pk__in=order).prefetch_related(
        Prefetch("bylines", queryset=ArticleByline.objects.select_related("author"))
    )
    return attach_sections(sorted(stories, key=lambda story: order[story.pk]))
