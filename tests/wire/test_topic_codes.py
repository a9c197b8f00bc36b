"""IPTC subject codes are kept on topics: the same code maps to the same topic from every
agency, whatever the name; copy without codes still maps by name."""

from __future__ import annotations

import json

import pytest

from dateline.news.models import TopicPage
from dateline.wire import services
from dateline.wire.formats import iptc, read
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import TopicCode, WireItem
from tests.corpora import corpus_path


def take(newsroom, uri, subjects, source="Sahel Press"):
    """ninjs 1.x when the subjects are spelt the 1.x way (code, scheme), else 2.x (uri, literal)."""
    if any("code" in s or "scheme" in s for s in subjects):
        doc = {"uri": uri, "headline": f"Story {uri}", "body_text": "Words.", "subject": subjects}
    else:
        doc = {"uri": uri, "headlines": [{"value": f"Story {uri}"}], "subjects": subjects}
    report = Report()
    ingest_bytes(json.dumps(doc).encode(), "x.json", report, source)
    assert not report.refused, report.refused
    return services.take(WireItem.objects.get(agency_id=uri), newsroom.section)


def topic_titles(article):
    return sorted(t.title for t in article.get_latest_revision_as_object().topics.all())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("medtop:04000000", "medtop:04000000"),
        ("MEDTOP:04000000", "medtop:04000000"),
        ("http://cv.iptc.org/newscodes/mediatopic/04000000", "medtop:04000000"),
        ("https://cv.iptc.org/newscodes/subjectcode/15007000/", "subj:15007000"),
        ("13010000", "subj:13010000"),
        ("http://cv.ap.org/id/86aad5207dac100488ecba7fa5283c3e", ""),
        ("Innenriks", ""),
        (None, ""),
    ],
)
def test_every_spelling_of_a_code_comes_to_one_qcode(value, expected):
    assert iptc.code(value) == expected


def test_an_rss_category_in_an_iptc_scheme_reads_its_term_in_that_vocabulary():
    scheme = "http://cv.iptc.org/newscodes/mediatopic/"
    assert iptc.code_in_scheme(scheme, "04000000") == "medtop:04000000"
    assert iptc.code_in_scheme("", "subj:15000000") == "subj:15000000"
    assert iptc.code_in_scheme("https://example.com/tags/", "04000000") == ""


def test_the_same_code_from_two_agencies_goes_to_one_topic(newsroom):
    economy = "http://cv.iptc.org/newscodes/mediatopic/04000000"
    first = take(newsroom, "urn:a:1", [{"name": "Economy", "uri": economy}], "Agency A")
    second = take(
        newsroom,
        "urn:b:1",
        [
            {
                "name": "Wirtschaft",
                "scheme": "http://cv.iptc.org/newscodes/mediatopic/",
                "code": "04000000",
            }
        ],
        "Agency B",
    )
    assert topic_titles(first) == topic_titles(second) == ["Economy"]
    assert not TopicPage.objects.filter(title="Wirtschaft").exists()
    mapping = TopicCode.objects.get()
    assert (mapping.code, mapping.topic.title, mapping.first_name) == (
        "medtop:04000000",
        "Economy",
        "Economy",
    )


def test_a_code_is_kept_on_an_existing_topic_of_that_name_and_copies_without_codes_map_by_name(
    newsroom,
):
    # The newsroom's own "Mali" topic takes the code the first time an agency sends it.
    take(newsroom, "urn:a:1", [{"name": "mali", "literal": "http://cv.iptc.org/newscodes/"}])
    assert not TopicCode.objects.exists()  # not a code: nothing kept, the name still maps
    take(
        newsroom,
        "urn:a:2",
        [{"name": "Mali", "uri": "https://cv.iptc.org/newscodes/mediatopic/20000001"}],
    )
    assert TopicCode.objects.get(code="medtop:20000001").topic.pk == newsroom.topic.pk
    later = take(newsroom, "urn:c:1", [{"name": "République du Mali", "code": "medtop:20000001"}])
    assert topic_titles(later) == ["Mali"]
    plain = take(newsroom, "urn:c:2", [{"name": "Harbours"}, {"name": "Harbours"}])
    assert topic_titles(plain) == ["Harbours"]  # once, and no code invented
    assert TopicCode.objects.count() == 1


def test_a_mapping_follows_its_topic_when_the_topic_is_deleted(newsroom):
    take(newsroom, "urn:a:1", [{"name": "Floods", "code": "medtop:06000000"}])
    TopicPage.objects.get(title="Floods").delete()
    assert not TopicCode.objects.exists()
    again = take(newsroom, "urn:a:2", [{"name": "Inondations", "code": "medtop:06000000"}])
    assert topic_titles(again) == ["Inondations"]


def test_corpus_codes_are_kept_in_every_format():
    ntb = read(corpus_path("feeds", "ninjs", "examples-3.0", "ntb_text.json").read_bytes())[0]
    assert {(t.name, t.code) for t in ntb.topics} >= {
        ("Teknologi", "subj:13010000"),
        ("Innenriks", ""),
    }
    g2 = corpus_path("feeds", "newsml-g2", "LISTING_2_NewsML-G2_Text_Document.xml")
    assert "medtop:04000000" in {t.code for t in read(g2.read_bytes())[0].topics}


def test_a_1x_items_places_are_topics_too():
    doc = {
        "uri": "urn:x:1",
        "headline": "Floods in Mopti",
        "place": [{"name": "Mopti", "code": "MLI-MO"}, {"name": "Djenné", "rel": "located"}],
        "subject": [{"name": "Floods", "code": "06000000"}],
    }
    [copy] = read(json.dumps(doc).encode())
    assert [(t.name, t.kind, t.code) for t in copy.topics] == [
        ("Floods", "subject", "subj:06000000"),
        ("Mopti", "place", ""),
    ]
