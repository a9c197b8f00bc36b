"""A favicon, app icons and a web manifest on every page; media with cache lifetimes."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from dateline.core import media

pytestmark = pytest.mark.django_db


def test_every_page_links_the_icons_and_the_manifest(client, newsroom):
    story = newsroom.article()
    for url in ["/", newsroom.section.url, story.url, "/no-such-page/"]:
        html = client.get(url).content.decode()
        icon = re.search(r'<link rel="icon" href="/static/([^"]+)" type="image/svg\+xml">', html)
        touch = re.search(r'<link rel="apple-touch-icon" href="/static/([^"]+)">', html)
        assert icon and touch and '<link rel="manifest" href="/site.webmanifest">' in html, url
        assert finders.find(icon.group(1)) and finders.find(touch.group(1))


def test_the_manifest_names_the_newsroom_and_its_icons(client, newsroom):
    from wagtail.models import Site

    from dateline.core.models import NewsroomSettings

    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "The Bamako Courier"
    settings.save()

    response = client.get("/site.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert "max-age=86400" in response["Cache-Control"]
    manifest = response.json()
    assert manifest["name"] == "The Bamako Courier" and manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        path = icon["src"].removeprefix("/static/")
        with open(finders.find(path), "rb") as png:
            assert png.read(8) == b"\x89PNG\r\n\x1a\n"
    assert client.post("/site.webmanifest").status_code == 405


def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    svg = r"/static/dateline/icons/favicon(\.[0-9a-f]{12})?\.svg"
    assert re.fullmatch(svg, response["Location"])


def test_every_public_page_has_a_description(client, newsroom):
    story = newsroom.article(standfirst="Troops leave the last base.")
    found = {}
    for url in ["/", newsroom.section.url, newsroom.author.url, story.url, "/no-such-page/"]:
        match = re.search(r'<meta name="description" content="([^"]+)">', client.get(url).text)
        found[url] = match and match.group(1)
    assert all(found.values()), found
    assert found[story.url] == "Troops leave the last base."
    assert found[newsroom.section.url] == "News from everywhere"


def _upload(settings, path: str, data: bytes = b"\xff\xd8\xff pixels") -> None:
    target = settings.MEDIA_ROOT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def test_renditions_are_kept_for_a_year_and_originals_for_a_day(client, settings):
    _upload(settings, "images/dish.2e16d0ba.fill-320x180.jpg")
    _upload(settings, "original_images/dish.jpg")

    rendition = client.get("/media/images/dish.2e16d0ba.fill-320x180.jpg")
    original = client.get("/media/original_images/dish.jpg")

    assert rendition.status_code == original.status_code == 200
    assert (
        rendition["Cache-Control"]
        == media.RENDITION_CACHE
        == ("public, max-age=31536000, immutable")
    )
    assert original["Cache-Control"] == media.ORIGINAL_CACHE == "public, max-age=86400"
    again = client.get(
        "/media/original_images/dish.jpg", HTTP_IF_MODIFIED_SINCE=original["Last-Modified"]
    )
    assert again.status_code == 304


def test_documents_are_never_served_as_plain_media(client, settings):
    _upload(settings, "documents/board-minutes.pdf", b"private")
    response = client.get("/media/documents/board-minutes.pdf")
    assert response.status_code == 404 and b"private" not in response.content
    assert client.get("/media/no-such-file.jpg").status_code == 404
