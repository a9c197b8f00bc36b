"""The discussion's rules, which the newsroom sets in the admin (Settings > Discussion)."""

from __future__ import annotations

import ipaddress

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register_setting(icon="comment")
class DiscussionSettings(BaseSiteSetting):
    class Order(models.TextChoices):
        OLDEST = "oldest", "Oldest first"
        NEWEST = "newest", "Newest first"

    class Notify(models.TextChoices):
        OFF = "off", "Do not notify"
        IMMEDIATE = "immediate", "At once, one mail per waiting comment"
        DIGEST = "digest", "In a digest (sent by `dateline send_comment_digest`)"

    class EraseMode(models.TextChoices):
        REPLACE = "replace", "Keep a placeholder ('removed at the author's request')"
        DELETE = "delete", "Delete the comment (its replies move up a level)"

    hold_first_time = models.BooleanField(
        "hold first-time commenters",
        default=False,
        help_text=(
            "A commenter with no approved comment waits for a moderator even when the spam "
            "filter is confident the comment is genuine."
        ),
    )
    spam_filter = models.BooleanField(
        "learned spam filter",
        default=True,
        help_text="Score every comment with the local spam model (nothing leaves the server).",
    )
    spam_hold_from = models.FloatField(
        "hold from score",
        default=0.885,  # chosen by `dateline train_spam` (docs/spam-model.md)
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="A comment scoring this or more waits for a moderator, with its score shown.",
    )
    spam_folder_from = models.FloatField(
        "spam folder from score",
        default=0.999,  # above every genuine comment's score out of fold (docs/spam-model.md)
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="A comment scoring this or more goes to the spam folder (never deleted).",
    )
    link_threshold = models.PositiveSmallIntegerField(
        default=2, help_text="Hold a comment with this many links or more (0 turns it off)."
    )
    moderation_words = models.TextField(
        blank=True, help_text="One word or phrase a line: a comment containing one is held."
    )
    blocked_words = models.TextField(
        blank=True, help_text="One word or phrase a line: a comment containing one goes to spam."
    )
    blocked_emails = models.TextField(
        blank=True,
        help_text="One address a line, or a domain written @example.com: comments go to spam.",
    )
    blocked_ips = models.TextField(
        "blocked IP ranges",
        blank=True,
        help_text="One address or CIDR range a line (203.0.113.0/24, 2001:db8::/32): to spam.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments after (days)",
        default=30,
        help_text=(
            "Stop taking comments this many days after a story's first publication (0: never). "
            "A closed discussion still shows its comments. An article may override this "
            "(its Settings tab: open whatever its age, or closed)."
        ),
    )
    max_depth = models.PositiveSmallIntegerField(
        default=5, help_text="Deepest reply level; a deeper reply attaches at this level."
    )
    comments_per_page = models.PositiveSmallIntegerField(
        default=50, help_text="Top-level comments a page."
    )
    order = models.CharField(max_length=10, choices=Order.choices, default=Order.OLDEST)
    flood_interval_seconds = models.PositiveIntegerField(
        default=15, help_text="At most one comment in this many seconds per address or email."
    )
    max_per_minute = models.PositiveSmallIntegerField(default=3)
    max_per_hour = models.PositiveSmallIntegerField(default=20)
    notify_moderators = models.CharField(
        max_length=10, choices=Notify.choices, default=Notify.IMMEDIATE
    )
    erase_mode = models.CharField(
        "on erasure", max_length=10, choices=EraseMode.choices, default=EraseMode.REPLACE
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("spam_filter"),
                FieldPanel("spam_hold_from"),
                FieldPanel("spam_folder_from"),
                FieldPanel("hold_first_time"),
                FieldPanel("link_threshold"),
                FieldPanel("moderation_words"),
            ],
            heading="Hold for moderation",
        ),
        MultiFieldPanel(
            [FieldPanel("blocked_words"), FieldPanel("blocked_emails"), FieldPanel("blocked_ips")],
            heading="Send to spam",
        ),
        MultiFieldPanel(
            [
                FieldPanel("flood_interval_seconds"),
                FieldPanel("max_per_minute"),
                FieldPanel("max_per_hour"),
            ],
            heading="Rate limits (per address, IPv6 by /64, and per email)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("close_after_days"),
                FieldPanel("max_depth"),
                FieldPanel("comments_per_page"),
                FieldPanel("order"),
            ],
            heading="Threads",
        ),
        MultiFieldPanel(
            [FieldPanel("notify_moderators"), FieldPanel("erase_mode")], heading="Mail and privacy"
        ),
    ]

    class Meta:
        verbose_name = "Discussion"

    def clean(self):
        super().clean()
        bad = [line for line in _lines(self.blocked_ips) if not _network(line)]
        if bad:
            raise ValidationError({"blocked_ips": f"Not an address or CIDR range: {bad[0]}"})
        if self.max_depth < 1:
            raise ValidationError({"max_depth": "At least 1 (no replies)."})
        if self.spam_folder_from < self.spam_hold_from:
            raise ValidationError(
                {"spam_folder_from": "At least the hold score: spam is held before it is binned."}
            )
        if self.comments_per_page < 1:
            raise ValidationError({"comments_per_page": "At least 1."})

    @property
    def moderation_word_list(self) -> list[str]:
        return [w.lower() for w in _lines(self.moderation_words)]

    @property
    def blocked_word_list(self) -> list[str]:
        return [w.lower() for w in _lines(self.blocked_words)]

    @property
    def blocked_email_list(self) -> list[str]:
        return [e.lower() for e in _lines(self.blocked_emails)]

    @property
    def blocked_networks(self) -> list:
        return [n for n in (_network(line) for line in _lines(self.blocked_ips)) if n]

    @property
    def effective_max_depth(self) -> int:
        return max(1, self.max_depth)

    @property
    def effective_per_page(self) -> int:
        return max(1, self.comments_per_page)


def _network(text: str):
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None
