"""Backup drill: comments acknowledged before `dateline backup` are there after `dateline
restore`, on SQLite and PostgreSQL, with the keys that read their emails; the same backup
damaged is refused before anything changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

DATELINE = str(Path(sys.executable).with_name("dateline"))

SETUP = """
from django.utils import timezone
from dateline.news import services as news
section = news.create_section("World")
author = news.create_author("Amina Diallo")
news.create_article(section, title="Floods", standfirst="Water.",
    bylines=[(author, "reporting")], published_at=timezone.now())
"""
COMMENT = """
from dateline.discussion import services
from dateline.news.models import ArticlePage
story = ArticlePage.objects.get(title="Floods")
for n in {numbers}:
    services.create_comment(story, text=f"Comment {{n}}", name=f"Reader {{n}}",
        email=f"reader{{n}}@example.org", source="test")
"""
READ = """
import json
from dateline.discussion.models import Comment
from dateline.discussion import crypto
rows = [(c.text, crypto.decrypt(c.email_encrypted)) for c in Comment.objects.order_by("pk")]
print(json.dumps(rows))
"""


def _dateline(data_dir: Path, database_url: str | None, *args: str, check=True):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment["DATELINE_DATA_DIR"] = str(data_dir)
    if database_url:
        environment["DATABASE_URL"] = database_url
    result = subprocess.run(
        [DATELINE, *args], capture_output=True, text=True, env=environment, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stderr[-2000:]
    return result


def _postgres_database():
    name = f"dateline_w14_drill_{uuid.uuid4().hex[:8]}"
    admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
    try:
        subprocess.run([*admin, f"CREATE DATABASE {name}"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 is not available: {exc}")
    return name, lambda: subprocess.run(
        [*admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    if request.param == "sqlite":
        yield None
        return
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore are not installed (apt install postgresql-client)")
    name, drop = _postgres_database()
    yield f"postgres://postgres@127.0.0.1:5432/{name}"
    drop()


def test_comments_acknowledged_before_a_backup_are_there_after_a_restore(tmp_path, database_url):
    data, folder = tmp_path / "data", tmp_path / "backup"
    _dateline(data, database_url, "migrate", "-v0")
    _dateline(data, database_url, "shell", "-c", SETUP + COMMENT.format(numbers=[1, 2, 3]))
    before = json.loads(_dateline(data, database_url, "shell", "-c", READ).stdout.splitlines()[-1])
    assert [email for _, email in before] == [f"reader{n}@example.org" for n in (1, 2, 3)]

    backed_up = _dateline(data, database_url, "backup", str(folder))
    assert "backup written to" in backed_up.stdout
    manifest = json.loads((folder / "manifest.json").read_text())
    assert "keys/email_keys.txt" in manifest["files"]

    _dateline(data, database_url, "shell", "-c", COMMENT.format(numbers=[4]))
    (data / "email_keys.txt").write_text("lost\n")  # the disaster takes the key file too
    restored = _dateline(data, database_url, "restore", str(folder))
    assert "restored from" in restored.stdout
    after = json.loads(_dateline(data, database_url, "shell", "-c", READ).stdout.splitlines()[-1])
    assert after == before

    # The same backup damaged (one byte of its database) is refused, by its checksum, before
    # anything changes; checked here rather than in a test of its own, which cost a minute of
    # set-up in CI.
    damaged_folder = tmp_path / "damaged"
    shutil.copytree(folder, damaged_folder)
    [database] = [p for p in damaged_folder.iterdir() if p.name.startswith("database.")]
    damaged = bytearray(database.read_bytes())
    damaged[-1] ^= 0xFF
    database.write_bytes(bytes(damaged))
    refused = _dateline(data, database_url, "restore", str(damaged_folder), check=False)
    assert refused.returncode != 0
    assert f"{database.name} does not match its checksum" in refused.stderr
    again = _dateline(data, database_url, "backup", str(folder), check=False)
    assert "is not empty" in again.stderr
