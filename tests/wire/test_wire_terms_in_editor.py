"""A story made from wire copy keeps the agency's terms in view of its editor."""

from __future__ import annotations

import json

from django.urls import reverse

from dateline.wire import services
from dateline.wire.ingest import Report, ingest_bytes
from dateline.wire.models import WireItem


def test_the_story_editor_shows_the_wire_copys_source_and_usage_terms(newsroom, admin_client):
    doc = {
        "uri": "urn:sahel:8",
        "version": "2",
        "headline": "Dam report published",
        "body_text": "The report runs to 400 pages.",
        "copyrightholder": "Sahel Press",
        "copyrightnotice": "(c) 2026 Sahel Press",
        "usageterms": "Not for use before broadcast on 6 December.",
    }
    ingest_bytes(json.dumps(doc).encode(), "x.json", Report())
    article = services.take(WireItem.objects.get(), newsroom.section)
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content
    page = page.decode()
    assert "From the wire: Sahel Press item urn:sahel:8, version 2" in page
    assert "Usage terms: Not for use before broadcast on 6 December." in page
