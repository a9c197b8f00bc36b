"""Static files with fingerprinted names, and gzip and brotli copies, once collected.

`dateline serve` (and so `dateline demo`) collects before it serves (core/static_collection.py):
every file gets a name carrying a hash of its content (site.3f2a9c1b0e7d.css), which WhiteNoise
serves with a year's `immutable` caching, beside a .gz copy and, for the files readers load,
a .br copy (the Brotli package). WhiteNoise sends whichever the reader accepts. A change to a
file changes its name, so no reader keeps a stale one.

Brotli at its best setting, which files kept for a year deserve, costs about ten times gzip's
time: run over the several megabytes of the admin's scripts, it made every first start of a
server some 12 CPU-seconds slower. The admin (Wagtail's and Django's files) gets gzip only.

Before the first collection there is no manifest: a page rendered then (`dateline runserver`,
a command that renders a page or a mail) gets the plain name, which WhiteNoise's finders serve in
development, instead of failing. Once a manifest exists, a name missing from it is still an error.
"""

from __future__ import annotations

import os

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

# The folders (apps' static namespaces) of the files a reader's browser loads.
READER_FOLDERS = ("dateline", "discussion", "news")


class ReaderBrotliCompressor(Compressor):
    """WhiteNoise's compressor, making .br copies only under `reader_roots` (thread-safe:
    WhiteNoise compresses files in a thread pool with one compressor)."""

    def __init__(self, *, reader_roots: tuple[str, ...], **kwargs):
        super().__init__(**kwargs)
        self.reader_roots = reader_roots

    def compress(self, path):
        names = []
        with open(path, "rb") as f:
            stat_result = os.fstat(f.fileno())
            data = f.read()
        size = len(data)
        if self.use_brotli and path.startswith(self.reader_roots):
            packed = self.compress_brotli(data)
            if not self.is_compressed_effectively("Brotli", path, size, packed):
                return names  # gzip would not be effective either
            names.append(self.write_data(path, packed, ".br", stat_result))
        if self.use_gzip:
            packed = self.compress_gzip(data)
            if self.is_compressed_effectively("Gzip", path, size, packed):
                names.append(self.write_data(path, packed, ".gz", stat_result))
        return names


class FingerprintedStaticStorage(CompressedManifestStaticFilesStorage):
    def save_manifest(self) -> None:
        """Django's manifest, written beside the old one and renamed over it in one step. Django
        deletes the old manifest, then writes the new one in 64 KB pieces: a process reading it
        meanwhile (a server starting, a worker respawned) found none, or half of one."""
        final = self.manifest_name
        self.manifest_name = f"{final}.{os.getpid()}.partial"
        try:
            super().save_manifest()
            partial = self.manifest_storage.path(self.manifest_name)
        finally:
            self.manifest_name = final
        os.replace(partial, self.manifest_storage.path(final))

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:  # never collected in this data folder
            return name
        return super().stored_name(name)

    def create_compressor(self, **kwargs):
        roots = tuple(os.path.join(self.location, folder, "") for folder in READER_FOLDERS)
        return ReaderBrotliCompressor(reader_roots=roots, **kwargs)
