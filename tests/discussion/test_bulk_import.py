"""Comments imported in bulk (services.storage) are stored exactly as create_comment stores
them: the same checks, the same encrypted email and blind index, threads and audit trail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.discussion import crypto
from dateline.discussion.models import Comment, ModerationEvent
from dateline.discussion.services import create_comment
from dateline.discussion.services.storage import prepare_comment, store_comments

pytestmark = pytest.mark.django_db

WHEN = datetime(2016, 2, 3, 4, 5, tzinfo=UTC)
STORED = (
    *("page_id", "depth", "status", "text", "name", "website", "email_index", "dedupe_key"),
    *("ip", "ip_group", "user_agent", "created_at", "reasons", "source"),
)


def fields(comment: Comment) -> dict:
    return {name: getattr(comment, name) for name in STORED}


def test_a_bulk_comment_is_stored_as_create_comment_stores_it(article):
    values = {
        "text": "  Well said.\r\nAgreed. ",
        "name": " Ada  Reader ",
        "email": "Ada@Example.org",
        "website": "ada.example",
        "created_at": WHEN,
        "ip": "2001:db8::7",
        "user_agent": "Mozilla/5.0",
        "source": "wordpress",
        "status": Comment.Status.PENDING,
    }
    one = create_comment(article, **values)
    bulk = prepare_comment(article, **values)
    store_comments([bulk])
    one, bulk = Comment.objects.get(pk=one.pk), Comment.objects.get(pk=bulk.pk)
    assert fields(bulk) == fields(one)
    assert bulk.email == one.email == "ada@example.org"
    assert bulk.email_encrypted != one.email_encrypted  # each encryption is fresh
    assert bulk.email_index == crypto.blind_index("ada@example.org")
    assert [(e.action, e.to_status, e.actor_label, e.created_at) for e in bulk.events.all()] == [
        ("wordpress", "pending", "wordpress", WHEN)
    ]


def test_bulk_comments_keep_their_threads_whatever_order_they_are_stored_in(article):
    top = prepare_comment(article, text="First", name="Ann")
    reply = prepare_comment(article, text="Second", name="Bo", parent=top)
    deeper = prepare_comment(article, text="Third", name="Cy", parent=reply)
    other = prepare_comment(article, text="Fourth", name="Di")
    store_comments([deeper, other, reply, top])
    stored = {c.name: c for c in Comment.objects.filter(page=article)}
    assert stored["Bo"].parent == stored["Ann"] and stored["Bo"].root == stored["Ann"]
    assert stored["Cy"].parent == stored["Bo"] and stored["Cy"].root == stored["Ann"]
    assert [stored[n].depth for n in ("Ann", "Bo", "Cy", "Di")] == [1, 2, 3, 1]
    assert stored["Di"].parent is None and stored["Di"].root is None
    assert ModerationEvent.objects.filter(comment__page=article).count() == 4


def test_a_reply_to_a_stored_comment_joins_its_thread(article):
    top = create_comment(article, text="Already here", name="Ann")
    reply = prepare_comment(article, text="Late reply", name="Bo", parent=top)
    store_comments([reply])
    reply = Comment.objects.get(pk=reply.pk)
    assert (reply.parent, reply.root, reply.depth) == (top, top, 2)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"text": "   ", "name": "Ann"}, "text"),
        ({"text": "Hi", "name": ""}, "name"),
        ({"text": "Hi", "name": "Ann", "email": "not an address"}, "email"),
        ({"text": "Hi", "name": "Ann", "website": "javascript:alert(1)"}, "website"),
    ],
)
def test_a_bulk_comment_is_checked_like_any_other(article, values, message):
    with pytest.raises(ValueError, match=message):
        prepare_comment(article, **values)
