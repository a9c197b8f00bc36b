"""Import bookkeeping: what each imported thing was called in the system it came from.

A row is written in the same transaction as the object it records, so after a crash either
both exist or neither does, and the next run picks up exactly where the last one stopped.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedItem(models.Model):
    """One thing brought in from an export, keyed on what identifies it there.

    ``source`` names the exported site (``wordpress:example.org/blog``); ``key`` is a digest of
    the kind, the external id and the guid, because exports repeat guids on different posts
    (the WordPress Theme Unit Test data does), so neither alone is unique.
    """

    source = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    external_id = models.CharField(max_length=255, blank=True)
    guid = models.TextField(blank=True)
    key = models.CharField(max_length=64, editable=False)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A digest of the exported values, to tell an unchanged item from one edited since.
    fingerprint = models.CharField(max_length=64, blank=True)
    # The revision the import last wrote: a page with a newer one was edited in Dateline since.
    object_version = models.PositiveBigIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="importers_item_once")
        ]
        indexes = [models.Index(fields=["source", "kind", "external_id"])]

    def __str__(self):
        return f"{self.source} {self.kind} {self.external_id}"

    @property
    def target(self):
        """The imported object, or None when it has been deleted since."""
        if self.content_type_id is None or self.object_id is None:
            return None
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()
