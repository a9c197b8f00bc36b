"""A correction is dated when it was made: never in the future, in the admin or anywhere else.

Found: "Updated 14:00 UTC" shown 40 minutes before 14:00, in the page, the feed and the metadata.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from dateline.news import services
from dateline.news.models import ArticlePage

from .admin_forms import edit_form_data

pytestmark = pytest.mark.django_db


def _publish_with_correction(client, article, noted_at):
    data = edit_form_data(client, article)
    data["corrections-TOTAL_FORMS"] = "1"
    data.update(
        {
            "corrections-0-kind": "correction",
            "corrections-0-noted_at": timezone.localtime(noted_at).strftime("%Y-%m-%d %H:%M"),
            "corrections-0-text": "An earlier version misnamed the minister.",
            "corrections-0-ORDER": "1",
            "corrections-0-id": "",
            "action-publish": "action-publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)


def test_admin_refuses_a_correction_dated_in_the_future(client, admin_user, newsroom):
    article = newsroom.article(days_old=1)
    client.force_login(admin_user)
    response = _publish_with_correction(client, article, timezone.now() + timedelta(minutes=40))
    assert response.status_code in (200, 400)
    assert "cannot be dated in the future" in response.content.decode()
    article.refresh_from_db()
    assert article.corrections.count() == 0
    assert article.updated_at is None


def test_admin_accepts_a_correction_made_now(client, admin_user, newsroom):
    article = newsroom.article(days_old=1)
    client.force_login(admin_user)
    response = _publish_with_correction(client, article, timezone.now())
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.corrections.count() == 1
    assert article.updated_at is not None


def test_service_refuses_a_future_correction_and_changes_nothing(newsroom):
    article = newsroom.article(days_old=1)
    with pytest.raises(ValueError, match="cannot be dated in the future"):
        services.add_correction(
            article,
            kind="update",
            text="Adds the final toll.",
            noted_at=timezone.now() + timedelta(hours=1),
        )
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.corrections.count() == 0
    assert article.revisions.count() == 1


def test_a_future_time_already_in_the_log_is_shown_nowhere_before_its_time(client, newsroom):
    """Corrections logged before the rule (an import, an old database) keep their row, but no
    reader sees 'Updated' until that time has come: page, feed, JSON-LD."""
    later = timezone.now() + timedelta(minutes=40)
    article = newsroom.article(
        days_old=1, title="Minister resigns", corrections=[("update", later, "Adds a quote.")]
    )
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert "Updated" not in soup.select_one(".story__dates").get_text()
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        for node in data if isinstance(data, list) else [data]:
            if node.get("dateModified"):
                assert node["dateModified"] == node["datePublished"]
    item = client.get("/feed/").content.decode().split("Minister resigns")[1][:600]
    assert timezone.localtime(later).strftime("%H:%M") not in item


def test_cards_say_updated_when_a_story_has_a_logged_update(client, newsroom):
    plain = newsroom.article(days_old=1, title="A story nobody corrected")
    corrected = newsroom.article(days_old=1, title="A story with a correction")
    services.add_correction(corrected, kind="correction", text="Fixes a name.")
    for url in ("/", newsroom.section.url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        cards = {
            c.select_one(".card__headline").get_text(strip=True): c for c in soup.select(".card")
        }
        assert cards[corrected.title].select_one(".card__updated time.updated")["datetime"]
        assert cards[plain.title].select_one(".card__updated") is None
