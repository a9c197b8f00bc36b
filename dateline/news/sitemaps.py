"""Sitemaps: articles, sections, topics, authors and plain pages behind one index, and the
Google News map.

Each sitemap holds at most 50,000 addresses (the protocol's limit); past that, the index lists
?p=2, ?p=3... A page's lastmod is honest: for an article, its last logged correction or update,
else its first publication (a silent republish does not make it "modified"); for a section,
topic or author, the newest such date among its public articles. URLs come from Wagtail's
per-request cache of site roots, and lastmods from one annotated query, so a sitemap page costs
the same few queries for ten addresses or fifty thousand.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap

from dateline.news.models import AuthorPage, InfoPage, SectionPage, TopicPage
from dateline.news.queries import public_articles

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1,000 addresses from one news sitemap.
NEWS_SITEMAP_LIMIT = 1000


def canonical_articles():
    """Public articles whose canonical address is their own.

    A syndicated story with `canonical_url` set names the partner's copy as the one to index
    (rel=canonical), and a sitemap must list canonical addresses only.
    """
    return public_articles().filter(canonical_url="")


def _last_change():
    """An article row's honest modification date: last logged update, else first publication."""
    return Greatest(Coalesce("last_substantive_update", "first_published_at"), "first_published_at")


class _PageSitemap(Sitemap):
    """A Wagtail page sitemap whose rows carry their own `lastmod` annotation.

    Subclasses build their queryset in `pages()`; it is built once per request, and the
    paginator (a plain property in Django, so a fresh COUNT on every use) is kept too.
    """

    def pages(self):
        raise NotImplementedError

    def items(self):
        if not hasattr(self, "_pages"):
            self._pages = self.pages()
        return self._pages

    @cached_property
    def paginator(self):
        return Paginator(self.items(), self.limit)

    def lastmod(self, page):
        return getattr(page, "lastmod_at", None)

    def get_latest_lastmod(self):
        # Django's default walks every item; one aggregate query answers the same question.
        return self.items().aggregate(latest=Max("lastmod_at"))["latest"]

    def _urls(self, page, protocol, domain):
        urls, latest = [], None
        for item in self.paginator.page(page).object_list:
            lastmod = self.lastmod(item)
            urls.append(
                {"item": item, "location": item.get_full_url(self.request), "lastmod": lastmod}
            )
            if lastmod is not None and (latest is None or lastmod > latest):
                latest = lastmod
        self.latest_lastmod = latest
        return urls


class ArticleSitemap(_PageSitemap):
    def pages(self):
        # Oldest first, so an archive page's addresses stay put as new stories join the last.
        return (
            canonical_articles()
            .defer_streamfields()
            .annotate(lastmod_at=_last_change())
            .order_by("first_published_at", "pk")
        )


def _latest_article_change(articles):
    return Subquery(
        articles.annotate(changed=_last_change()).order_by("-changed").values("changed")[:1]
    )


class SectionSitemap(_PageSitemap):
    def pages(self):
        articles = public_articles().filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
        )
        return (
            SectionPage.objects.live()
            .public()
            .annotate(lastmod_at=_latest_article_change(articles))
            .order_by("path")
        )


class TopicSitemap(_PageSitemap):
    def pages(self):
        articles = public_articles().filter(topics=OuterRef("pk"))
        return (
            TopicPage.objects.live()
            .public()
            .annotate(lastmod_at=_latest_article_change(articles))
            .order_by("path")
        )


class AuthorSitemap(_PageSitemap):
    def pages(self):
        articles = public_articles().filter(bylines__author=OuterRef("pk"))
        return (
            AuthorPage.objects.live()
            .public()
            .annotate(lastmod_at=_latest_article_change(articles))
            .order_by("path")
        )


class InfoPageSitemap(_PageSitemap):
    def pages(self):
        # A plain page has no corrections log: its last publication is its last change.
        return (
            InfoPage.objects.live()
            .public()
            .defer_streamfields()
            .annotate(lastmod_at=F("last_published_at"))
            .order_by("path")
        )


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
    "pages": InfoPageSitemap,
}


def news_sitemap_articles(now=None) -> list:
    """The public articles first published in the last 48 hours, newest first."""
    since = (now or timezone.now()) - NEWS_WINDOW
    return list(
        canonical_articles()
        .filter(first_published_at__gte=since)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:NEWS_SITEMAP_LIMIT]
    )


def google_news_language(tag: str) -> str:
    """Google News wants an ISO 639 code ('en', 'fr'), except 'zh-cn' and 'zh-tw'."""
    tag = (tag or "en").strip().lower().replace("_", "-")
    if tag in ("zh-cn", "zh-tw"):
        return tag
    if tag in ("zh-hans", "zh-sg"):
        return "zh-cn"
    if tag in ("zh-hant", "zh-hk"):
        return "zh-tw"
    return tag.split("-", 1)[0] or "en"
