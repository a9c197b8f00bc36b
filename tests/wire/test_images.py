"""Taking an item fetches its photo through the importers' guard and the image-bomb checks,
into a Wagtail image with caption and credit as the story's lead image; a photo refused or
failed is reported and the story taken all the same. Only a local HTTP server is reached: the
guard checks a stand-in public address and the connection goes to 127.0.0.1."""

from __future__ import annotations

import functools
import http.client
import http.server
import io
import json
import threading

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from dateline.importers.wordpress import fetch
from dateline.wire import images, services
from dateline.wire.formats import read
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem
from tests.bombs import png_bomb
from tests.importers.test_wordpress_fetch import PUBLIC, resolving_to


def jpeg(width=64, height=48) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


FILES = {
    "/ferry.jpg": (200, "image/jpeg", jpeg()),
    "/bomb.png": (200, "image/png", png_bomb(25_000, 8)),  # a 25,000-pixel-wide header
    "/page.html": (200, "text/html", b"<html><body>Not a photo</body></html>"),
}


class Agency(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/inside":  # a redirect into the newsroom's network
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.7/ferry.jpg")
            self.end_headers()
            return
        status, kind, body = FILES.get(self.path, (404, "text/plain", b"no such photo"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def agency():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Agency)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def local_fetch(agency, monkeypatch):
    """The real guarded fetch: names resolve to a public stand-in address, which the guard
    checks, and every connection goes to the local server. An address written as a private
    IP is still refused by the guard before any connection."""

    def to_local_server(scheme, host, port, address):
        return http.client.HTTPConnection("127.0.0.1", agency, timeout=5)

    fetcher = functools.partial(
        fetch.fetch, resolver=resolving_to(PUBLIC), connection=to_local_server
    )
    monkeypatch.setattr(images, "fetch", fetcher)
    return fetcher


def offer(*photos, uri="urn:sahel:photo-story") -> WireItem:
    """A ninjs 3.x item offering these photos, each (path, caption, credit)."""
    associations = [
        {
            "name": f"photo{n}",
            "uri": f"urn:sahel:pic:{n}",
            "type": "picture",
            "headlines": [{"value": caption}] if caption else [],
            "by": credit,
            "renditions": [
                {"name": "web", "href": f"https://photos.sahelpress.example{path}", "width": 64}
            ],
        }
        for n, (path, caption, credit) in enumerate(photos)
    ]
    doc = {
        "uri": uri,
        "type": "text",
        "headlines": [{"value": "Ferries cross to Djenné again"}],
        "bodies": [{"contentType": "text/plain", "value": "Boats left Mopti on Monday."}],
        "copyrightHolder": "Sahel Press",
        "associations": associations,
    }
    report = Report()
    ingest_bytes(json.dumps(doc).encode(), "photo.json", report)
    assert not report.refused, report.refused
    return WireItem.objects.get(agency_id=uri)


def lead(article):
    return article.get_latest_revision_as_object()


def test_a_taken_items_photo_becomes_the_lead_image_with_caption_and_credit(newsroom, local_fetch):
    item = offer(("/ferry.jpg", "A ferry leaves Mopti.", "Awa Traoré/Sahel Press"))
    article = lead(services.take(item, newsroom.section))
    image = article.lead_image
    assert image is not None and (image.width, image.height) == (64, 48)
    assert image.title == "A ferry leaves Mopti. (Awa Traoré/Sahel Press)"
    assert image.description == "A ferry leaves Mopti."
    assert article.lead_image_caption == "A ferry leaves Mopti. Photo: Awa Traoré/Sahel Press"
    item.refresh_from_db()
    assert item.image_note == "" and item.status == WireItem.TAKEN
    # The same photo again (another agency's copy) is the library's image, not a second file.
    again = offer(("/ferry.jpg", "", ""), uri="urn:other:ferry")
    assert lead(services.take(again, newsroom.section)).lead_image.pk == image.pk
    assert get_image_model().objects.count() == 1


def test_an_image_bomb_is_refused_from_its_header_and_the_next_photo_is_used(newsroom, local_fetch):
    item = offer(("/bomb.png", "Huge", "X"), ("/ferry.jpg", "A ferry.", "Sahel Press"))
    article = lead(services.take(item, newsroom.section))
    assert article.lead_image.width == 64
    assert article.lead_image_caption == "A ferry. Photo: Sahel Press"
    item.refresh_from_db()
    assert "bomb.png not used" in item.image_note and "25,000" in item.image_note


def test_photos_that_cannot_be_had_are_reported_and_the_story_is_taken_without_one(
    newsroom, local_fetch, agency
):
    item = offer(("/missing.jpg", "", ""), ("/page.html", "", ""), ("/inside", "", ""))
    article = lead(services.take(item, newsroom.section))
    assert article.lead_image is None and article.lead_image_caption == ""
    assert article.title == "Ferries cross to Djenné again" and not article.live
    item.refresh_from_db()
    notes = item.image_note.splitlines()
    assert len(notes) == 3
    assert "answered HTTP 404" in notes[0]
    assert "not a photo in a format the site shows" in notes[1]
    assert "10.0.0.7" in notes[2] and "non-public" in notes[2]
    assert not get_image_model().objects.exists()


def test_a_private_address_is_refused_before_any_connection(newsroom, agency, monkeypatch):
    def no_connection(*args):
        raise AssertionError("connected to a private address")

    monkeypatch.setattr(images, "fetch", functools.partial(fetch.fetch, connection=no_connection))
    item = offer(("/ferry.jpg", "", ""))
    WireItem.objects.filter(pk=item.pk).update(
        images=[{"href": f"http://127.0.0.1:{agency}/ferry.jpg", "caption": "", "credit": ""}]
    )
    item.refresh_from_db()
    article = lead(services.take(item, newsroom.section))
    item.refresh_from_db()
    assert article.lead_image is None and "non-public" in item.image_note


def test_the_desk_says_which_photos_were_not_used(newsroom, local_fetch, admin_client):
    item = offer(("/missing.jpg", "", ""))
    url = reverse("wire_desk:act", args=[item.pk, "take"])
    response = admin_client.post(url, {"section": newsroom.section.pk}, follow=True)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("Photos not used" in m and "HTTP 404" in m for m in shown), shown
    detail = admin_client.get(reverse("wire_desk:detail", args=[item.pk])).content.decode()
    assert "Photos not used" in detail and "HTTP 404" in detail


def test_an_item_without_photos_fetches_nothing(newsroom, monkeypatch):
    monkeypatch.setattr(images, "fetch", lambda *a, **k: pytest.fail("fetched"))
    [copy] = read(b'{"uri": "urn:x:1", "headline": "No photo here"}')
    assert copy.images == []
    item = offer()
    assert lead(services.take(item, newsroom.section)).lead_image is None


@pytest.mark.parametrize(
    ("caption", "credit", "expected"),
    [
        ("A ferry.", "Sahel Press", "A ferry. Photo: Sahel Press"),
        ("A ferry.", "", "A ferry."),
        ("", "Sahel Press", "Photo: Sahel Press"),
    ],
)
def test_caption_and_credit_make_one_line(caption, credit, expected):
    assert images.caption_with_credit(caption, credit) == expected
    long = images.caption_with_credit("word " * 200, "Sahel Press")
    assert len(long) <= 400 and long.endswith("… Photo: Sahel Press")


def test_the_widest_rendition_within_web_sizes_is_fetched():
    doc = {
        "uri": "urn:x:2",
        "headlines": [{"value": "Photo story"}],
        "associations": [
            {
                "name": "photo",
                "uri": "urn:pic",
                "type": "picture",
                "renditions": [
                    {"name": "thumb", "href": "https://p.example/thumb.jpg", "width": 80},
                    {"name": "master", "href": "https://p.example/master.tif", "width": 9000},
                    {"name": "web", "href": "https://p.example/web.jpg", "width": 1600},
                ],
            }
        ],
    }
    [copy] = read(json.dumps(doc).encode())
    assert [i.href for i in copy.images] == ["https://p.example/web.jpg"]


RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Sahel Press</title>
<item><guid>urn:sahel:rss:1</guid><title>Ferries cross to Djenne again</title>
<description>Boats left Mopti.</description>
<media:content url="https://photos.sahelpress.example/ferry.jpg" type="image/jpeg" width="64"/>
<media:description>A ferry leaves Mopti.</media:description>
<media:credit>Awa Traore/Sahel Press</media:credit></item>
<item><guid>urn:sahel:rss:2</guid><title>Market prices rise</title>
<enclosure url="https://photos.sahelpress.example/ferry.jpg" type="image/jpeg" length="900"/>
<enclosure url="https://photos.sahelpress.example/report.pdf" type="application/pdf" length="9"/>
</item></channel></rss>"""


def test_rss_media_content_and_enclosures_are_fetched_on_take(newsroom, local_fetch):
    report = Report()
    ingest_bytes(RSS, "feed.xml", report)
    assert not report.refused, report.refused
    media = WireItem.objects.get(agency_id="urn:sahel:rss:1")
    assert media.images == [
        {
            "href": "https://photos.sahelpress.example/ferry.jpg",
            "caption": "A ferry leaves Mopti.",
            "credit": "Awa Traore/Sahel Press",
        }
    ]
    article = lead(services.take(media, newsroom.section))
    assert article.lead_image_caption == "A ferry leaves Mopti. Photo: Awa Traore/Sahel Press"
    enclosure = WireItem.objects.get(agency_id="urn:sahel:rss:2")
    assert [i["href"] for i in enclosure.images] == ["https://photos.sahelpress.example/ferry.jpg"]
    assert lead(services.take(enclosure, newsroom.section)).lead_image == article.lead_image


G2_PHOTO = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:sahel:g2:7"
 version="1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta><contentMeta>
<headline>Ferry at Mopti</headline><creditline>Awa Traore/Sahel Press</creditline>
<description role="drol:caption">A ferry leaves Mopti.</description></contentMeta><contentSet>
<remoteContent rendition="rnd:thumb" href="https://p.example/thumb.jpg" width="80"/>
<remoteContent rendition="rnd:print" href="https://p.example/master.tif" width="6000"/>
<remoteContent rendition="rnd:highRes" href="https://p.example/web.jpg" width="1500"/>
<remoteContent rendition="rnd:local" href="file:///srv/photo.jpg" width="2000"/>
</contentSet></newsItem>"""


def test_a_newsml_g2_photo_offers_its_web_rendition_with_caption_and_credit():
    [copy] = read(G2_PHOTO)
    assert [(i.href, i.caption, i.credit) for i in copy.images] == [
        ("https://p.example/web.jpg", "A ferry leaves Mopti.", "Awa Traore/Sahel Press")
    ]
