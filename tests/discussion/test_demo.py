"""The demo's discussions: one long threaded discussion with every status, built via services."""

from __future__ import annotations

import random

from django.core.cache import caches
from django.db.models import Max

from dateline.discussion.demo import seed_discussions
from dateline.discussion.models import Comment, ModerationEvent


def test_the_demo_gets_a_long_threaded_discussion_with_every_status(newsroom, client):
    articles = [newsroom.article(title=f"Demo story {n}", days_old=n + 1) for n in range(3)]
    total = seed_discussions(articles, random.Random(7))

    big = Comment.objects.filter(page=articles[0])
    assert total == Comment.objects.count()
    assert big.count() >= 200
    statuses = set(big.values_list("status", flat=True))
    assert {"approved", "pending", "spam"} <= statuses
    assert big.aggregate(Max("depth"))["depth__max"] == 5
    assert big.filter(depth=1, status="approved").count() > 50  # more than one page
    # Every comment came through the services: posted by the checks, decided by a moderator.
    posted = ModerationEvent.objects.filter(action="posted").count()
    assert posted == Comment.objects.count()
    assert ModerationEvent.objects.filter(actor_label="Demo moderator").exists()
    # The learned spam filter scored every posted comment; the spam never reached readers.
    assert all(c.spam_score is not None for c in big)
    assert any("Spam filter score" in r["reason"] for c in big for r in c.reasons)
    assert not big.filter(status="approved", text__contains="casino").exists()

    page = client.get(articles[0].url)
    assert page.status_code == 200
    assert "?cpage=2#comments" in page.content.decode()


def test_the_same_seed_builds_the_same_discussions(newsroom):
    first = [newsroom.article(title="One")]
    seed_discussions(first, random.Random(3), big_thread=30)
    texts = list(Comment.objects.order_by("pk").values_list("text", flat=True))
    Comment.objects.all().delete()
    caches["default"].clear()  # the first run's rate-limit counters
    seed_discussions(first, random.Random(3), big_thread=30)
    assert list(Comment.objects.order_by("pk").values_list("text", flat=True)) == texts
