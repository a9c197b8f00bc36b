"""The worker publishes scheduled stories without any cron job."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dateline.core.worker import publish_scheduled_forever
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
        publish_scheduled_forever(stop, interval=0)
    assert ArticlePage.objects.get(pk=article.pk).live
