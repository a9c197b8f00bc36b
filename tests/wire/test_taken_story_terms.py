"""A story taken from the wire keeps the agency's language, urgency, copyright and usage terms;
merging copy into a story leaves the story's own terms alone."""

from __future__ import annotations

import json

from dateline.wire import services
from dateline.wire.formats import read
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem

NAR = "http://iptc.org/std/nar/2006-10-01/"


def ingest(**extra) -> WireItem:
    doc = {
        "uri": f"urn:sahel:{extra.pop('n', 1)}",
        "version": "1",
        "headline": "Crue à Mopti",
        "body_text": "Le fleuve a atteint son plus haut niveau depuis dix ans.",
        "language": "fr",
        "urgency": 2,
        "copyrightholder": "Sahel Press",
        "copyrightnotice": "(c) 2026 Sahel Press",
        "usageterms": "Not for use before broadcast on 6 December.",
        **extra,
    }
    report = Report()
    ingest_bytes(json.dumps(doc).encode(), "x.json", report)
    assert not report.refused, report.refused
    return WireItem.objects.order_by("-pk").first()


def test_a_taken_story_keeps_the_agencys_terms(newsroom):
    article = services.take(ingest(), newsroom.section)

    article.refresh_from_db()
    assert article.language == "fr"
    assert article.urgency == 2
    assert article.copyright_notice == "(c) 2026 Sahel Press"
    assert article.usage_terms == "Not for use before broadcast on 6 December."


def test_an_urgency_outside_iptcs_one_to_nine_is_not_kept(newsroom):
    article = services.take(ingest(urgency=40), newsroom.section)

    article.refresh_from_db()
    assert article.urgency is None and article.language == "fr"


def test_a_language_that_is_not_a_bcp47_tag_is_not_kept(newsroom):
    article = services.take(ingest(language='fr"><b>x'), newsroom.section)

    article.refresh_from_db()
    assert article.language == "" and article.urgency == 2


def test_merging_copy_leaves_the_storys_own_terms(newsroom):
    story = newsroom.article(title="Floods", language="", copyright_notice="(c) Our paper")
    item = ingest(n=2, language="de", copyrightnotice="(c) Another agency")

    merged = services.merge(item, story)

    merged.refresh_from_db()
    assert merged.language == "" and merged.urgency is None
    assert merged.copyright_notice == "(c) Our paper" and merged.usage_terms == ""


def newsml(urgency="", priority="") -> bytes:
    meta = f"<headline>Ferries cross again</headline>{urgency and f'<urgency>{urgency}</urgency>'}"
    header = f"<header>{priority and f'<priority>{priority}</priority>'}</header>"
    return (
        f'<newsMessage xmlns="{NAR}">{header}<itemSet>'
        '<newsItem guid="urn:sahel:text:1" version="1"><itemMeta>'
        '<itemClass qcode="ninat:text"/><pubStatus qcode="stat:usable"/></itemMeta>'
        f"<contentMeta>{meta}</contentMeta></newsItem></itemSet></newsMessage>"
    ).encode()


def test_a_news_messages_priority_stands_in_for_a_missing_urgency():
    assert read(newsml(priority="3"))[0].urgency == 3
    assert read(newsml(urgency="5", priority="3"))[0].urgency == 5
    assert read(newsml())[0].urgency is None
    assert read(newsml(priority="99"))[0].urgency is None
