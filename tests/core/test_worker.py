"""The worker publishes scheduled stories and truncates old IPs without any cron job."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from dateline.core.worker import periodic_commands, periodic_forever, run_due_commands
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
        "edge_sweep",
        "publish_scheduled",
        "poll_wire",
        "optimize_database",
        "purge_comment_ips",
        "send_comment_digest",
        "retrain_spam",
    ]
    assert run_due_commands(last_run, now=61) == ["edge_sweep", "publish_scheduled", "poll_wire"]
    assert run_due_commands(last_run, now=90) == []
    assert "purge_comment_ips" in run_due_commands(last_run, now=24 * 3600 + 1)


def test_each_app_declares_its_own_periodic_jobs():
    owners = {
        command: config.label
        for config in apps.get_app_configs()
        for command, _ in getattr(config, "periodic_jobs", ())
    }
    assert owners == {
        "optimize_database": "core",
        "edge_sweep": "core",
        "publish_scheduled": "news",
        "purge_comment_ips": "discussion",
        "send_comment_digest": "discussion",
        "retrain_spam": "discussion",
        "poll_wire": "wire",
    }
    assert periodic_commands() == sorted(periodic_commands(), key=lambda job: job[1])


@pytest.mark.django_db
def test_a_job_an_app_declares_is_run_by_the_worker(monkeypatch):
    wire = apps.get_app_config("wire")
    monkeypatch.setattr(wire, "periodic_jobs", [("poll_wire", 60), ("check", 30)], raising=False)
    ran = run_due_commands({}, now=0)
    assert ran[0] == "check" and "poll_wire" in ran


@pytest.mark.parametrize(
    ("argv", "code", "stream", "says"),
    [
        (["--help"], 0, "out", "db_worker"),
        (["--no-such-option"], 2, "err", "db_worker: error"),  # ends in the argument check
    ],
)
def test_a_worker_that_never_starts_runs_no_periodic_job(
    monkeypatch, capsys, argv, code, stream, says
):
    # A scheduler left behind `dateline worker --help` ran every job (ANALYZE on an empty data
    # folder among them) while the caller's next command waited on the database's lock.
    # (`dateline worker --help` through the CLI is in test_first_run.py.)
    from dateline.core import worker

    ran = []
    monkeypatch.setattr(worker, "periodic_forever", lambda stop: ran.append(stop))
    with pytest.raises(SystemExit) as stop:
        worker.run_worker(argv)
    assert stop.value.code == code
    assert says in getattr(capsys.readouterr(), stream)
    assert ran == []
    assert "periodic" not in {thread.name for thread in threading.enumerate()}
