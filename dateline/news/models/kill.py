"""The audit record of a killed story: what was taken down, by whom, when and why.

A kill (an editor's legal takedown, or an agency's withdrawal of wire copy) unpublishes the
article and leaves this record; the story's address, and its API address, then answer
410 Gone with the short notice (news/gone.py). Records are never edited or deleted by the
product: they are the newsroom's evidence of what it removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class KilledStory(models.Model):
    LEGAL = "legal"
    AGENCY = "agency"
    KIND_CHOICES = [(LEGAL, "Legal or editorial takedown"), (AGENCY, "Withdrawn by the agency")]

    article = models.ForeignKey(
        "news.ArticlePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_id = models.PositiveIntegerField(db_index=True, help_text="Kept if the page is deleted.")
    url_path = models.CharField(max_length=500, db_index=True, help_text="Site-relative path.")
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=LEGAL)
    reason = models.TextField(help_text="Why, for the record (never shown to readers).")
    notice = models.CharField(
        max_length=300, help_text="The short notice readers see at the story's address."
    )
    killed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    killed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "killed story"
        ordering = ["-killed_at"]

    def __str__(self):
        return f"{self.title} (killed {self.killed_at:%Y-%m-%d %H:%M})"
