"""The outbound-fetch guard of `--fetch-media`: no test here touches the network."""

from __future__ import annotations

import socket

import pytest

from dateline.importers.wordpress import fetch
from dateline.importers.wordpress.fetch import FetchRefused

from .wordpress_helpers import HARBOUR, offline_embeds, run_import

__all__ = ["offline_embeds"]

PUBLIC = "93.184.215.14"


def resolving_to(*addresses):
    """A stand-in for socket.getaddrinfo answering with these addresses."""

    def resolve(host, port, type=0):  # noqa: A002 - getaddrinfo's own keyword
        family = {4: socket.AF_INET, 6: socket.AF_INET6}
        return [
            (family[6 if ":" in a else 4], socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    return resolve


def no_connection(*args):
    raise AssertionError("the guard connected although it should have refused")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.1.20",
        "172.16.0.5",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::7",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address the guard must refuse, not one we bind
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_names_resolving_to_inside_addresses_are_refused(address):
    with pytest.raises(FetchRefused, match="non-public"):
        fetch.fetch(
            "https://media.example/a.jpg",
            max_bytes=1000,
            resolver=resolving_to(address),
            connection=no_connection,
        )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/wp-content/uploads/a.jpg",
        "http://10.0.0.8:8080/a.jpg",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/a.jpg",
    ],
)
def test_literal_inside_addresses_are_refused_without_a_lookup(url):
    def no_lookup(*args, **kwargs):
        raise AssertionError("an address literal needs no DNS lookup")

    with pytest.raises(FetchRefused, match="non-public"):
        fetch.fetch(url, max_bytes=1000, resolver=no_lookup, connection=no_connection)


def test_a_name_with_one_inside_address_among_public_ones_is_refused():
    with pytest.raises(FetchRefused, match="127.0.0.1"):
        fetch.fetch(
            "https://media.example/a.jpg",
            max_bytes=1000,
            resolver=resolving_to(PUBLIC, "127.0.0.1"),
            connection=no_connection,
        )


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://media.example/a.jpg",
        "gopher://x/",
        "https://u:p@media.example/",
    ],
)
def test_only_plain_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchRefused, match="refused to fetch"):
        fetch.fetch(url, max_bytes=1000, resolver=resolving_to(PUBLIC), connection=no_connection)


class FakeResponse:
    def __init__(self, status=200, body=b"", headers=None):
        self.status, self.body, self.headers = status, body, headers or {}

    def getheader(self, name, default=None):
        return self.headers.get(name, default)

    def read(self, amount=None):
        return self.body[:amount]


class FakeConnection:
    """Records where the guard connected and what it asked for."""

    made: list = []
    responses: list = []

    def __init__(self, scheme, host, port, address):
        self.target = (scheme, host, port, address)
        FakeConnection.made.append(self)

    def request(self, method, path, headers):
        self.asked = (method, path)

    def getresponse(self):
        return FakeConnection.responses.pop(0)

    def close(self):
        pass


@pytest.fixture
def transport():
    FakeConnection.made, FakeConnection.responses = [], []
    return FakeConnection


def test_a_public_address_is_fetched_by_connecting_to_the_checked_address(transport):
    transport.responses = [FakeResponse(body=b"image bytes")]
    body = fetch.fetch(
        "https://media.example/wp-content/uploads/a.jpg?ver=2",
        max_bytes=1000,
        resolver=resolving_to(PUBLIC),
        connection=transport,
    )
    assert body == b"image bytes"
    (made,) = transport.made
    assert made.target == ("https", "media.example", 443, PUBLIC)
    assert made.asked == ("GET", "/wp-content/uploads/a.jpg?ver=2")


def test_a_redirect_to_an_inside_address_is_refused(transport):
    transport.responses = [FakeResponse(302, headers={"Location": "http://169.254.169.254/"})]
    with pytest.raises(FetchRefused, match="169.254.169.254"):
        fetch.fetch(
            "https://media.example/a.jpg",
            max_bytes=1000,
            resolver=resolving_to(PUBLIC),
            connection=transport,
        )
    assert len(transport.made) == 1


def test_a_file_over_the_limit_is_refused(transport):
    transport.responses = [FakeResponse(body=b"x" * 2000)]
    with pytest.raises(FetchRefused, match="over the 1,000 byte limit"):
        fetch.fetch(
            "https://media.example/a.jpg",
            max_bytes=1000,
            resolver=resolving_to(PUBLIC),
            connection=transport,
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("offline_embeds")
def test_fetch_media_downloads_attachments_through_the_guard(monkeypatch, transport):
    import io

    from PIL import Image
    from wagtail.images import get_image_model

    from dateline.news.models import ArticlePage

    png = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(png, format="PNG")
    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolving_to(PUBLIC))
    monkeypatch.setattr(fetch, "_connection", transport)
    transport.responses = [FakeResponse(body=png.getvalue())]
    stdout, _ = run_import(HARBOUR, "--fetch-media")
    image = get_image_model().objects.get(title="Harbour at dawn")
    assert (image.width, image.height) == (32, 24)
    assert ArticlePage.objects.get(title="Storm closes the harbour").lead_image == image
    assert transport.made[0].asked == ("GET", "/wp-content/uploads/2024/03/harbour.png")


@pytest.mark.django_db
@pytest.mark.usefixtures("offline_embeds")
def test_fetch_media_refusal_is_reported_and_the_story_still_arrives(monkeypatch):
    from dateline.news.models import ArticlePage

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolving_to("10.0.0.9"))
    stdout, _ = run_import(HARBOUR, "--fetch-media")
    assert "non-public address" in stdout
    assert ArticlePage.objects.get(title="Storm closes the harbour").lead_image is None
