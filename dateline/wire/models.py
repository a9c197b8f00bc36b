"""Sources of wire copy and the items they sent: the desk's queue. Nothing here is public.

An item becomes a story only when an editor takes it (a draft article through news services)
or merges it into an existing story; it keeps its provenance (source, the agency's id and
version, the original's link) for the article's attribution and for later versions.
"""

from __future__ import annotations

from django.db import models


class Source(models.Model):
    AGENCY, PARTNER = "agency", "partner"
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=10, choices=[(AGENCY, "News agency"), (PARTNER, "Partner")], default=AGENCY
    )
    feed_url = models.URLField(blank=True, help_text="Polled by the worker when set.")
    poll_minutes = models.PositiveIntegerField(default=5)
    # Conditional GET and back-off state of the polling worker.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)

    def __str__(self):
        return self.name


class WireItem(models.Model):
    QUEUED, TAKEN, SPIKED, MERGED, KILLED = "queued", "taken", "spiked", "merged", "killed"
    STATUS_CHOICES = [
        (QUEUED, "Queued"),
        (TAKEN, "Taken"),
        (SPIKED, "Spiked"),
        (MERGED, "Merged"),
        (KILLED, "Killed by the agency"),
    ]

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    agency_id = models.CharField(max_length=400)
    version = models.IntegerField(null=True, blank=True)
    versions_received = models.PositiveIntegerField(default=1)
    fingerprint = models.CharField(max_length=32)
    # Earlier contents received under this id: seen again (a feed that repeats an id with
    # other content, the same item in two files) they are duplicates, not a new version.
    seen_fingerprints = models.JSONField(default=list, blank=True)
    format = models.CharField(max_length=12)
    status = models.CharField(max_length=8, choices=STATUS_CHOICES, default=QUEUED)

    headline = models.CharField(max_length=255)
    standfirst = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    byline = models.CharField(max_length=200, blank=True)
    byline_role = models.CharField(max_length=40, blank=True)
    dateline_place = models.CharField(max_length=120, blank=True)
    filed_at = models.DateTimeField(null=True, blank=True)
    link = models.URLField(max_length=1000, blank=True)
    topics = models.JSONField(default=list, blank=True)  # [{"name", "code", "kind"}]
    images = models.JSONField(default=list, blank=True)  # [{"href", "caption", "credit"}]
    language = models.CharField(max_length=20, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    copyright = models.CharField(max_length=400, blank=True)
    usage_terms = models.TextField(blank=True)
    embargo_until = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(blank=True)

    signature = models.JSONField(default=list, blank=True)  # for near-duplicate grouping
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    article = models.ForeignKey(
        "news.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A new version of copy already taken: the editor decides; the diff says what changed.
    needs_review = models.BooleanField(default=False)
    review_diff = models.TextField(blank=True)
    # Photos offered but not used when the item was taken, one reason a line (wire/images.py).
    image_note = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "agency_id"], name="wire_item_once")
        ]
        indexes = [models.Index(fields=["status", "-received_at"])]
        ordering = ["-received_at"]

    def __str__(self):
        return self.headline

    @property
    def attribution(self) -> str:
        return self.source.name


class DuplicateBand(models.Model):
    """One locality-sensitive key of an item's text signature (similarity.py): items that
    share a key are candidates for the same story, checked against their full signatures."""

    key = models.CharField(max_length=24, db_index=True)
    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="bands")


class TopicCode(models.Model):
    """An IPTC subject code (a qcode: ``medtop:04000000``, ``subj:15007000``) and the newsroom
    topic it maps to. Kept the first time copy with the code is taken, so the same code maps to
    the same topic from every agency, whatever name each gives it ("Economy", "Wirtschaft").
    Deleting the topic deletes the mapping; the next copy with the code maps it afresh."""

    code = models.CharField(max_length=100, unique=True)
    topic = models.ForeignKey("news.TopicPage", on_delete=models.CASCADE, related_name="+")
    first_name = models.CharField(
        max_length=255, blank=True, help_text="The name the first agency gave the subject."
    )

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} → {self.topic.title}"
