"""Files that several processes may create at once: keys generated on first use, cache entries
that exactly one caller may add (core/filecache.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def create_once(path: Path, content: str | bytes, *, mode: int = 0o600) -> bool:
    """Create `path` holding `content` unless it exists; True if this call created it.

    The content is written in full to a private file first and then hard-linked into place. A
    link never replaces a file, so of several processes starting at once (two workers on a fresh
    data folder) exactly one wins, and no process can ever read the file half-written, as it
    could between an O_EXCL create and the write that follows it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, draft = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode() if isinstance(content, str) else content)
        if mode != 0o600:  # mkstemp's own
            os.chmod(draft, mode)
        try:
            os.link(draft, path)
        except FileExistsError:
            return False
        return True
    finally:
        os.remove(draft)
