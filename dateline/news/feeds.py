"""RSS 2.0 and Atom 1.0 feeds: the whole site, each section, each topic and each author.

Every feed lists the newest public articles (`public_articles()`), dated honestly: published is
the first publication, updated is the last logged correction or update (never a silent
republish). Each item carries its authors, its section and topics as categories and its lead
image as an enclosure; the newsroom's settings choose the standfirst alone or the full text.
Every string passes through `xmltext.clean` so one control character in a wire headline cannot
take a feed down, and the items are fetched in a fixed number of queries however many there are.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Site

from dateline.core import cache_tags, pagecache
from dateline.core.models import NewsroomSettings
from dateline.news.body_text import feed_html
from dateline.news.models import ArticleByline, AuthorPage, SectionPage, TopicPage
from dateline.news.queries import attach_sections, public_articles
from dateline.news.structured_data import article_authors
from dateline.news.xmltext import clean

FEED_ITEMS = 30
# The rendition the article page shows, so it usually exists already when a feed asks for it.
ENCLOSURE_FILTER = "width-1200"


class _XmlSafe:
    """Mixin for Django's feed generators: every string is cleaned before it is written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*clean(args), **clean(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*clean(args), **clean(kwargs))


class NewsRssFeed(_XmlSafe, Rss201rev2Feed):
    """RSS 2.0 with the full text in content:encoded and every author in dc:creator."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        item = {**item, "author_name": None}  # written below, one dc:creator per author
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class NewsAtomFeed(_XmlSafe, Atom1Feed):
    """Atom 1.0 with one <author> per byline and the full text in <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


@dataclass
class FeedScope:
    """What a feed covers: its articles, and the page that readers see them on."""

    articles: QuerySet
    title: str
    description: str
    page: object


def _public_page(model, slug: str):
    """The live, unrestricted page of `model` with this slug (a 404 for the feed when none)."""
    page = model.objects.live().public().filter(slug=slug).order_by("path").first()
    if page is None:
        raise model.DoesNotExist(slug)
    return page


def _absolute(url: str, root_url: str) -> str:
    return url if url.startswith(("http://", "https://")) else root_url.rstrip("/") + url


class ArticleFeed(Feed):
    """The site-wide RSS feed; subclasses narrow the scope or switch to Atom."""

    feed_type = NewsRssFeed
    item_guid_is_permalink = False

    @classmethod
    def view(cls):
        """A view function making one feed object per request, which may then hold request
        state (Django's examples share one instance between threads)."""

        @pagecache.tagged(cache_tags.FEEDS)
        def feed_view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        feed_view.__name__ = cls.__name__
        return feed_view

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.newsroom = NewsroomSettings.for_request(request)
        site = Site.find_for_request(request)
        self.root_url = site.root_url if site else request.build_absolute_uri("/")
        self.language = self.newsroom.language
        return super().__call__(request, *args, **kwargs)

    # The feed ------------------------------------------------------------------------------

    def get_object(self, request, *args, **kwargs) -> FeedScope:
        site = Site.find_for_request(request)
        return FeedScope(
            public_articles(), self.newsroom.name, self.newsroom.tagline, site and site.root_page
        )

    def title(self, scope):
        return scope.title

    def subtitle(self, scope):
        return scope.description or None

    def description(self, scope):
        return scope.description or scope.title

    def link(self, scope):
        url = scope.page.get_full_url(self.request) if scope.page else None
        return url or self.root_url

    def feed_url(self, scope):
        return self.request.build_absolute_uri(self.request.path)

    def author_name(self, scope):
        return self.newsroom.name  # Atom wants a feed author when an entry might lack one

    def items(self, scope):
        images = get_image_model().objects.prefetch_renditions(ENCLOSURE_FILTER)
        articles = scope.articles.order_by("-first_published_at", "-pk")
        if not self.newsroom.feed_full_text:
            articles = articles.defer_streamfields()
        articles = list(
            articles.select_related("lead_image").prefetch_related(
                Prefetch("lead_image", queryset=images),
                Prefetch("bylines", queryset=ArticleByline.objects.select_related("author")),
                Prefetch("topics", queryset=TopicPage.objects.live().order_by("title")),
            )[:FEED_ITEMS]
        )
        attach_sections(articles)
        self.bodies = feed_html(articles, self.root_url) if self.newsroom.feed_full_text else {}
        return articles

    # Each item -----------------------------------------------------------------------------

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        # A tag URI stays the same when an editor changes the slug, so readers see no duplicate.
        host = self.root_url.split("://", 1)[-1].split("/")[0].split(":")[0]
        return f"tag:{host},{article.first_published_at:%Y-%m-%d}:article:{article.pk}"

    def item_description(self, article):
        return escape(article.standfirst)  # RSS descriptions and Atom summaries are HTML

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.updated_at or article.first_published_at

    def item_categories(self, article):
        section = getattr(article, "section", None)
        names = [section.title] if section else []
        return names + [topic.title for topic in article.topics.all()]

    def item_enclosures(self, article):
        image = article.lead_image
        if image is None:
            return []
        rendition = image.get_rendition(ENCLOSURE_FILTER)
        try:
            length = rendition.file.size
        except OSError:  # the file went missing from storage: leave the enclosure out
            return []
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(_absolute(rendition.url, self.root_url), str(length), mime_type)]

    def item_extra_kwargs(self, article):
        return {"authors": self._authors(article), "content_html": self.bodies.get(article.pk)}

    def _authors(self, article) -> list[tuple[str, str | None]]:
        return [
            (byline.author.title, byline.author.get_full_url(self.request))
            for byline in article_authors(article.bylines.all())
        ]


class AtomArticleFeed(ArticleFeed):
    feed_type = NewsAtomFeed


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        section = _public_page(SectionPage, slug)
        return FeedScope(
            section.articles(),
            f"{self.newsroom.name}: {section.title}",
            section.description,
            section,
        )


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug):
        topic = _public_page(TopicPage, slug)
        return FeedScope(
            topic.articles(), f"{self.newsroom.name}: {topic.title}", topic.description, topic
        )


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        author = _public_page(AuthorPage, slug)
        description = f"Stories by {author.title}" + (
            f", {author.job_title}" if author.job_title else ""
        )
        return FeedScope(
            author.articles(), f"{self.newsroom.name}: {author.title}", description, author
        )


class AtomSectionFeed(SectionFeed):
    feed_type = NewsAtomFeed


class AtomTopicFeed(TopicFeed):
    feed_type = NewsAtomFeed


class AtomAuthorFeed(AuthorFeed):
    feed_type = NewsAtomFeed
