"""Spam models retrained on the newsroom's own decisions (the shipped one is the fallback)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SpamModelVersion(models.Model):
    """One retrained model, kept whether or not it was accepted, so every retrain can be
    looked back on. Only an accepted one is ever used; the newest accepted wins."""

    created_at = models.DateTimeField(default=timezone.now)
    data = models.BinaryField(editable=False)  # SpamModel.to_bytes(): .npz, never pickle
    accepted = models.BooleanField(default=False)
    summary = models.TextField(blank=True)  # why it was or was not accepted, with the figures
    decisions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        state = "accepted" if self.accepted else "not used"
        return f"Spam model of {self.created_at:%Y-%m-%d %H:%M} ({state})"
