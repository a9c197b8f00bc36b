"""Head tags for machines: feed alternates, JSON-LD, OpenGraph and Twitter cards."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from dateline.core.models import NewsroomSettings
from dateline.news import structured_data as sd
from dateline.news.models import ArticlePage, AuthorPage, SectionPage, TopicPage

register = template.Library()

_SCOPED_FEEDS = (
    (SectionPage, "section"),
    (TopicPage, "topic"),
    (AuthorPage, "author"),
)


def _newsroom(context):
    newsroom = context.get("newsroom")
    request = context.get("request")
    if newsroom is None and request is not None:
        newsroom = NewsroomSettings.for_request(request)
    return newsroom


def _script(data) -> str:
    return format_html('<script type="application/ld+json">{}</script>', sd.json_ld(data))


@register.simple_tag(takes_context=True)
def alternate_feeds(context) -> list[dict]:
    """The feeds a page offers: the whole site's, and the section, topic or author's own."""
    newsroom = context.get("newsroom")
    name = newsroom.name if newsroom else "Dateline"
    feeds = [(name, reverse("news_feed"), reverse("news_feed_atom"))]
    page = context.get("page")
    if isinstance(page, ArticlePage):
        page = context.get("section")
    for model, kind in _SCOPED_FEEDS:
        if isinstance(page, model) and page.slug:
            feeds.append(
                (
                    f"{name}: {page.title}",
                    reverse(f"news_{kind}_feed", args=[page.slug]),
                    reverse(f"news_{kind}_feed_atom", args=[page.slug]),
                )
            )
    links = []
    for title, rss, atom in feeds:
        links.append({"title": f"{title} (RSS)", "type": "application/rss+xml", "href": rss})
        links.append({"title": f"{title} (Atom)", "type": "application/atom+xml", "href": atom})
    return links


@register.simple_tag(takes_context=True)
def article_head(context) -> dict:
    """JSON-LD (NewsArticle, BreadcrumbList) and sharing tags for the article in `page`."""
    page = context["page"]
    request = context.get("request")
    newsroom = _newsroom(context)
    section = context.get("section")
    bylines = context.get("bylines")
    if bylines is None:
        bylines = list(page.bylines.select_related("author"))
    corrections = context.get("corrections")
    if corrections is None:
        corrections = sorted(page.corrections.all(), key=lambda c: c.noted_at)
    topics = context.get("article_topics")
    if topics is None:
        topics = list(page.topics.live().order_by("title"))

    article = sd.news_article(
        page,
        request,
        newsroom=newsroom,
        section=section,
        bylines=bylines,
        corrections=corrections,
        topics=topics,
    )
    trail = [(newsroom.name, sd.site_home_url(request))]
    if section is not None:
        trail.append((section.title, section.get_full_url(request)))
    trail.append((page.title, page.get_full_url(request)))
    meta = sd.sharing_tags(
        page, request, newsroom=newsroom, section=section, bylines=bylines, topics=topics
    )
    return {
        "scripts": [_script(article), _script(sd.breadcrumb_list(trail))],
        "meta": meta,
    }


@register.simple_tag(takes_context=True)
def website_json_ld(context) -> str:
    """The front page's WebSite JSON-LD with its SearchAction."""
    request = context.get("request")
    newsroom = _newsroom(context)
    if request is None or newsroom is None:
        return ""
    home_url = sd.site_home_url(request) or request.build_absolute_uri("/")
    search_url = home_url.rstrip("/") + reverse("news_search")
    return _script(sd.website(newsroom, request, home_url, search_url))
