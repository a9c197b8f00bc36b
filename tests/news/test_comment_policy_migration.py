"""news 0006: an article whose comments were switched off stays closed, in its row and in the
revisions an editor may still publish (a revision is what the edit form opens)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dateline.news import services
from dateline.news.models import ArticlePage, CommentPolicy

BEFORE = ("news", "0005_killedstory")
AFTER = ("news", "0006_comment_policy_lead_image_credit")


def _migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closed_articles_and_their_revisions_stay_closed(newsroom):
    closed = services.revise_article(newsroom.article(title="Closed"), comments_enabled=False)
    open_ = newsroom.article(title="Open")
    _migrate(BEFORE)
    from wagtail.models import Revision

    # The revisions as the old model wrote them: a yes/no, no policy.
    for revision in Revision.objects.filter(object_id__in=[str(closed.pk), str(open_.pk)]):
        revision.content.pop("comment_policy", None)
        revision.content["comments_enabled"] = revision.object_id == str(open_.pk)
        revision.save(update_fields=["content"])
    _migrate(AFTER)
    _migrate()  # on to the newest migrations, which the current models (read below) need

    assert ArticlePage.objects.get(pk=closed.pk).comment_policy == CommentPolicy.CLOSED
    assert ArticlePage.objects.get(pk=open_.pk).comment_policy == CommentPolicy.DEFAULT
    latest = ArticlePage.objects.get(pk=closed.pk).get_latest_revision_as_object()
    assert latest.comment_policy == CommentPolicy.CLOSED
