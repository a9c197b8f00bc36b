"""An identifier of the code that is running, for cache keys.

Cached pages and fragments are rendered by templates and code; after a deploy they must not be
served again. Keys carry this identifier, so a new release starts with a cold cache instead of
serving what the old one rendered (no purge step to forget on deploy).

`DATELINE_RELEASE` in the environment names the release instead (a deploy's git commit, say):
every server of a deploy then agrees on it even when their files' times differ, and
bench/cluster.py deploys a "new release" of the same code with it.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from dateline import __version__

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css"}


@cache
def release_id() -> str:
    """A short digest of the package's version and of its source files' sizes and times."""
    named = os.environ.get("DATELINE_RELEASE", "").strip()
    if named:
        return hashlib.sha256(f"{__version__}|{named}".encode()).hexdigest()[:12]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]
