"""Edge mode's folder and its index: which file shows which tags, until when.

Every change to the folder (a page written, a purge, a sweep) happens inside one write
transaction of `index.sqlite3`, so they are serialised across every process sharing the folder.
Files are moved into place whole (os.replace) and deleted by name; a whole day or release goes
with one rename of its folder, so nginx stops finding its files at once.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from pathlib import Path

from dateline.core.release import release_id

INDEX = "index.sqlite3"
PAGES = "pages"
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, day TEXT NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_expiry ON files (expires);
CREATE TABLE IF NOT EXISTS tags (tag TEXT NOT NULL, version INTEGER NOT NULL, path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tags_by_tag ON tags (tag, version);
CREATE INDEX IF NOT EXISTS tags_by_path ON tags (path);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS releases (release TEXT PRIMARY KEY);
"""
_ready: set[Path] = set()  # folders whose schema this process has made sure of


@contextmanager
def locked(base: Path):
    """The index inside a write transaction: one page write, purge or sweep at a time, across
    every process that shares the folder."""
    new = not (base / INDEX).exists()
    if not base.exists():
        base.mkdir(parents=True)
        base.chmod(0o755)
    db = sqlite3.connect(base / INDEX, timeout=15, isolation_level=None)
    try:
        if new or base not in _ready:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            _ready.add(base)
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            if new:
                wipe(base)  # files older than this index are nobody's to purge
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.close()


def temporary(base: Path, content: bytes) -> str:
    """A new file holding `content`, in the folder's tmp/ (same file system as pages/)."""
    folder = base / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder)
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.chmod(name, 0o644)  # nginx's workers run as another user
    return name


def remove_temporary(names: Iterable[str]) -> None:
    for name in names:
        with suppress(FileNotFoundError):
            os.unlink(name)


def make_folders(folder: Path) -> None:
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(exist_ok=True)
        path.chmod(0o755)  # whatever the umask: nginx's workers must read them


def check_release(db, base: Path) -> None:
    """A process of a release never seen here claims the folder as it starts: pages rendered by
    other code go. A release that has already owned the folder and was superseded never claims
    it back: in a rolling restart a process of the old release that starts late (a worker
    respawned or recycled) would otherwise empty the folder the new release fills, and back
    again. (Rolling back therefore takes a new release name, `DATELINE_RELEASE`.)"""
    row = db.execute("SELECT value FROM meta WHERE key = 'release'").fetchone()
    if row is not None and row[0] == release_id():
        return
    if row is not None and _seen(db, release_id()):
        return  # superseded: it writes nothing (owned_by_this_release) and empties nothing
    db.execute("DELETE FROM files")
    db.execute("DELETE FROM tags")
    wipe(base)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('release', ?)", (release_id(),))
    # The one superseded too (a folder claimed before releases were recorded).
    db.executemany(
        "INSERT OR IGNORE INTO releases VALUES (?)", [(release_id(),), *([row] if row else [])]
    )


def _seen(db, release: str) -> bool:
    return db.execute("SELECT 1 FROM releases WHERE release = ?", (release,)).fetchone() is not None


def owned_by_this_release(db, base: Path) -> bool:
    """Whether this process may write pages: the folder is new, or the newest release to start
    claimed it as this one. In a rolling restart the processes not yet restarted then write
    nothing, instead of emptying the folder the new ones fill (and back again)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'release'").fetchone()
    if row is None:
        check_release(db, base)
        return True
    return row[0] == release_id()


def paths_where(db, where: str, *params) -> list[str]:
    return [row[0] for row in db.execute(f"SELECT path FROM files WHERE {where}", params)]  # noqa: S608 - constant clauses


def expired(db, now: float) -> list[str]:
    return paths_where(db, "expires <= ?", now)


def delete(db, pages: Path, paths: list[str], dry_run: bool = False) -> int:
    """Delete these files and forget them; return how many."""
    if dry_run:
        return len(paths)
    unlink(pages, paths)
    for chunk in chunks(paths):
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM files WHERE path IN ({marks})", chunk)  # noqa: S608
        db.execute(f"DELETE FROM tags WHERE path IN ({marks})", chunk)  # noqa: S608
    return len(paths)


# Each page file has a gzip copy beside it (index.html.gz) that nginx's gzip_static sends to
# readers who accept gzip; it lives and dies with its page and is not in the index itself.
GZIP_SUFFIX = ".gz"


def unlink(pages: Path, paths: Iterable[str]) -> None:
    for path in paths:
        # The copy goes first: nginx finds a page by its plain file, so the copy of a page
        # being purged is never read after the page itself went.
        for name in (path + GZIP_SUFFIX, path):
            with suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(pages / name)


def wipe(base: Path) -> None:
    """Every file goes at once (one rename), then the folder is deleted at leisure."""
    with suppress(FileNotFoundError):
        shutil.rmtree(move_to_trash(base, base / PAGES), ignore_errors=True)


def move_to_trash(base: Path, folder: Path) -> Path:
    trash = base / f"trash-{uuid.uuid4().hex}"
    os.replace(folder, trash)
    return trash


def chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def tagged(db, tags: list[str]) -> set[str]:
    """The files of the pages that carry any of these tags."""
    found = set()
    for chunk in chunks(tags):
        marks = ",".join("?" * len(chunk))
        query = f"SELECT DISTINCT path FROM tags WHERE tag IN ({marks})"  # noqa: S608
        found.update(row[0] for row in db.execute(query, chunk))
    return found


def sweep_folder(base: Path, today: str, now: float, current_versions, dry_run: bool) -> dict:
    """Remove files of other days, expired ones, those whose tag versions moved (see
    edge.sweep) and files the index does not know; return how many of each."""
    pages, counts, trash = base / PAGES, {}, []
    with locked(base) as db:
        counts["other days"] = delete(db, pages, paths_where(db, "day != ?", today), dry_run)
        counts["expired"] = delete(db, pages, expired(db, now), dry_run)
        if not dry_run and pages.is_dir():
            trash = [move_to_trash(base, f) for f in pages.iterdir() if f.name != today]
        pairs = db.execute("SELECT DISTINCT tag, version FROM tags").fetchall()
    current = current_versions(sorted({tag for tag, _ in pairs}))
    stale = [(tag, version) for tag, version in pairs if current.get(tag) != version]
    in_stale = "path IN (SELECT path FROM tags WHERE tag = ? AND version = ?)"
    with locked(base) as db:
        found = {p for tag, version in stale for p in paths_where(db, in_stale, tag, version)}
        counts["stale"] = delete(db, pages, sorted(found), dry_run)
    on_disk = {p.relative_to(pages).as_posix() for p in (pages / today).rglob("*") if p.is_file()}
    with locked(base) as db:  # under the lock, every file written so far is in the index
        known = set(paths_where(db, "1"))
        known |= {path + GZIP_SUFFIX for path in known}
        orphans = sorted(on_disk - known)
        counts["unknown"] = len(orphans)
        if not dry_run:
            unlink(pages, orphans)
    if not dry_run:
        for leftover in [*trash, *base.glob("trash-*")]:
            shutil.rmtree(leftover, ignore_errors=True)
        for unfinished in (base / "tmp").glob("*"):  # left by a killed process
            with suppress(OSError):
                if unfinished.stat().st_mtime < now - 600:
                    unfinished.unlink()
    return counts
