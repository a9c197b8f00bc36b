"""The import's memory: which WordPress thing became which Dateline object.

Every lookup goes to the database (the :class:`ImportedItem` rows are written in the same
transaction as the objects they point to), with a small cache for the few hundred authors,
sections and topics that every post asks about. The cache only speeds up what the database
already says, and the runner empties it whenever an item's transaction rolls back.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType

from dateline.importers.models import ImportedItem

CACHED_KINDS = {"author", "section", "topic", "user"}
LOOKUP_CHUNK = 500  # keys per query: inside every database's parameter limit


def source_for(site_link: str, fallback: str) -> str:
    """A stable name for the exported site: ``wordpress:host/path``, or the file name."""
    parts = urlsplit(site_link.strip())
    if parts.hostname:
        return f"wordpress:{parts.hostname}{parts.path.rstrip('/')}"[:200]
    return f"wordpress-file:{fallback}"[:200]


def item_key(kind: str, external_id: str, guid: str = "") -> str:
    raw = f"{kind}\x00{external_id}\x00{guid}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def fingerprint(*values: object) -> str:
    """A digest of exported values, to notice an item that changed in WordPress since."""
    raw = "\x1f".join(repr(v) for v in values).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


class Ledger:
    """Reads and writes the :class:`ImportedItem` rows of one exported site."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._cache: dict[str, object] = {}

    def forget(self) -> None:
        """Drop cached objects (after a rollback they may no longer exist)."""
        self._cache.clear()

    def find(self, kind: str, external_id: str, guid: str = "") -> ImportedItem | None:
        key = item_key(kind, external_id, guid)
        return ImportedItem.objects.filter(source=self.source, key=key).first()

    def find_many(self, keys) -> dict[str, ImportedItem]:
        """The rows of these keys (see :func:`item_key`) that exist, by key: a query for each
        500, each found through the unique index."""
        keys, found = sorted(set(keys)), {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            found.update(
                (row.key, row)
                for row in ImportedItem.objects.filter(source=self.source, key__in=chunk)
            )
        return found

    def target(self, kind: str, external_id: str, guid: str = ""):
        """The object recorded for this item if it still exists, else None."""
        key = item_key(kind, external_id, guid)
        if kind in CACHED_KINDS and key in self._cache:
            return self._cache[key]
        row = ImportedItem.objects.filter(source=self.source, key=key).first()
        found = row.target if row else None
        if found is not None and kind in CACHED_KINDS:
            self._cache[key] = found
        return found

    def target_by_id(self, kind: str, external_id: str):
        """The object recorded for the item with this WordPress id, whatever its guid (a
        page's parent is named by id alone), if it still exists, else None."""
        row = (
            ImportedItem.objects.filter(source=self.source, kind=kind, external_id=external_id)
            .order_by("pk")
            .first()
        )
        return row.target if row else None

    def entry(
        self,
        kind: str,
        external_id: str,
        obj,
        *,
        guid: str = "",
        fingerprint: str = "",
        version: int | None = None,
    ):
        """An unsaved row for ``obj`` (for bulk writes)."""
        return ImportedItem(
            object_version=version,
            source=self.source,
            kind=kind,
            external_id=external_id[:255],
            guid=guid,
            key=item_key(kind, external_id, guid),
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False)
            if obj is not None
            else None,
            object_id=getattr(obj, "pk", None),
            fingerprint=fingerprint,
        )

    def record(
        self,
        kind: str,
        external_id: str,
        obj,
        *,
        guid: str = "",
        fingerprint: str = "",
        version: int | None = None,
    ) -> ImportedItem:
        """Remember that this item became ``obj`` (call inside the item's transaction)."""
        row = self.entry(
            kind, external_id, obj, guid=guid, fingerprint=fingerprint, version=version
        )
        row.save()
        if kind in CACHED_KINDS and obj is not None:
            self._cache[row.key] = obj
        return row

    def record_many(self, rows: list[ImportedItem]) -> None:
        ImportedItem.objects.bulk_create(rows)

    def object_ids(self, kind: str, external_ids, guid: str) -> dict[str, int]:
        """External id -> object id of those of these items that were imported before."""
        keys = {item_key(kind, external_id, guid): external_id for external_id in external_ids}
        return {keys[key]: row.object_id for key, row in self.find_many(keys).items()}
