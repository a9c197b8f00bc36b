"""Keys generated on first use, when several processes start on a fresh data folder at once.

Found: the secret key was written with write_text after an exists() check, so two processes
(two workers of the test suite, two servers started together) could each write a key of their
own, and one could read the file while the other was still writing it: an empty SECRET_KEY. The
email key files used O_EXCL, which stops the double write but not the read of a half-written file.
"""

from __future__ import annotations

import multiprocessing
import stat

from dateline.settings import env
from dateline.settings.files import create_once


def _start_and_read_key(folder, barrier, results):
    barrier.wait()  # every process reaches the empty folder at the same moment
    results.put(env.secret_key(folder, required=False))


def _start_together(folder, starters: int = 8) -> list[str]:
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(starters), context.Queue()
    processes = [
        context.Process(target=_start_and_read_key, args=(folder, barrier, results))
        for _ in range(starters)
    ]
    for process in processes:
        process.start()
    keys = [results.get(timeout=20) for _ in processes]
    for process in processes:
        process.join(timeout=20)
    return keys


def test_processes_starting_together_on_a_fresh_folder_share_one_whole_secret_key(tmp_path):
    for attempt in range(5):  # a race: several fresh folders make a lost one show
        folder = tmp_path / f"data{attempt}"
        folder.mkdir()  # as env.data_dir() leaves it: there, and empty
        keys = _start_together(folder)
        kept = (folder / "secret_key.txt").read_text()
        assert len(kept) >= 64
        assert keys == [kept] * len(keys)
        assert stat.S_IMODE((folder / "secret_key.txt").stat().st_mode) == 0o600
        assert [p.name for p in folder.iterdir()] == ["secret_key.txt"]  # no draft left behind


def test_create_once_never_replaces_a_file_and_says_whether_it_wrote(tmp_path):
    path = tmp_path / "keys" / "email_keys.txt"
    assert create_once(path, "first\n") is True
    assert create_once(path, "second\n") is False
    assert path.read_text() == "first\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["email_keys.txt"]
