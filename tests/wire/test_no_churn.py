"""Re-reading the same feed changes nothing on the desk; a real change is one version update.

Feeds without guids get a stable identity (the link, else the headline and date), and an id
that comes back with content already seen (a feed repeating one guid for two entries, the same
item in two files) is a duplicate, not an update that flips back and forth on every run."""

from __future__ import annotations

import pytest

from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem

pytestmark = pytest.mark.django_db


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>'
        f"<link>https://harbour.example/</link>{''.join(items)}</channel></rss>"
    ).encode()


def item(title, body="Ferries resumed at dawn.", guid="", link="", date=""):
    parts = [f"<title>{title}</title>", f"<description>{body}</description>"]
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return f"<item>{''.join(parts)}</item>"


def run(data: bytes) -> dict:
    report = Report()
    ingest_bytes(data, "feed.xml", report)
    assert not report.refused, report.refused
    return {k: v for k, v in report.counts.items() if v}


DATE = "Sat, 05 Dec 2026 08:00:00 GMT"


def test_a_feed_without_guids_or_links_is_identified_by_headline_and_date():
    feed = rss(item("Harbour reopens", date=DATE), item("Storm warning lifted", date=DATE))
    assert run(feed) == {"new": 2}
    assert run(feed) == {"duplicate": 2}
    # The body re-rendered (a counter, a typo fixed): the same story, one version update.
    changed = rss(
        item("Harbour reopens", body="Ferries resumed at dawn, port says.", date=DATE),
        item("Storm warning lifted", date=DATE),
    )
    assert run(changed) == {"updated": 1, "duplicate": 1}
    assert run(changed) == {"duplicate": 2}
    assert WireItem.objects.count() == 2
    assert WireItem.objects.get(headline="Harbour reopens").versions_received == 2


def test_a_feed_without_guids_is_identified_by_its_links():
    link = "https://harbour.example/2026/12/harbour-reopens"
    assert run(rss(item("Harbour reopens", link=link))) == {"new": 1}
    assert run(rss(item("Harbour reopens", body="Now with quotes.", link=link))) == {"updated": 1}
    assert WireItem.objects.get().agency_id == link


def test_a_guid_repeated_for_two_stories_in_one_feed_keeps_both_and_settles():
    feed = rss(
        item("Harbour reopens", guid="harbour-post", date=DATE),
        item("Storm warning lifted", body="Winds eased overnight.", guid="harbour-post", date=DATE),
    )
    assert run(feed) == {"new": 2}
    for _ in range(2):
        assert run(feed) == {"duplicate": 2}
    assert set(WireItem.objects.values_list("headline", flat=True)) == {
        "Harbour reopens",
        "Storm warning lifted",
    }


def test_the_same_id_with_other_content_in_two_files_updates_once_then_never_flips():
    first = rss(item("Harbour reopens", guid="hp-1"))
    second = rss(item("Harbour reopens", body="Ferries resumed at dawn, port says.", guid="hp-1"))
    assert run(first) == {"new": 1}
    assert run(second) == {"updated": 1}
    for _ in range(2):  # the folder is read again: both files, in the same order
        assert run(first) == {"duplicate": 1}
        assert run(second) == {"duplicate": 1}
    stored = WireItem.objects.get()
    assert "port says" in stored.body_html and stored.versions_received == 2
    # A real change after that is exactly one version update.
    third = rss(item("Harbour reopens: first ferry docks", guid="hp-1"))
    assert run(third) == {"updated": 1}
    assert run(third) == {"duplicate": 1}
    assert WireItem.objects.get().versions_received == 3
