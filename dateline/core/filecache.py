"""Django's file cache, with the folder listed at most once a minute instead of on every write.

Django's FileBasedCache culls on every ``set``: it globs the whole cache folder to count the
entries. With the page cache in that folder (thousands of files on a busy day) that listing was
the largest single cost of a comment POST (which purges the article's pages), and it grows with
the folder. Counting once a minute per process lets the folder overshoot MAX_ENTRIES by at
most a minute's writes, which the next cull removes.

``add`` is atomic across threads and processes (Django's checks, then writes: two callers could
both "add"): the entry is written whole, then linked into place (settings/files.py). Grace's one
render per page per window (core/pagegrace.py) and the rate limits rely on exactly one caller
winning.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

from dateline.settings.files import create_once

CULL_INTERVAL_SECONDS = 60.0
# Per process and folder, not per instance: Django makes a cache object per thread.
_last_cull: dict[str, float] = {}


class FileCache(FileBasedCache):
    def _cull(self):
        now = time.monotonic()
        if now - _last_cull.get(self._dir, float("-inf")) < CULL_INTERVAL_SECONDS:
            return
        _last_cull[self._dir] = now
        super()._cull()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):  # also removes an expired file
            return False
        self._createdir()  # Django's, with its 0o700 folders
        entry = io.BytesIO()
        self._write_content(entry, timeout, value)
        return create_once(Path(self._key_to_file(key, version)), entry.getvalue())
