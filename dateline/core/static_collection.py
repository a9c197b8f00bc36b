"""Static files collected for `dateline serve`: once per change, and safely when several servers
start at the same moment on one data folder.

Two servers started together (a process manager, a rolling restart) each ran `collectstatic`
into the same folder, and one died with FileNotFoundError under static/wagtailadmin/ while the
other's storage post-processed it. Now a server takes an exclusive lock (flock on a file beside
the folder) and collects only when the sources changed since the last collection, by a
fingerprint of every source file's name, size and modification time plus the storage backend.
The second server waits for the first, finds the fingerprint current and collects nothing, so
it never rewrites files (or a manifest) that a running server reads. Nothing here depends on
the storage backend: it only calls `collectstatic`.

The storage itself is made when Django starts, before the lock (Wagtail's admin makes it when
imported), and a manifest storage reads its manifest then. A server that waited for another's
collection therefore served with what it had read meanwhile: no manifest (plain names), half of
one, or, when the sources had changed, the previous one, which lacks the new files ("Missing
staticfiles manifest entry": a 500 on every page naming one). So once the collection is known
current, still under the lock, the manifest is read again, before any worker is forked; and
the storage writes its manifest beside the old one and renames it over it
(core/static_storage.py), so nothing reading it at any moment finds none or half of one.

Force a new collection by deleting `<STATIC_ROOT>.collected` (data/static.collected).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.contrib.staticfiles.finders import get_finders
from django.core.files.storage import storages
from django.core.management import call_command


def _paths() -> tuple[Path, Path, Path]:
    root = Path(settings.STATIC_ROOT)
    return root, root.with_name(f"{root.name}.lock"), root.with_name(f"{root.name}.collected")


def sources_fingerprint() -> str:
    """A digest of what `collectstatic` would copy and how it would store it."""
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    rows = []
    for finder in get_finders():
        for name, storage in finder.list(ignore):
            stat = os.stat(storage.path(name))
            rows.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    digest = hashlib.sha256()
    digest.update(repr(settings.STORAGES.get("staticfiles")).encode())
    digest.update(settings.STATIC_URL.encode())
    for row in sorted(rows):
        digest.update(row.encode() + b"\n")
    return digest.hexdigest()


def collect_static(announce=None) -> bool:
    """Collect static files unless the last collection is current; True if it collected.
    `announce` (a callable taking a message) hears when a collection starts."""
    root, lock_path, stamp = _paths()
    root.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as lock:
        # Held until collection ends: a server starting at the same moment waits here.
        fcntl.flock(lock, fcntl.LOCK_EX)
        fingerprint = sources_fingerprint()
        current = stamp.exists() and stamp.read_text() == fingerprint and any(root.iterdir())
        if not current:
            if announce is not None:
                announce("Collecting static files (fingerprinted, with compressed copies)...")
            call_command("collectstatic", "--no-input", "--verbosity", "0")
            # Written last, and atomically: a collection cut short is redone at the next start.
            partial = stamp.with_name(f"{stamp.name}.{os.getpid()}")
            partial.write_text(fingerprint)
            partial.replace(stamp)
        _read_manifest_again()
        return not current


def _read_manifest_again() -> None:
    """The manifest as the last collection left it, in this process's storage (made, and its
    manifest read, when Django started: before the lock)."""
    storage = storages[STATICFILES_STORAGE_ALIAS]
    if hasattr(storage, "load_manifest"):
        storage.hashed_files, storage.manifest_hash = storage.load_manifest()
