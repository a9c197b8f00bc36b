"""Polling a source's feed: conditional GET, back-off, and the importers' address guard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.importers.wordpress.fetch import Fetched, FetchRefused
from dateline.wire import poll
from dateline.wire.models import Source, WireItem

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Press</title>
<item><guid>urn:sahel:9</guid><title>Harbour reopens</title>
<description>Ships return to the port.</description></item></channel></rss>"""


class Agency:
    """A feed server in a test: answers with a body, a 304, or a refusal; records requests."""

    def __init__(self, *answers):
        self.answers, self.asked = list(answers), []

    def __call__(self, url, *, max_bytes, headers):
        self.asked.append(dict(headers))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def source(db):
    return Source.objects.create(name="Sahel Press", feed_url="https://sahel.example/feed")


def test_a_changed_feed_is_ingested_and_an_unchanged_one_costs_a_304(source):
    agency = Agency(
        Fetched(200, RSS, {"ETag": '"v1"', "Last-Modified": "Sat, 05 Dec 2026 10:00:00 GMT"}),
        Fetched(304, b"", {}),
    )
    now = timezone.now()
    assert "1 new" in poll.poll_due(now=now, fetcher=agency)["Sahel Press"]
    assert WireItem.objects.get().headline == "Harbour reopens"
    assert poll.poll_due(now=now, fetcher=agency) == {}  # not due again for poll_minutes
    later = now + timedelta(minutes=6)
    assert poll.poll_due(now=later, fetcher=agency) == {"Sahel Press": "not modified"}
    assert agency.asked[1] == {
        "If-None-Match": '"v1"',
        "If-Modified-Since": "Sat, 05 Dec 2026 10:00:00 GMT",
    }
    assert WireItem.objects.count() == 1


def test_failures_back_off_exponentially_and_a_success_resets(source):
    agency = Agency(*[FetchRefused("answered HTTP 503")] * 3, Fetched(200, RSS, {}))
    now = timezone.now()
    waits = []
    for _ in range(3):
        poll.poll(source, now=now, fetcher=agency)
        waits.append(source.next_poll_at - now)
    assert waits == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
    assert source.failures == 3 and "503" in source.last_error
    poll.poll(source, now=now, fetcher=agency)
    assert (source.failures, source.last_error) == (0, "")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/feed", "http://169.254.169.254/latest", "http://[::1]/"]
)
def test_a_feed_address_inside_the_network_is_refused_by_the_media_guard(db, url):
    source = Source.objects.create(name="Inside", feed_url=url)
    outcome = poll.poll(source)  # the real guarded fetch: refused before any connection
    assert outcome.startswith("failed:") and "non-public address" in outcome
    assert not WireItem.objects.exists()


def test_a_feed_that_cannot_be_read_is_a_failure_with_the_reason(source):
    poll.poll(source, fetcher=Agency(Fetched(200, b"<rss><channel>", {})))
    assert source.failures == 1 and "well-formed" in source.last_error
