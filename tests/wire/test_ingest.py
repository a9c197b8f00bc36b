"""`dateline ingest`: every shared feed corpus file ingested or refused with a reason, sanitised,
mapped to the article's fields, and idempotent."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from dateline.news.models import ArticlePage
from dateline.wire.formats import Refused, read
from dateline.wire.ingest import Report, files_in, ingest_bytes, ingest_paths
from dateline.wire.models import WireItem
from tests.corpora import corpus_path

# What must never survive into stored copy: live markup, script URLs, event handlers, CSS.
DANGEROUS = re.compile(
    r"<\s*/?\s*(script|style|iframe|object|embed|applet|meta|link|form|input|svg|math|img|base)\b"
    r"|javascript:|vbscript:|\son\w+\s*=|expression\s*\(|url\s*\(",
    re.IGNORECASE,
)
TEXT_FIELDS = ["headline", "standfirst", "body_html", "byline", "dateline_place", "copyright"]
TEXT_FIELDS += ["usage_terms", "correction_note", "byline_role", "language"]


def ingest(*paths, source=""):
    out = StringIO()
    call_command("ingest", *map(str, paths), source=source, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_every_feed_corpus_file_is_ingested_or_refused_with_a_reason_and_twice_adds_nothing():
    feeds = corpus_path("feeds")
    files = list(files_in([feeds]))
    report = ingest_paths([feeds])
    assert report.files == len(files) >= 900
    assert all(reason.strip() for _, reason in report.refused)
    stored = WireItem.objects.count()
    # Many feedparser cases reuse one entry id, so they arrive as versions of one item, and
    # content already received under an id is a duplicate (about 100 distinct items remain).
    assert sum(report.counts.values()) > 200 and stored >= 90
    assert {"rss", "atom", "ninjs", "newsml-g2"} <= set(
        WireItem.objects.values_list("format", flat=True)
    )
    assert not ArticlePage.objects.exists()  # a queue of drafts, never the public site

    again = ingest_paths([feeds])
    # Nothing new and nothing updated: cases that share an entry id across files (or repeat
    # one in a file) with other content settle in the first run instead of flipping each run.
    assert again.counts["new"] == again.counts["near-duplicate"] == again.counts["updated"] == 0
    assert WireItem.objects.count() == stored
    assert len(again.refused) == len(report.refused)


def test_no_payload_of_the_feedparser_sanitize_cases_survives_in_any_field():
    folder = corpus_path("feeds", "feedparser", "wellformed", "sanitize")
    checked = 0
    for path in sorted(folder.glob("*.xml")):
        try:
            copies = read(path.read_bytes())
        except Refused:
            continue  # a feed-level case: no story, nothing stored
        for copy in copies:
            fields = [getattr(copy, n) for n in TEXT_FIELDS] + [
                copy.agency_id,
                copy.link,
                copy.source_name,
            ]
            fields += [v for t in copy.topics for v in (t.name, t.code)]
            fields += [v for i in copy.images for v in (i.href, i.caption, i.credit)]
            for value in fields:
                assert not DANGEROUS.search(value), (path.name, value)
            checked += 1
    assert checked >= 90  # the entry-level cases (the rest describe only the feed: refused)


@pytest.mark.django_db
def test_ninjs_items_of_every_generation_map_to_the_articles_fields():
    ingest(corpus_path("feeds", "ninjs", "examples-3.0", "dpa_text.json"))
    ingest(corpus_path("feeds", "ninjs", "examples-2.1", "ntb_text.json"))
    dpa = WireItem.objects.get(agency_id="urn:newsml:dpa.com:20090101:190510-99-167362")
    assert dpa.headline == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"
    assert (dpa.version, dpa.urgency, dpa.language, dpa.source.name) == (2, 4, "de", "dpa")
    assert dpa.byline == "Von Christian Hollmann, dpa"
    assert dpa.body_html.startswith("<p>Für Lucien Favre") and dpa.body_html.count("<p>") == 9
    assert "Alle Rechte vorbehalten" in dpa.copyright
    ntb = WireItem.objects.get(source__name="NTB")
    assert ntb.standfirst.startswith("IT-giganten Google har kjøpt")
    assert {"name": "Telemark", "code": "", "kind": "place"} in ntb.topics
    assert {"name": "Teknologi", "code": "subj:13010000", "kind": "subject"} in ntb.topics


@pytest.mark.django_db
def test_a_newsml_g2_text_item_maps_byline_dateline_source_and_media_topics():
    ingest(corpus_path("feeds", "newsml-g2", "LISTING_2_NewsML-G2_Text_Document.xml"))
    item = WireItem.objects.get()
    assert item.headline == 'Fed to halt QE to avert "bubble"'
    assert (item.version, item.byline, item.dateline_place) == (
        11,
        "Meredith Jameson",
        "New York, NY",
    )
    assert item.source.name == "Associated Press" and item.language == "en-US"
    assert {t["code"] for t in item.topics} == {
        "medtop:04000000",
        "medtop:20000350",
        "medtop:20000379",
    }
    assert item.body_html.count("<p>") == 2 and "Et, sent luptat" in item.body_html
    assert item.copyright == "Copyright 2017-18 Acme News and Media LLC"


@pytest.mark.django_db
def test_a_photo_carries_its_caption_and_credit_without_fetching_it():
    ingest(corpus_path("feeds", "ninjs", "guideline-examples-3.1", "007_multimedia.json"))
    image = WireItem.objects.get().images[0]
    assert image["href"].startswith("http://hosted.ap.org/photos/")
    assert image["credit"] == "Paulo Santalucia" and "Costa Concordia" in image["caption"]


BAD_FILES = {
    "not-well-formed.xml": (b"<rss><channel><item><title>x</title></channel>", "well-formed"),
    "bomb.xml": (
        b'<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><contentMeta>'
        b"<headline>&b;</headline></contentMeta></newsItem>",
        "DOCTYPE",
    ),
    "empty.json": (b"   ", "empty"),
    "broken.json": (b'{"uri": "x", "headlines": [', "not valid JSON"),
    "no-uri.json": (b'{"headline": "x"}', "'uri'"),
    "word.docx": (b"PK\x03\x04\x00\x00binary", "not a feed"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_a_reason_and_stores_nothing(name):
    data, reason = BAD_FILES[name]
    report = Report()
    ingest_bytes(data, name, report)
    assert len(report.refused) == 1 and reason in report.refused[0][1], report.refused
    assert not WireItem.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_refusals_and_a_summary(tmp_path):
    (tmp_path / "bad.xml").write_bytes(b"<rss><channel>")
    (tmp_path / "good.json").write_text('{"uri": "urn:x:1", "headline": "Floods in Mopti"}')
    out = ingest(tmp_path, source="Sahel Press")
    assert "refused" in out and "bad.xml" in out
    assert "2 files: 1 new, 0 updated, 0 duplicate, 0 near-duplicate (grouped), 1 refused" in out
    assert WireItem.objects.get().source.name == "Sahel Press"
    assert "2 files: 0 new, 0 updated, 1 duplicate" in ingest(tmp_path, source="Sahel Press")
