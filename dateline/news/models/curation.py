"""Front-page and section curation: the editors' lead story and a few pinned slots.

Pins live on the page (an InlinePanel), so they are drafted, previewed, reviewed and published
with it, and a preview shows the draft's choice. A pin may expire; an expired pin, or one whose
story is no longer public, is skipped, and empty slots fall back to newest-first. A page that
shows pins must not be kept in the page cache past the next expiry (`next_expiry`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from dateline.news.queries import for_listing

MAX_PINNED = 3  # slots under the lead; a front page is a few choices, not a second listing


class Pin(Orderable):
    SLOT_CHOICES = [("lead", "Lead story"), ("pinned", "Pinned slot")]

    slot = models.CharField(max_length=10, choices=SLOT_CHOICES, default="pinned")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField(
        "until",
        null=True,
        blank=True,
        help_text="Optional: after this time the slot falls back to the newest stories.",
    )

    panels = [FieldPanel("slot"), FieldPanel("article"), FieldPanel("expires_at")]

    class Meta(Orderable.Meta):
        abstract = True

    def is_current(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


class HomePin(Pin):
    page = ParentalKey("news.HomePage", on_delete=models.CASCADE, related_name="pins")

    class Meta(Pin.Meta):
        verbose_name = "front-page pin"


class SectionPin(Pin):
    page = ParentalKey("news.SectionPage", on_delete=models.CASCADE, related_name="pins")

    class Meta(Pin.Meta):
        verbose_name = "section pin"


@dataclass
class Curation:
    lead: object | None = None
    pinned: list = field(default_factory=list)
    next_expiry: datetime | None = None

    @property
    def articles(self) -> list:
        return ([self.lead] if self.lead else []) + self.pinned

    @property
    def pks(self) -> list[int]:
        return [a.pk for a in self.articles]


def curation(page, candidates, now: datetime | None = None) -> Curation:
    """The page's current lead and pinned stories, among `candidates` (a queryset of the
    articles this page may show). `page.pins.all()` serves the published pins and, in a
    preview, the draft's in-memory ones alike; no query when there are none."""
    now = now or timezone.now()
    pins = [p for p in page.pins.all() if p.is_current(now)]
    if not pins:
        return Curation()
    expiries = [p.expires_at for p in pins if p.expires_at is not None]
    ids = [p.article_id for p in pins]
    found = {a.pk: a for a in for_listing(candidates.filter(pk__in=ids))}
    lead, pinned = None, []
    for pin in pins:
        story = found.get(pin.article_id)
        if story is None or story is lead or story in pinned:
            continue  # no longer public (or not this page's), or already shown
        if pin.slot == "lead" and lead is None:
            lead = story
        elif pin.slot == "pinned":
            pinned.append(story)
    return Curation(lead, pinned[:MAX_PINNED], min(expiries) if expiries else None)
