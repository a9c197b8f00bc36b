"""Edge mode on several servers: a purge made on one server reaches the other servers' folders
(signed, dated, never passed on); bench/cluster.py runs it across three real servers."""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.cache import cache

from dateline.core import edge, edge_peers
from dateline.news import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def edge_root(settings, tmp_path):
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_EDGE_ROOT = tmp_path / "edge"
    settings.DATELINE_EDGE_PEERS = []
    cache.clear()
    yield tmp_path / "edge"
    cache.clear()


class Peer:
    """Another server's /_edge/purge/, as far as the wire goes: records what it is sent."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((self.path, self.headers[edge_peers.SIGNATURE_HEADER], body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def peer():
    made = Peer()
    yield made
    made.close()


def edge_file(url):
    return edge.root() / edge.PAGES / edge.day_of(time.time()) / "testserver" / url.lstrip("/")


def cached_at_the_edge(client, url):
    for _ in range(3):
        client.get(url)
        if (edge_file(url) / "index.html").is_file():
            return
    raise AssertionError(f"{url} never reached the edge folder")


def post(client, body: bytes, signature: str | None = None):
    signature = edge_peers._signature(body) if signature is None else signature
    return client.post(
        "/" + edge_peers.PATH,
        data=body,
        content_type="application/json",
        headers={edge_peers.SIGNATURE_HEADER: signature},
    )


def test_a_correction_on_this_server_is_sent_signed_to_every_peer(client, newsroom, peer, settings):
    second = Peer()
    try:
        settings.DATELINE_EDGE_PEERS = [peer.url, second.url]
        story = newsroom.article()
        services.add_correction(story, kind="correction", text="The town is Gao, not Kidal.")
        for server in (peer, second):
            assert server.received, "the peer was not told"
            path, signature, body = server.received[-1]
            assert path == "/" + edge_peers.PATH
            assert signature == edge_peers._signature(body)
            assert f"article:{story.pk}" in json.loads(body)["tags"]
    finally:
        second.close()


def test_a_peers_purge_deletes_this_servers_files_for_its_tags_and_no_others(
    client, two_sections, peer, settings
):
    newsroom, story, unrelated, other, _ = two_sections
    cached_at_the_edge(client, story.url)
    cached_at_the_edge(client, other.url)
    # What the server that made the change sends (captured from the wire), received here.
    settings.DATELINE_EDGE_PEERS = [peer.url]
    edge_peers.tell([f"article:{story.pk}"])
    _, signature, body = peer.received[-1]
    settings.DATELINE_EDGE_PEERS = []
    assert post(client, body, signature).status_code == 204
    assert not (edge_file(story.url) / "index.html").exists()
    assert (edge_file(other.url) / "index.html").is_file()


@pytest.mark.parametrize(
    "body, signature, status",
    [
        (b'{"tags": ["home"], "at": NOW}', "0" * 64, 403),  # not signed with SECRET_KEY
        (b'{"tags": ["home"], "at": 1000}', None, 403),  # signed, but from long ago
        (b'{"tags": "home", "at": NOW}', None, 400),
        (b'{"tags": [""], "at": NOW}', None, 400),
        (b'{"tags": [1], "at": NOW}', None, 400),
        (b"not json", None, 400),
        (b'{"at": NOW}', None, 400),
        (b'{"tags": ["home"], "at": NOW}', "", 403),
    ],
)
def test_a_purge_not_from_a_server_of_this_install_is_refused_and_deletes_nothing(
    client, newsroom, body, signature, status
):
    cached_at_the_edge(client, "/")
    body = body.replace(b"NOW", str(time.time()).encode())
    assert post(client, body, signature).status_code == status
    assert (edge_file("/") / "index.html").is_file()


def test_the_address_is_post_only_and_absent_without_edge_mode(client, settings):
    assert client.get("/" + edge_peers.PATH).status_code == 405
    settings.DATELINE_EDGE_ROOT = None
    assert post(client, b'{"tags": ["home"], "at": 0}').status_code == 404


def test_an_unreachable_peer_is_logged_and_the_change_still_succeeds(
    client, newsroom, settings, caplog
):
    settings.DATELINE_EDGE_PEERS = ["http://127.0.0.1:9"]  # nothing listens on the discard port
    story = newsroom.article()
    with caplog.at_level(logging.WARNING, logger="dateline.edge"):
        services.add_correction(story, kind="correction", text="The town is Gao, not Kidal.")
    assert "did not reach http://127.0.0.1:9" in caplog.text
    assert "Gao, not Kidal" in client.get(story.url).content.decode()
