"""Fixtures of the discussion tests: an article, its rules, and a reader who posts."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from dateline.discussion import tokens


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def article(newsroom):
    return newsroom.article(title="Floods reach the capital")


@pytest.fixture
def rules(newsroom):
    """The site's DiscussionSettings; change fields and call .save()."""
    from wagtail.models import Site

    from dateline.discussion.models import DiscussionSettings

    return DiscussionSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def open_rules(rules):
    """No limits, so that a thousand posts from one test client all reach the checks."""
    rules.flood_interval_seconds = 0
    rules.max_per_minute = 0
    rules.max_per_hour = 0
    rules.link_threshold = 0
    rules.comments_per_page = 5000
    rules.save()
    return rules


@pytest.fixture
def moderator(db):
    """A member of the Comment moderators group (who may moderate and nothing else)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("mod", "mod@newsroom.example", "pw")
    user.groups.add(Group.objects.get(name="Comment moderators"))
    return user


@pytest.fixture
def hold_first(rules):
    """The site setting that keeps every first-time commenter waiting, whatever the spam
    filter thinks (off by default since the learned filter decides)."""
    rules.hold_first_time = True
    rules.save()
    return rules


def aged_token(page, seconds=10):
    """A form token issued `seconds` ago, as a reader who took their time would hold."""
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds), tick=False):
        return tokens.form_token(page.pk)


def form_data(page, **fields):
    data = {
        "comment": "A thoughtful remark about the floods.",
        "author": "Ada Reader",
        "email": "ada@example.org",
        "url": "",
        "page": str(page.pk),
        "parent": "",
        "token": aged_token(page),
        "homepage": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def post(client):
    """post(article, ip=..., **fields) -> the response of the comment form's POST."""

    def _post(page, ip="198.51.100.7", client_=None, **fields):
        return (client_ or client).post(
            reverse("discussion:post"), form_data(page, **fields), REMOTE_ADDR=ip
        )

    return _post


@pytest.fixture
def approved_comment(article):
    """An approved comment by ada@example.org (created through the services)."""
    from dateline.discussion import services

    return services.create_comment(
        article, text="First!", name="Ada Reader", email="ada@example.org", source="test"
    )
