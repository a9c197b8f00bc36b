"""invalidate() purges after commit, and only then; deferred() makes a block's purges one."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from dateline.core import cache_tags, invalidation, pagecache
from dateline.news import bulk, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(monkeypatch):
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(pagecache, "purge", lambda *tags, hard=False: calls.append(tags))
    return calls


def test_invalidate_purges_when_the_transaction_commits_not_before(
    purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invalidation.invalidate(cache_tags.article(7), cache_tags.HOME)
        assert purged == []
    assert purged == [("article:7", "home")]


def test_invalidate_in_work_that_rolls_back_purges_nothing(
    purged, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invalidation.invalidate(cache_tags.article(7))
        raise RuntimeError("the write failed")
    assert purged == []


def test_also_now_purges_before_the_commit_and_again_after_it(
    purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invalidation.invalidate(cache_tags.SITE, also_now=True)
        assert purged == [("site",)]
    assert purged == [("site",), ("site",)]


def test_a_failing_cache_or_cdn_is_logged_and_fails_nothing(
    monkeypatch, settings, caplog, django_capture_on_commit_callbacks
):
    from wagtail.contrib.frontend_cache import utils

    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "x", "LOCATION": "http://127.0.0.1:9"}}
    tried = []

    def down(*args, **kwargs):
        tried.append(args)
        raise ConnectionError("down")

    monkeypatch.setattr(pagecache, "purge", down)
    monkeypatch.setattr(utils, "purge_urls_from_cache", down)
    with django_capture_on_commit_callbacks(execute=True):
        invalidation.invalidate(cache_tags.HOME, urls=["http://example.org/"])
    assert len(tried) == 2  # the CDN was still asked after the cache failed
    assert "page cache purge failed for 1 tags" in caplog.text
    assert "CDN purge failed for 1 URLs" in caplog.text


def test_deferred_collects_every_purge_into_one_at_the_end(
    purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), invalidation.deferred():
        invalidation.invalidate(cache_tags.article(1), cache_tags.HOME)
        invalidation.invalidate(cache_tags.article(2), cache_tags.HOME)
        with invalidation.deferred():  # an inner block joins the outer one
            invalidation.invalidate(cache_tags.section(3))
    assert purged == [("article:1", "article:2", "home", "section:3")]


def test_deferred_purges_nothing_for_work_rolled_back(purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), invalidation.deferred():
        invalidation.invalidate(cache_tags.article(1))
        with pytest.raises(RuntimeError), transaction.atomic():
            invalidation.invalidate(cache_tags.article(2))
            raise RuntimeError("this item failed")
    assert purged == [("article:1",)]


def test_deferred_purges_after_the_transaction_around_it_commits(
    purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            with invalidation.deferred():
                invalidation.invalidate(cache_tags.HOME)
            assert purged == []
        assert purged == []  # still inside the test's own transaction
    assert purged == [("home",)]


def test_deferred_purges_the_whole_site_once_when_the_site_or_too_many_tags_changed(
    purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), invalidation.deferred():
        invalidation.invalidate(cache_tags.HOME)
        invalidation.invalidate(cache_tags.SITE, also_now=True)
    with django_capture_on_commit_callbacks(execute=True), invalidation.deferred():
        for pk in range(invalidation.MAX_TAGS + 1):
            invalidation.invalidate(cache_tags.article(pk))
    assert purged == [("site",), ("site",)]


def test_deferred_holds_only_this_threads_purges(purged):
    """A web request served while an import runs purges as usual (no process-wide switch)."""
    elsewhere = threading.Thread(target=invalidation.invalidate, args=(cache_tags.HOME,))
    with invalidation.deferred():
        elsewhere.start()  # outside any transaction in its thread: purged at once
        elsewhere.join()
        assert purged == [("home",)]


def test_publishing_and_restricting_inside_deferred_purge_the_page_cache_once(
    newsroom, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), invalidation.deferred():
        newsroom.article(title="One")
        services.restrict_page(newsroom.article(title="Two"), password="secret")
    assert PageViewRestriction.objects.exists()
    assert purged == [("site",)]
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.article(title="Three")
    assert len(purged) == 2 and "home" in purged[1]  # page-by-page purges are back


def test_bulk_articles_invalidate_the_pages_they_join(
    newsroom, purged, django_capture_on_commit_callbacks
):
    from datetime import UTC, datetime

    with django_capture_on_commit_callbacks(execute=True):
        bulk.create_articles(
            [
                bulk.NewArticle(
                    section=newsroom.section,
                    title="Harbour story",
                    standfirst="What happened at the harbour.",
                    bylines=[(newsroom.author, "reporting")],
                    topics=[newsroom.topic],
                    published_at=datetime(2015, 6, 1, tzinfo=UTC),
                )
            ]
        )
    (tags,) = purged
    assert set(tags) == {
        *cache_tags.LISTINGS,
        cache_tags.section(newsroom.section.pk),
        cache_tags.topic(newsroom.topic.pk),
        cache_tags.author(newsroom.author.pk),
    }
