"""CI's PostgreSQL pass (`--database-tests-only`) keeps every test that uses the run's database.

The pass leaves out only what would run the same as in the SQLite pass; a database test left out
would never meet PostgreSQL at all.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _collected(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_the_database_pass_keeps_database_tests_and_leaves_out_the_rest():
    files = [
        "tests/discussion/test_privacy.py",
        "tests/core/test_backup.py",
        "tests/core/test_edge.py",
    ]
    everything = _collected(*files)
    database_only = _collected(*files, "--database-tests-only")
    left_out = everything - database_only
    # Kept: a test with no fixture in a module marked django_db; tests with the db fixture,
    # through `article` or `commented`.
    assert "tests/core/test_edge.py::test_a_plain_public_response_is_written" in database_only
    for name in ("a_database_dump_holds_no_plaintext_email", "the_privacy_page_answers_the_same"):
        assert any(
            t.startswith(f"tests/discussion/test_privacy.py::test_{name}") for t in database_only
        )
    # Left out: a keyed hash with no database, and the backup drill, which starts its own servers
    # on SQLite and on PostgreSQL whatever DATABASE_URL says.
    blind_index = (
        "tests/discussion/test_privacy.py::test_the_blind_index_is_keyed_and_case_insensitive"
    )
    assert blind_index in left_out
    assert {t for t in left_out if "test_backup.py" in t} == {
        t for t in everything if "test_backup.py::test_comments_acknowledged" in t
    }
    assert database_only and left_out
