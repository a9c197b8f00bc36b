"""EU Digital Services Act: report categories, statements of reasons and appeals.

A removal by a moderator comes with a statement of reasons (DSA art. 17): what was removed, on
which ground, the facts, whether automated means decided, and how to appeal. The commenter can
appeal through a signed link (art. 20); the appeal puts the comment back in the queue, and the
moderator's next decision on it settles the appeal. All of it is in the comment's audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Category(models.TextChoices):
    ILLEGAL = "illegal", "Illegal content"
    HATE = "hate", "Hate speech, harassment or threats"
    SPAM = "spam", "Spam, scam or advertising"
    PRIVACY = "privacy", "Someone's private information"
    MISINFORMATION = "misinformation", "Deliberately false or misleading"
    OFF_TOPIC = "off_topic", "Off topic or disruptive"
    OTHER = "other", "Something else"


class RemovalStatement(models.Model):
    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="statements"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    explanation = models.TextField()
    automated = models.BooleanField(default=False)  # a person decided (the desk); kept honest
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_text = models.TextField(blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=30, blank=True)  # the moderation action taken

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Statement of reasons for comment {self.comment_id}"

    @property
    def appeal_open(self) -> bool:
        return self.appealed_at is not None and self.appeal_decided_at is None
