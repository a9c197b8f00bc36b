"""A reader's comment, the moderation audit trail, reader reports and reply subscriptions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from dateline.discussion import crypto

from .dsa import Category

# WordPress's limits, checked before storage so the database never cuts a value short
# (a truncated comment once became stored XSS: CVE-2015-3440).
MAX_TEXT = 65_525
MAX_NAME = 245
MAX_EMAIL = 100
MAX_WEBSITE = 200


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def for_page(self, page):
        return self.filter(page_id=getattr(page, "pk", page))

    def by_commenter(self, email_index: str):
        """Comments left with the same email address (matched by the blind index)."""
        if not email_index:
            return self.none()
        return self.filter(email_index=email_index)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="discussion_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The thread's top-level comment (None for a top-level comment): a whole page of threads is
    # fetched with one query on it, whatever the depth.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    text = models.TextField()
    name = models.CharField(max_length=MAX_NAME)
    website = models.CharField(max_length=MAX_WEBSITE, blank=True)
    email_encrypted = models.TextField(blank=True, editable=False)
    email_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Keyed digest of (page, parent, email, text): the database itself refuses a second copy, so
    # a double submit creates one comment even when the two requests race.
    dedupe_key = models.CharField(max_length=64, null=True, unique=True, editable=False)
    ip = models.GenericIPAddressField(null=True, blank=True)
    # The rate-limit group of the address (the address itself, or its /64 for IPv6); cleared
    # with the address when it is truncated.
    ip_group = models.CharField(max_length=64, blank=True, editable=False)
    ip_truncated = models.BooleanField(default=False, editable=False)
    user_agent = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    # The spam and moderation pipeline's verdicts: [{"check", "action", "reason"}, ...].
    reasons = models.JSONField(default=list, blank=True)
    # The learned spam filter's estimate that this is spam (0..1; None when it did not run).
    spam_score = models.FloatField(null=True, blank=True)
    reported = models.BooleanField(default=False)
    report_count = models.PositiveIntegerField(default=0)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="form")

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", "Can moderate reader comments")]
        indexes = [
            models.Index(fields=["page", "status", "depth", "created_at"]),
            models.Index(fields=["root", "status"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["ip_group", "created_at"]),
            models.Index(fields=["email_index", "created_at"]),
            models.Index(fields=["reported", "status"]),
        ]

    def __str__(self):
        return f"Comment {self.pk} by {self.name[:40]}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def email(self) -> str:
        """The decrypted address ('' when erased or unreadable); for mail and exports only."""
        try:
            return crypto.decrypt(self.email_encrypted)
        except crypto.EmailKeyError:
            return ""

    def set_email(self, email: str) -> None:
        email = crypto.normalise_email(email)
        self.email_encrypted = crypto.encrypt(email)
        self.email_index = crypto.blind_index(email)

    @property
    def safe_website(self) -> str:
        return safe_website(self.website)


def safe_website(website: str) -> str:
    """The website only if it is an http(s) address (checked again on the way out)."""
    website = website.strip()
    return website if website.lower().startswith(("http://", "https://")) else ""


class ModerationEvent(models.Model):
    """One line of a comment's audit trail: who (or which rule) did what, and when."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} by {self.actor_label or 'system'}"


class CommentReport(models.Model):
    """A reader's report; one per comment per reader address group (kept only as a digest)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter_key = models.CharField(max_length=64, editable=False)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader"
            )
        ]


class ReplySubscription(models.Model):
    """'Tell me about replies to my comment': active only once confirmed from the mail."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="subscriptions")
    email_encrypted = models.TextField(editable=False)
    email_index = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def email(self) -> str:
        try:
            return crypto.decrypt(self.email_encrypted)
        except crypto.EmailKeyError:
            return ""


class PrivacyRequest(models.Model):
    """An export-or-erase link mailed to a commenter; the link's token is kept only hashed."""

    email_index = models.CharField(max_length=64, db_index=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)


class MailSuppression(models.Model):
    """An address that clicked 'unsubscribe': no discussion mail goes to it any more."""

    email_index = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
