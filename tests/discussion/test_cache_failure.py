"""Rate limits are counted in the comments table: a cache that fails or is emptied changes
nothing, so they never fail open."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dateline.discussion.models import Comment

from .conftest import aged_token


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "counters": {"BACKEND": "tests.discussion.failing_cache.FailingCache"},
    }
    settings.DATELINE_DISCUSSION_CACHE = "counters"


def test_with_the_cache_failing_the_fourth_comment_in_a_minute_is_still_limited(
    article, post, cache_down
):
    start = timezone.now()
    statuses = []
    for n in range(4):
        with time_machine.travel(start + timedelta(seconds=16 * n), tick=False):
            response = post(
                article,
                comment=f"Comment {n}",
                email=f"reader{n}@example.org",
                token=aged_token(article),
            )
            statuses.append(response.status_code)
    assert statuses == [303, 303, 303, 429]
    assert Comment.objects.count() == 3


def test_with_the_cache_failing_flood_control_still_holds(article, post, cache_down):
    assert post(article).status_code == 303
    response = post(article, comment="Again, at once", email="other@example.org")
    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 15


def test_with_the_cache_failing_the_hourly_limit_per_email_holds(article, post, rules, cache_down):
    rules.max_per_hour = 2
    rules.save()
    start = timezone.now()
    statuses = []
    for n in range(3):
        with time_machine.travel(start + timedelta(minutes=5 * n), tick=False):
            statuses.append(
                post(
                    article, ip=f"192.0.2.{n + 1}", comment=f"Hourly {n}", token=aged_token(article)
                ).status_code
            )
    assert statuses == [303, 303, 429]


def test_emptying_the_cache_does_not_reset_the_limits(article, post):
    from django.core.cache import caches

    assert post(article).status_code == 303
    for cache in caches.all():
        cache.clear()
    response = post(article, comment="Straight after a cache flush", email="other@example.org")
    assert response.status_code == 429
