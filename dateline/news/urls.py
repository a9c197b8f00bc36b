"""Routes of the news app that are not pages: feeds, sitemaps, search and the read API.

Included at the root before Wagtail's page tree, so these addresses win over any page slug.
Section, topic and author feeds live under /feeds/ rather than under the pages themselves, which
Wagtail owns.
"""

from django.urls import path
from wagtail.contrib.sitemaps import views as sitemap_views

from dateline.core import cache_tags, pagecache
from dateline.news import api, feeds, views
from dateline.news.api import api_router
from dateline.news.sitemaps import SITEMAPS

urlpatterns = [
    path("feed/", feeds.ArticleFeed.view(), name="news_feed"),
    path("feed/atom/", feeds.AtomArticleFeed.view(), name="news_feed_atom"),
    path("feeds/section/<slug:slug>/", feeds.SectionFeed.view(), name="news_section_feed"),
    path(
        "feeds/section/<slug:slug>/atom/",
        feeds.AtomSectionFeed.view(),
        name="news_section_feed_atom",
    ),
    path("feeds/topic/<slug:slug>/", feeds.TopicFeed.view(), name="news_topic_feed"),
    path("feeds/topic/<slug:slug>/atom/", feeds.AtomTopicFeed.view(), name="news_topic_feed_atom"),
    path("feeds/author/<slug:slug>/", feeds.AuthorFeed.view(), name="news_author_feed"),
    path(
        "feeds/author/<slug:slug>/atom/",
        feeds.AtomAuthorFeed.view(),
        name="news_author_feed_atom",
    ),
    path("sitemap.xml", views.sitemap_index, name="news_sitemap_index"),
    path(
        "sitemap-<section>.xml",
        pagecache.tagged(cache_tags.SITEMAPS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="news_sitemap_section",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap_news"),
    path("robots.txt", views.robots_txt, name="news_robots_txt"),
    path("search/", views.search_view, name="news_search"),
    path("api/v2/", api_router.urls),
    path("api/v2/<path:path>", api.not_found),
    path("api/v2/", api.not_found),
]
