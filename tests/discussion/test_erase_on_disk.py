"""An erased commenter's name leaves the SQLite files' bytes, not only the query results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATELINE = str(Path(sys.executable).with_name("dateline"))
NAME = "Zebulon Quixotemarsh"
TEXT = "Quixotemarsh remembers the flood of seventy-three"

WRITE = f"""
from django.utils import timezone
from dateline.news import services as news
from dateline.discussion import services
section = news.create_section("World")
author = news.create_author("Amina Diallo")
story = news.create_article(section, title="Floods", standfirst="Water.",
    bylines=[(author, "reporting")], published_at=timezone.now())
comment = services.create_comment(story, text={TEXT!r}, name={NAME!r},
    email="zq@example.org", source="test")
print(comment.email_index)
"""


def _dateline(data_dir: Path, *args: str) -> str:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment["DATELINE_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [DATELINE, *args], capture_output=True, text=True, env=environment, timeout=180
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _files_holding(data_dir: Path, needle: str) -> list[str]:
    return [
        path.name
        for path in data_dir.glob("dateline.sqlite3*")
        if needle.encode() in path.read_bytes()
    ]


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the SQLite files"
)
def test_after_an_erase_no_byte_of_the_name_or_text_remains_in_the_sqlite_files(tmp_path):
    _dateline(tmp_path, "migrate", "-v0")
    email_index = _dateline(tmp_path, "shell", "-c", WRITE).strip().splitlines()[-1]
    assert _files_holding(tmp_path, NAME)  # the check can see a name that is there
    # The files are read while the process that erased still has its connection open, as a
    # server would (the last connection to close checkpoints anyway, hiding the leak).
    erase = (
        "import json, pathlib\n"
        "from dateline.discussion import services\n"
        "from dateline.discussion.models import Comment\n"
        "list(Comment.objects.all())  # a connection that stays open\n"
        f"erased = services.erase_commenter({email_index!r})\n"
        f"files = sorted(pathlib.Path({str(tmp_path)!r}).glob('dateline.sqlite3*'))\n"
        f"print(json.dumps([erased, [p.name for p in files if {NAME!r}.encode() in p.read_bytes()"
        f" or {TEXT!r}.encode() in p.read_bytes()]]))"
    )
    erased, holding = json.loads(_dateline(tmp_path, "shell", "-c", erase).strip().splitlines()[-1])
    assert erased == 1
    assert holding == []
    assert _files_holding(tmp_path, NAME) == []
