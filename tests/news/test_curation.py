"""Editors choose the front page's and sections' lead and pinned stories; the rest is newest-first.

Found: the newest story was always the lead, so a minor story replaced the splash the moment it
went live.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.news import services

pytestmark = pytest.mark.django_db


def _front(client, url="/"):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    lead = soup.select_one(".lead-story .card__headline")
    pinned = [h.get_text(strip=True) for h in soup.select(".pinned-stories .card__headline")]
    everywhere = [h.get_text(strip=True) for h in soup.select(".card__headline")]
    return (lead.get_text(strip=True) if lead else None), pinned, everywhere


@pytest.fixture
def stories(newsroom):
    splash = newsroom.article(days_old=2, title="The splash: parliament dissolved")
    analysis = newsroom.article(days_old=3, title="Analysis: what the vote means")
    minor = newsroom.article(days_old=0, title="Minor: a road reopens")
    return splash, analysis, minor


def test_without_pins_the_newest_story_leads(client, stories):
    assert _front(client)[0] == "Minor: a road reopens"


def test_pinned_lead_and_slots_head_the_front_page_once(client, newsroom, stories):
    splash, analysis, minor = stories
    services.curate(newsroom.home, lead=splash, pinned=[analysis])
    lead, pinned, everywhere = _front(client)
    assert lead == splash.title
    assert pinned == [analysis.title]
    assert everywhere.count(splash.title) == 1 and everywhere.count(analysis.title) == 1
    assert minor.title in everywhere  # the newest still shows, below


def test_an_expired_pin_falls_back_to_newest_first(client, newsroom, stories):
    splash, _, minor = stories
    services.curate(newsroom.home, lead=splash, expires_at=timezone.now() + timedelta(hours=2))
    assert _front(client)[0] == splash.title
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert _front(client)[0] == minor.title


def test_a_pinned_story_that_is_unpublished_leaves_its_slot_to_the_newest(
    client, newsroom, stories
):
    splash, _, minor = stories
    services.curate(newsroom.home, lead=splash)
    splash.unpublish()
    assert _front(client)[0] == minor.title


def test_a_section_leads_with_its_own_pick_and_ignores_another_sections_story(
    client, newsroom, stories
):
    splash, analysis, minor = stories
    other = services.create_section("Sport")
    elsewhere = newsroom.article(days_old=5, title="Cup final tonight", section=other)
    services.curate(newsroom.section, lead=analysis, pinned=[elsewhere])
    soup = BeautifulSoup(client.get(newsroom.section.url).content, "html.parser")
    curated = [h.get_text(strip=True) for h in soup.select(".lead-story .card__headline")]
    assert curated == [analysis.title]
    listed = [h.get_text(strip=True) for h in soup.select(".card-list .card__headline")]
    assert listed == [minor.title, splash.title]  # newest-first, the lead not repeated
    assert elsewhere.title not in soup.get_text()


def test_the_draft_curation_shows_in_the_front_page_preview(client, admin_user, newsroom, stories):
    from django.urls import reverse

    splash, _, _ = stories
    services.curate(newsroom.home, lead=splash, publish=False)
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:view_draft", args=[newsroom.home.pk]))
    soup = BeautifulSoup(html.content, "html.parser")
    assert soup.select_one(".lead-story .card__headline").get_text(strip=True) == splash.title
    client.logout()
    assert _front(client)[0] != splash.title  # not live until published


def test_publishing_a_new_curation_purges_exactly_the_page_it_changes(
    newsroom, stories, monkeypatch, django_capture_on_commit_callbacks
):
    from dateline.core import pagecache

    splash, analysis, _ = stories
    for page in (newsroom.home, newsroom.section):  # a first publish has nothing to compare
        services.curate(page)
    purged = []
    monkeypatch.setattr(pagecache, "purge", lambda *tags, hard=False: purged.append(set(tags)))
    with django_capture_on_commit_callbacks(execute=True):
        services.curate(newsroom.home, lead=splash)
    assert purged == [{"home"}]
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.curate(newsroom.section, lead=analysis)
    assert purged == [{f"section:{newsroom.section.pk}"}]
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        latest = newsroom.section.get_latest_revision_as_object()
        latest.title = "World news"  # in every page's menu: the whole site
        latest.save_revision().publish()
    assert {"site"} in purged


def test_a_cached_front_page_is_not_kept_past_the_next_pin_expiry(
    client, newsroom, stories, settings
):
    settings.DATELINE_PAGE_CACHE = True
    splash, _, minor = stories
    expiry = timezone.now() + timedelta(minutes=10)
    services.curate(newsroom.home, lead=splash, expires_at=expiry)
    client.get("/")  # the first page after a cache start is not stored
    response = client.get("/")
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= 600
    with time_machine.travel(expiry + timedelta(seconds=1)):
        assert _front(client)[0] == minor.title


def test_front_page_queries_stay_bounded_with_pins(
    client, newsroom, stories, django_assert_max_num_queries
):
    splash, analysis, _ = stories
    services.curate(newsroom.home, lead=splash, pinned=[analysis])
    client.get("/")
    with django_assert_max_num_queries(25):
        client.get("/")
