"""Where the shared test corpora live, and what to do when they are missing.

The corpora sit beside the repository (``../shared/corpora``) rather than in it, so a clone
alone lacks them: tests skip then, unless ``DATELINE_REQUIRE_CORPORA=1`` says this run must
have them (CI), in which case a missing folder fails loudly instead of passing vacuously.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def corpus_path(*parts: str) -> Path:
    """Path of a file or folder in the shared corpora; skips or fails the test if absent."""
    if not CORPORA.is_dir():
        message = f"shared corpora not found at {CORPORA}"
        if os.environ.get("DATELINE_REQUIRE_CORPORA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return CORPORA.joinpath(*parts)


def corpus_names(*parts: str, pattern: str = "*") -> list[str]:
    """File names in a corpus folder, for parametrising at collection time.

    Returns a single placeholder when the folder is missing, so that the test still runs and
    :func:`corpus_path` can skip or fail it with the usual message.
    """
    folder = CORPORA.joinpath(*parts)
    names = sorted(p.name for p in folder.glob(pattern)) if folder.is_dir() else []
    return names or ["(corpus missing)"]
