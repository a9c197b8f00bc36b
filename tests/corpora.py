"""Access to ../shared/corpora, the real inputs written by others that tests read.

On a user's machine that folder is absent and corpus tests skip with the reason; CI sets
DATELINE_REQUIRE_CORPORA=1, under which a missing corpus fails the test instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPORA = REPO_ROOT.parent / "shared" / "corpora"
# What a contributor without the folder can do about it (the browser banner repeats it).
HOW_TO_GET = (
    f"put the shared corpora (real inputs written by others) at {CORPORA}, beside the "
    "repository, not in it: copy the project's shared/corpora folder there, or fetch the files "
    "that shared/corpora/MANIFEST.md lists from their upstream repositories (the browser "
    "journey imports themeunittestdata.wordpress.xml of WPTRT/theme-unit-test, saved as "
    "wxr/themeunittestdata.wordpress.xml)."
)


def corpus_path(*parts: str) -> Path:
    """Path to a corpus file or folder; skips (or fails under DATELINE_REQUIRE_CORPORA=1)."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        message = f"shared corpus not found at {path} (it lives beside the repository in CI)"
        if os.environ.get("DATELINE_REQUIRE_CORPORA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def lines_of(*parts: str, limit: int | None = None) -> list[str]:
    """Non-empty, non-comment lines of a corpus text file (e.g. one payload per line)."""
    text = corpus_path(*parts).read_text(encoding="utf-8", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return lines[:limit] if limit else lines


def corpus_names(*parts: str, pattern: str = "*") -> list[str]:
    """File names in a corpus folder, for parametrising at collection time.

    Returns a single placeholder when the folder is missing, so that the test still runs and
    `corpus_path` can skip or fail it with the usual message.
    """
    folder = CORPORA.joinpath(*parts)
    names = sorted(p.name for p in folder.glob(pattern)) if folder.is_dir() else []
    return names or ["(corpus missing)"]


# bench/faults.py --only hostile sets it: every string of every list, minutes long. The suite
# takes an even sample instead, so that CI's share of the hostile lists stays a few seconds.
FULL_LISTS = "DATELINE_HOSTILE_FULL"


def ci_sample(items: list, size: int) -> list:
    """Every item under DATELINE_HOSTILE_FULL=1; else `size` of them, evenly spread over the
    list (so over each of the files it was read from), the same ones on every run."""
    if os.environ.get(FULL_LISTS) == "1" or len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(n * step)] for n in range(size)]
