"""The desk's lifecycle: take with attribution, versions, agency corrections and withdrawals,
near-duplicates, spike and merge."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.news import services as news
from dateline.news.models import ArticlePage, KilledStory
from dateline.wire import services
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem

BODY = (
    "Flood waters rose across the inner delta of the Niger on Tuesday, forcing thousands of "
    "families in Mopti to leave their homes as the river reached its highest level in a decade. "
    "The civil protection agency said 4,200 people had been moved to schools and mosques."
)

LINK = "https://sahelpress.example/floods-mopti"


def ninjs(version=1, uri=LINK, body=BODY, **extra) -> bytes:
    """A valid ninjs 1.x item (the schema has no link property: an http(s) uri is the link)."""
    doc = {
        "uri": uri,
        "version": str(version),
        "type": "text",
        "headline": "Floods force thousands from homes in Mopti",
        "description_text": "The Niger reached its highest level in a decade.",
        "body_text": body,
        "located": "Mopti",
        "urgency": 3,
        "copyrightholder": "Sahel Press",
        "subject": [{"name": "Floods", "code": "medtop:06000000"}],
        **extra,
    }
    return json.dumps(doc).encode()


def feed(data: bytes, source="") -> Report:
    report = Report()
    ingest_bytes(data, "test.json", report, source)
    assert not report.refused, report.refused
    return report


@pytest.fixture
def taken(newsroom):
    feed(ninjs())
    item = WireItem.objects.get()
    article = services.take(item, newsroom.section)
    return item, article


def test_a_taken_item_becomes_an_unpublished_draft_attributed_to_its_source(taken, client):
    item, article = taken
    item.refresh_from_db()
    assert item.status == WireItem.TAKEN and item.article_id == article.pk
    assert not article.live
    assert article.title == "Floods force thousands from homes in Mopti"
    assert (article.source_name, article.canonical_url) == (
        "Sahel Press",
        "https://sahelpress.example/floods-mopti",
    )
    assert [b.author.title for b in article.bylines.all()] == ["Sahel Press"]
    assert article.dateline_place == "Mopti"
    assert [t.title for t in article.topics.all()] == ["Floods"]

    published = news.revise_article(article, publish=True)
    page = client.get(published.url).content.decode()
    assert "Sahel Press" in page and 'href="https://sahelpress.example/floods-mopti"' in page
    assert '"sourceOrganization"' in page


def test_a_new_version_updates_the_draft_and_an_older_one_changes_nothing(taken):
    item, article = taken
    assert feed(ninjs(version=2, body=BODY + " Rain is forecast.")).counts["updated"] == 1
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert "Rain is forecast." in str(draft.body)
    assert feed(ninjs(version=1)).counts["duplicate"] == 1
    item.refresh_from_db()
    assert (item.version, item.versions_received) == (2, 2)


def test_a_new_version_of_a_published_story_is_flagged_with_a_diff_not_published(taken):
    item, article = taken
    news.revise_article(article, publish=True)
    feed(ninjs(version=2, body=BODY.replace("4,200", "5,100")))
    item.refresh_from_db()
    assert item.needs_review
    assert "-" in item.review_diff and "5,100" in item.review_diff
    assert "4,200" in str(ArticlePage.objects.get(pk=article.pk).body)


def test_an_agency_correction_becomes_an_entry_in_the_corrections_log(taken, client):
    item, article = taken
    news.revise_article(article, publish=True)
    feed(ninjs(version=2, ednote="Corrects number of people moved to 4,200 from 2,400."))
    article = ArticlePage.objects.get(pk=article.pk)
    (entry,) = article.corrections.all()
    assert entry.kind == "correction" and "4,200 from 2,400" in entry.text
    assert "4,200 from 2,400" in client.get(article.url).content.decode()


def test_an_agency_withdrawal_kills_the_published_story(taken, client):
    item, article = taken
    news.revise_article(article, publish=True)
    url = ArticlePage.objects.get(pk=article.pk).url
    feed(ninjs(version=3, pubstatus="canceled"))
    item.refresh_from_db()
    assert item.status == WireItem.KILLED
    record = KilledStory.objects.get()
    assert record.kind == KilledStory.AGENCY and "Sahel Press" in record.notice
    assert client.get(url).status_code == 410


def test_the_same_story_from_a_second_agency_is_grouped_not_a_second_draft(newsroom):
    feed(ninjs())
    rewrite = BODY.replace("on Tuesday", "on Tuesday night").replace("a decade", "ten years")
    report = feed(ninjs(uri="urn:other:77", body=rewrite), source="Other Wire")
    assert report.counts["near-duplicate"] == 1
    first, second = WireItem.objects.order_by("pk")
    assert second.duplicate_of_id == first.pk
    unrelated = "The central bank left its main rate unchanged on Thursday " * 3
    assert feed(ninjs(uri="urn:other:78", body=unrelated), "Other Wire").counts["new"] == 1


def test_spike_and_merge(newsroom):
    feed(ninjs())
    feed(ninjs(uri="urn:sahel:2", body="A second, different dispatch about the roads " * 3))
    first, second = WireItem.objects.order_by("pk")
    services.spike(first)
    with pytest.raises(services.DeskError):
        services.take(first, newsroom.section)
    story = newsroom.article(title="Roads cut", body=[("paragraph", "<p>Our own copy.</p>")])
    merged = services.merge(second, story)
    assert "Our own copy." in str(merged.body) and "second, different dispatch" in str(merged.body)
    assert merged.corrections.get().kind == "update"


def test_an_embargoed_item_is_known_to_block_publication_until_its_time(newsroom):
    until = timezone.now() + timedelta(hours=2)
    feed(ninjs(embargoed=until.isoformat()))
    article = services.take(WireItem.objects.get(), newsroom.section)
    assert services.embargo_for(article).embargo_until == until.replace(
        microsecond=until.microsecond
    )
    WireItem.objects.update(embargo_until=timezone.now() - timedelta(seconds=1))
    assert services.embargo_for(article) is None


def test_body_text_outside_any_paragraph_becomes_escaped_paragraphs():
    # An RSS description is often bare text; taking such an item once crashed (lxml has no
    # html.escape).
    assert services.body_blocks("Boats left Mopti & Djenné. <p>Second.</p> Tail") == [
        ("paragraph", "<p>Boats left Mopti &amp; Djenné.</p>"),
        ("paragraph", "<p>Second.</p>"),
        ("paragraph", "<p>Tail</p>"),
    ]
