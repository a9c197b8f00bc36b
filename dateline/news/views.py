"""Reader-facing views of the news app that are not pages: search, robots.txt, news sitemap."""

from __future__ import annotations

from django.contrib.sitemaps import views as django_sitemaps
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Site

from dateline.core import cache_tags, pagecache
from dateline.core.models import NewsroomSettings
from dateline.news import search
from dateline.news.listing import paginate
from dateline.news.sitemaps import SITEMAPS, google_news_language, news_sitemap_articles
from dateline.news.structured_data import iso
from dateline.news.xmltext import xml_safe


@require_safe
def search_view(request):
    """/search/?q=&section=&from=YYYY-MM-DD&to=YYYY-MM-DD&sort=&page=

    Invalid filters are reported on the form and left out of the search; they never fail it.

    Only the bare form (/search/, no parameter at all) may be indexed, with its canonical
    address. Any other address is `noindex` in the page and in an X-Robots-Tag header: result
    pages in a search engine's index are a spam vector (pages link to /search/?q=<spam> so that
    the spam shows up under the newsroom's name), and robots.txt keeps crawlers off them too.
    """
    sections = list(search.searchable_sections())
    form = search.SearchForm(request.GET or None, sections=sections)
    data = {}
    if form.is_bound:
        form.is_valid()  # errors are shown beside their fields; the valid ones still apply
        data = form.cleaned_data
    terms = search.query_terms(data.get("q", ""))
    indexable = not request.GET
    context = {
        "form": form,
        "terms": terms,
        "query": data.get("q", ""),
        "results": None,
        "canonical_url": _site_url(request, reverse("news_search")) if indexable else "",
    }
    if terms:
        section = next((s for s in sections if s.slug == data.get("section")), None)
        results = search.search_articles(
            terms,
            section=section,
            date_from=data.get("from"),
            date_to=data.get("to"),
            newest_first=data.get("sort") == "newest",
        )
        per_page = NewsroomSettings.for_request(request).articles_per_page
        page = paginate(request, results, per_page)
        page.object_list = search.prepare_results(page.object_list)
        context["results"] = page
        context["hits"] = search.hits(page.object_list, terms)
    response = TemplateResponse(request, "news/search.html", context)
    if not indexable:
        response.headers["X-Robots-Tag"] = NOT_INDEXED
    return response


NOT_INDEXED = "noindex, follow"  # also the page's robots meta (news/search.html)


def _site_url(request, path: str) -> str:
    """`path` under the site's own root URL (what every page's canonical link starts with)."""
    site = Site.find_for_request(request)
    return site.root_url + path if site is not None else request.build_absolute_uri(path)


@require_safe
@pagecache.tagged(cache_tags.SITEMAPS)
def sitemap_index(request):
    """/sitemap.xml: the article, section, topic and author sitemaps that have addresses.

    An empty <urlset> breaks the sitemaps.org schema (it wants at least one <url>), so a
    sitemap with nothing in it yet is left out of the index.
    """
    sitemaps = {name: cls(request) for name, cls in SITEMAPS.items()}
    sitemaps = {name: sitemap for name, sitemap in sitemaps.items() if sitemap.paginator.count}
    return django_sitemaps.index(request, sitemaps, sitemap_url_name="news_sitemap_section")


@require_safe
@pagecache.tagged(cache_tags.SITEMAPS)
def robots_txt(request):
    """robots.txt: keep crawlers out of the admin, search results (not the bare search form)
    and the API; name both sitemaps."""
    context = {
        "sitemap_url": request.build_absolute_uri(reverse("news_sitemap_index")),
        "news_sitemap_url": request.build_absolute_uri(reverse("news_sitemap_news")),
    }
    return TemplateResponse(request, "news/robots.txt", context, content_type="text/plain")


@require_safe
@pagecache.tagged(cache_tags.SITEMAPS)
def news_sitemap(request):
    """Google News sitemap: the public articles first published in the last 48 hours."""
    newsroom = NewsroomSettings.for_request(request)
    entries = [
        {
            "location": article.get_full_url(request),
            "title": xml_safe(article.title),
            "published": iso(article.first_published_at),
        }
        for article in news_sitemap_articles()
    ]
    context = {
        "publication_name": xml_safe(newsroom.name),
        "language": google_news_language(newsroom.language),
        "entries": entries,
    }
    response = TemplateResponse(
        request, "news/news_sitemap.xml", context, content_type="application/xml"
    )
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
