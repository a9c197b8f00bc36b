"""Every comment POST answered 303 survives `kill -9` of the server, on both databases."""

from __future__ import annotations

import pytest

from .durability import drill
from .test_backup import database_url

__all__ = ["database_url"]  # the fixture, used by name


def test_acknowledged_comments_survive_kill_9_of_the_server(tmp_path, database_url):
    result = drill(tmp_path / "data", database_url, rounds=2, posts_per_round=10)
    assert result["acknowledged"] >= 8  # the drill really posted before each kill
    assert result["lost"] == []


@pytest.fixture(autouse=True)
def _no_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
