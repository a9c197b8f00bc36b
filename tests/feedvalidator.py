"""The W3C Feed Validation Service's own rules, from ../shared/tools/feedvalidator.

The validator is third-party code kept beside the repository (like the corpora), so a test that
needs it skips with the reason when it is absent, and fails under DATELINE_REQUIRE_CORPORA=1.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache

import pytest

from tests.corpora import REPO_ROOT

SCRIPT = REPO_ROOT.parent / "shared" / "tools" / "feedvalidator" / "validate_feed.py"


@cache
def _module():
    spec = importlib.util.spec_from_file_location("w3c_validate_feed", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def feed_errors(body: bytes, content_type: str, url: str) -> list[str]:
    """The validator's errors for one feed (warnings are advice, not invalidity)."""
    if not SCRIPT.exists():
        message = f"W3C feed validator not found at {SCRIPT} (it lives beside the repository in CI)"
        if os.environ.get("DATELINE_REQUIRE_CORPORA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    errors, _warnings = _module().validate(body, content_type, url)
    return errors
