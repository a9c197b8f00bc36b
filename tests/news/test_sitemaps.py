"""Sitemaps, the Google News sitemap and robots.txt, validated against the sitemap schemas."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from dateline.core.models import NewsroomSettings
from dateline.news import services
from dateline.news.sitemaps import ArticleSitemap

from .findability import (
    fresh_caches,  # noqa: F401 - an autouse fixture
    hidden_articles,
)

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def valid_document(client, url: str, schema_name: str):
    response = client.get(url)
    assert response.status_code == 200, url
    document = etree.fromstring(response.content)
    validator = schema(schema_name)
    assert validator.validate(document), (url, validator.error_log)
    return document


def locations(document) -> list[str]:
    return document.xpath("//sm:loc/text()", namespaces=NS)


def test_the_schemas_reject_what_the_protocol_forbids():
    # The validators used below must be able to fail: a relative <loc>, a bad date, a news
    # entry without its title.
    urlset = schema("sitemap.xsd")
    news = schema("news-urlset.xsd")
    bad_loc = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a/</loc></url></urlset>'
    bad_date = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        b"<loc>http://example.org/a/</loc><lastmod>yesterday</lastmod></url></urlset>"
    )
    no_title = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        b"<loc>http://example.org/a/</loc><news:news><news:publication><news:name>X</news:name>"
        b"<news:language>en</news:language></news:publication>"
        b"<news:publication_date>2024-01-01</news:publication_date></news:news></url></urlset>"
    )
    assert not urlset.validate(etree.fromstring(bad_loc))
    assert not urlset.validate(etree.fromstring(bad_date))
    assert not news.validate(etree.fromstring(no_title))


def test_the_index_names_the_article_section_topic_and_author_sitemaps(newsroom, client):
    newsroom.article(title="Floods")

    index = valid_document(client, "/sitemap.xml", "siteindex.xsd")

    assert locations(index) == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-topics.xml",
        "http://testserver/sitemap-authors.xml",
    ]
    assert len(index.xpath("//sm:lastmod", namespaces=NS)) == 4


def test_the_article_sitemap_lists_exactly_the_public_articles(newsroom, client):
    hidden = hidden_articles(newsroom)
    story = newsroom.article(title="Floods")

    document = valid_document(client, "/sitemap-articles.xml", "sitemap.xsd")

    assert sorted(locations(document)) == sorted([story.full_url, hidden["public"].full_url])


def test_a_syndicated_story_canonical_elsewhere_is_in_no_sitemap(newsroom, client):
    own = newsroom.article(title="Our own story")
    newsroom.article(
        title="Partner copy",
        source_name="Partner Wire",
        canonical_url="https://partner.example.com/stories/partner-copy/",
    )

    for url, schema_name in [
        ("/sitemap-articles.xml", "sitemap.xsd"),
        ("/news-sitemap.xml", "news-urlset.xsd"),
    ]:
        document = valid_document(client, url, schema_name)
        assert locations(document) == [own.full_url], url


def test_sections_topics_and_authors_each_have_a_valid_sitemap(newsroom, client):
    newsroom.article(title="Floods")

    sections = valid_document(client, "/sitemap-sections.xml", "sitemap.xsd")
    topics = valid_document(client, "/sitemap-topics.xml", "sitemap.xsd")
    authors = valid_document(client, "/sitemap-authors.xml", "sitemap.xsd")

    assert locations(sections) == [newsroom.section.full_url]
    assert newsroom.topic.full_url in locations(topics)
    assert newsroom.author.full_url in locations(authors)


def test_lastmod_is_the_last_logged_update_not_a_silent_republish(newsroom, client):
    story = newsroom.article(title="Floods", published_at=timezone.now() - timedelta(days=10))
    story = services.add_correction(
        story, kind="update", text="Toll revised.", noted_at=timezone.now() - timedelta(days=4)
    )
    services.republish(story)  # today, silently
    old = newsroom.article(title="Old", published_at=timezone.now() - timedelta(days=20))
    services.republish(old)

    document = valid_document(client, "/sitemap-articles.xml", "sitemap.xsd")
    lastmods = dict(
        zip(
            locations(document),
            document.xpath("//sm:lastmod/text()", namespaces=NS),
            strict=True,
        )
    )

    day = timezone.localdate
    assert lastmods[story.full_url] == str(day(timezone.now() - timedelta(days=4)))
    assert lastmods[old.full_url] == str(day(timezone.now() - timedelta(days=20)))
    sections = valid_document(client, "/sitemap-sections.xml", "sitemap.xsd")
    assert sections.xpath("//sm:lastmod/text()", namespaces=NS) == [
        str(day(timezone.now() - timedelta(days=4)))
    ]


def test_a_sitemap_past_its_limit_is_split_into_pages(newsroom, client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for n in range(5):
        newsroom.article(title=f"Story {n}", days_old=n)

    index = valid_document(client, "/sitemap.xml", "siteindex.xsd")
    pages = [loc for loc in locations(index) if "sitemap-articles" in loc]
    assert pages == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    last = valid_document(client, "/sitemap-articles.xml?p=3", "sitemap.xsd")
    assert len(locations(last)) == 1
    for bad in ("?p=4", "?p=0", "?p=abc", "?p=99999999999999999999"):
        assert client.get("/sitemap-articles.xml" + bad).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_news_sitemap_holds_exactly_the_last_48_hours(newsroom, client):
    now = timezone.now()
    recent = newsroom.article(title="An hour old", published_at=now - timedelta(hours=1))
    older = newsroom.article(title="Nearly two days", published_at=now - timedelta(hours=47))
    newsroom.article(title="Just too old", published_at=now - timedelta(hours=49))
    newsroom.article(title="Last week", days_old=7)
    hidden = hidden_articles(newsroom)  # includes one public story published just now

    document = valid_document(client, "/news-sitemap.xml", "news-urlset.xsd")

    assert locations(document) == [hidden["public"].full_url, recent.full_url, older.full_url]
    titles = document.xpath("//news:title/text()", namespaces=NS)
    assert titles == ["Harbour reopens", "An hour old", "Nearly two days"]
    dates = document.xpath("//news:publication_date/text()", namespaces=NS)
    assert dates[1] == timezone.localtime(recent.first_published_at).isoformat(timespec="seconds")


def test_the_news_sitemap_names_the_publication_and_its_language(newsroom, client):
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(),
        defaults={"name": "Le Quotidien & Co", "language": "fr-CA"},
    )
    newsroom.article(title="Crue\x0b du fleuve")

    document = valid_document(client, "/news-sitemap.xml", "news-urlset.xsd")

    assert document.xpath("//news:name/text()", namespaces=NS) == ["Le Quotidien & Co"]
    assert document.xpath("//news:language/text()", namespaces=NS) == ["fr"]
    assert document.xpath("//news:title/text()", namespaces=NS) == ["Crue du fleuve"]


def test_an_empty_news_sitemap_is_still_well_formed(newsroom, client):
    newsroom.article(title="Last week", days_old=7)

    response = client.get("/news-sitemap.xml")

    assert response.status_code == 200
    assert etree.fromstring(response.content).xpath("//sm:url", namespaces=NS) == []


def test_robots_txt_names_both_sitemaps(newsroom, client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    # The bare search form may be crawled, never a results address: RFC 9309 rules match the
    # path and query. (Python's urllib.robotparser is older than the RFC and reads this rule as
    # "/search/"; Lighthouse's robots-parser, in tests/browser/test_lighthouse.py, reads it as
    # crawlers do: the bare form passes "is-crawlable", results do not.)
    assert "Disallow: /search/?" in lines
    assert "Disallow: /search/" not in lines


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-authors.xml", "/news-sitemap.xml"]
)
def test_sitemaps_take_the_same_queries_for_3_or_30_articles(
    newsroom, client, url, django_assert_max_num_queries
):
    def count():
        client.get(url)  # the first request also fills Wagtail's site caches
        with django_assert_max_num_queries(20) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        newsroom.article(title=f"Story {n}", published_at=timezone.now() - timedelta(hours=n))
    few = count()
    for n in range(3, 30):
        newsroom.article(title=f"Story {n}", published_at=timezone.now() - timedelta(hours=n))
    assert count() == few
