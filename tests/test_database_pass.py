"""How the suite is split: CI's PostgreSQL pass (`--database-tests-only`) keeps every test that
uses the run's database, and scripts/test's two phases (`--phase`) together run every test once.

The pass leaves out only what would run the same as in the SQLite pass; a database test left out
would never meet PostgreSQL at all. A test in neither phase would never run; one in both would
run beside others while timing itself.
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
    # 5 is pytest's "no test selected": an empty set, which the callers check for.
    assert result.returncode in (0, 5), result.stdout + result.stderr
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


def test_the_two_phases_run_every_test_once_and_keep_timed_tests_alone():
    files = [
        "tests/core/test_key_files.py",  # plain tests: they share the machine
        "tests/core/test_durability.py",  # marked exclusive: kill -9 drills with deadlines
        "tests/browser/test_keyboard.py",  # browser tests are exclusive without a mark
    ]
    everything = _collected(*files)
    shared = _collected(*files, "--phase=shared")
    alone = _collected(*files, "--phase=exclusive")
    assert shared | alone == everything
    assert not shared & alone
    assert {t.split("::")[0] for t in alone} == set(files[1:])
    assert {t.split("::")[0] for t in shared} == {files[0]}
    # The phases combine with the database pass: the drills start servers on databases of their
    # own, so neither phase keeps them there.
    assert not _collected(*files[:2], "--phase=exclusive", "--database-tests-only")
