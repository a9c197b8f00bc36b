"""Models of the reader discussion."""

from .comment import (
    MAX_EMAIL,
    MAX_NAME,
    MAX_TEXT,
    MAX_WEBSITE,
    Comment,
    CommentReport,
    MailSuppression,
    ModerationEvent,
    PrivacyRequest,
    ReplySubscription,
)
from .dsa import Category, RemovalStatement
from .settings import DiscussionSettings
from .spam import SpamModelVersion

__all__ = [
    "MAX_EMAIL",
    "MAX_NAME",
    "MAX_TEXT",
    "MAX_WEBSITE",
    "Category",
    "Comment",
    "CommentReport",
    "DiscussionSettings",
    "MailSuppression",
    "ModerationEvent",
    "PrivacyRequest",
    "RemovalStatement",
    "ReplySubscription",
    "SpamModelVersion",
]
