"""The discussion's write path: the public form, the admin, importers, the demo and tests all
post, moderate, export and erase through these functions."""

from .moderation import ACTIONS, moderate, report_comment, verify_commenter
from .posting import CommentRejected, PostResult, create_comment, post_comment
from .privacy import (
    erase_commenter,
    export_commenter,
    issue_privacy_link,
    opt_out,
    privacy_request_for,
    purge_old_addresses,
    request_privacy_link,
    rotate_email_keys,
)
from .subscriptions import confirm as confirm_subscription
from .subscriptions import subscribe, subscription_for

__all__ = [
    "ACTIONS",
    "CommentRejected",
    "PostResult",
    "confirm_subscription",
    "create_comment",
    "erase_commenter",
    "export_commenter",
    "issue_privacy_link",
    "moderate",
    "opt_out",
    "post_comment",
    "privacy_request_for",
    "purge_old_addresses",
    "report_comment",
    "request_privacy_link",
    "rotate_email_keys",
    "subscribe",
    "subscription_for",
    "verify_commenter",
]
