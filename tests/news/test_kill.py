"""Kill: a story taken down is gone from every surface at once and answers 410 Gone."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from dateline.core import edge
from dateline.news import services
from dateline.news.models import ArticlePage, KilledStory

SURFACES = [
    "/",
    "/world/",
    "/topics/mali/",
    "/authors/amina-diallo/",
    "/feed/",
    "/feed/atom/",
    "/feeds/section/world/",
    "/feeds/topic/mali/",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/search/?q=Defamatory",
    "/api/v2/articles/",
]


@pytest.fixture
def cached(settings, tmp_path):
    """The page cache and edge folder on, as in production."""
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_EDGE_ROOT = tmp_path / "edge"
    cache.clear()
    yield
    cache.clear()


def edge_files_mentioning(text: str) -> list:
    root = edge.root()
    return [p for p in root.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def test_a_killed_story_leaves_every_surface_and_answers_410_with_a_notice(
    newsroom, client, cached, admin_user, django_capture_on_commit_callbacks
):
    story = newsroom.article(title="Defamatory claims about a minister")
    kept = newsroom.article(title="Harbour reopens")
    url = story.url
    for address in [url, *SURFACES]:  # every surface cached (and written for nginx) first
        for _ in range(2):
            assert client.get(address).status_code == 200, address
    assert client.get(url).status_code == 200
    assert edge_files_mentioning("Defamatory claims")

    with django_capture_on_commit_callbacks(execute=True):
        record = services.kill_article(
            story,
            reason="Court order 2026/114",
            notice="Removed for legal reasons.",
            user=admin_user,
        )

    gone = client.get(url)
    assert gone.status_code == 410
    assert "Removed for legal reasons." in gone.content.decode()
    api = client.get(f"/api/v2/articles/{story.pk}/")
    assert api.status_code == 410
    for address in SURFACES:
        response = client.get(address)
        assert response.status_code == 200, address
        assert "Defamatory claims" not in response.content.decode(), address
    assert kept.title in client.get("/feed/").content.decode()
    assert edge_files_mentioning("Defamatory claims") == []
    assert record.killed_by == admin_user
    assert (record.page_id, record.url_path, record.reason) == (
        story.pk,
        url,
        "Court order 2026/114",
    )
    assert not ArticlePage.objects.get(pk=story.pk).live


def test_a_kill_needs_a_reason_and_changes_nothing_without_one(newsroom):
    story = newsroom.article(title="Still here")
    with pytest.raises(ValueError, match="reason"):
        services.kill_article(story, reason="  ")
    assert ArticlePage.objects.get(pk=story.pk).live
    assert not KilledStory.objects.exists()


def test_a_scheduled_story_killed_before_its_time_is_no_longer_scheduled(newsroom):
    from datetime import timedelta

    from django.utils import timezone

    draft = newsroom.article(title="Embargoed leak", publish=False)
    services.schedule_article(draft, timezone.now() + timedelta(hours=1))
    assert draft.revisions.filter(approved_go_live_at__isnull=False).exists()
    services.kill_article(draft, reason="Withdrawn by the agency", kind=KilledStory.AGENCY)
    assert not draft.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_an_unknown_address_is_still_404(newsroom, client):
    newsroom.article(title="Nothing killed")
    assert client.get("/world/no-such-story/").status_code == 404
    assert client.get("/api/v2/articles/999999/").status_code == 404
