"""Pages, feeds and sitemaps go out gzip-compressed to readers who accept it, with validators
that stay right: the compressed copy's ETag is the one a conditional request answers 304 to."""

from __future__ import annotations

import gzip

import pytest
from django.core.cache import cache

from tests.news.findability import fresh_caches  # noqa: F401 - an autouse fixture

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URLS = ["/", "/world/", "/feed/", "/feed/atom/", "/sitemap-articles.xml", "/news-sitemap.xml"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.DATELINE_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", URLS)
def test_readers_who_accept_gzip_get_it(client, newsroom, url):
    for _ in range(3):
        newsroom.article(body=[("paragraph", "<p>" + "Words of the story. " * 40 + "</p>")])
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)


def test_the_compressed_pages_etag_answers_a_conditional_request(client, newsroom):
    newsroom.article()
    client.get("/", HTTP_ACCEPT_ENCODING="gzip")  # fills the page cache
    first = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["X-Dateline-Cache"] == "hit" and first["Content-Encoding"] == "gzip"

    again = client.get("/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
