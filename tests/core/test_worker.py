"""The worker publishes scheduled stories and truncates old IPs without any cron job."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dateline.core.worker import periodic_forever, run_due_commands
from dateline.news.models import ArticlePage


@pytest.mark.django_db
def test_scheduled_story_goes_live_on_the_workers_next_tick(newsroom):
    article = newsroom.article(publish=False, title="Embargoed until noon")
    draft = article.get_latest_revision_as_object()
    draft.go_live_at = timezone.now() + timedelta(hours=1)
    draft.save_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).live
    stop = threading.Event()
    stop.set()  # one pass of the loop, then stop
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        periodic_forever(stop, tick=0)
    assert ArticlePage.objects.get(pk=article.pk).live


@pytest.mark.django_db
def test_each_periodic_command_runs_on_its_own_interval():
    last_run: dict = {}
    assert run_due_commands(last_run, now=0) == [
        "publish_scheduled",
        "purge_comment_ips",
        "optimize_database",
        "send_comment_digest",
        "retrain_spam",
        "edge_sweep",
        "poll_wire",
    ]
    assert run_due_commands(last_run, now=61) == ["publish_scheduled", "edge_sweep", "poll_wire"]
    assert run_due_commands(last_run, now=90) == []
    assert "purge_comment_ips" in run_due_commands(last_run, now=24 * 3600 + 1)
