"""Every comment POST answered 303 survives `kill -9` of the server, on both databases."""

from __future__ import annotations

import pytest

from .durability import drill
from .test_backup import database_url

# Needs the machine to itself (kill -9 drills: servers must come back within deadlines):
# scripts/test runs it after the others, alone.
pytestmark = pytest.mark.exclusive

__all__ = ["database_url"]  # the fixture, used by name


def test_acknowledged_comments_survive_kill_9_of_the_server(tmp_path, database_url):
    # One kill in the suite (a server start costs seconds): bench/faults.py kills ten times.
    result = drill(tmp_path / "data", database_url, rounds=1, posts_per_round=16)
    assert result["acknowledged"] >= 6  # the drill really posted before the kill
    assert result["lost"] == []


@pytest.fixture(autouse=True)
def _no_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
