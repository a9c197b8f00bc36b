"""Online backups of everything a newsroom needs back, and their restore.

A backup folder holds the database (SQLite's online backup API, a consistent copy while the site
keeps writing; or ``pg_dump`` in its custom format), the media files, the key files of the data
folder (without the email keys, commenters' emails cannot be read) and ``manifest.json``: what
each file is, its size and SHA-256. A restore checks every checksum before it touches anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
KEY_FILES = ("secret_key.txt", "email_keys.txt", "email_index_key.txt")
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message says why and what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _database():
    connection = connections["default"]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection


def _pg_env(connection) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore, the password in the environment only."""
    params = connection.get_connection_params()
    args = []
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            args += [flag, str(params[key])]
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return args + ["--dbname", str(params.get("dbname") or params.get("database"))], env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt install postgresql-client)")
    # The program is pg_dump or pg_restore; the arguments come from settings, not from a request.
    result = subprocess.run(command, capture_output=True, text=True, env=env)  # noqa: S603
    if result.returncode != 0:
        detail = result.stderr.strip()[-800:]
        if "server version" in detail and "mismatch" in detail:
            detail += (
                "\nInstall the postgresql-client of the server's major version (or newer) "
                "and put it first on PATH."
            )
        raise BackupError(f"{command[0]} failed: {detail}")


def backup(target: Path, progress=print) -> dict:
    """Write a backup into the new or empty folder `target`; returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new folder")
    target.mkdir(parents=True, exist_ok=True)
    connection = _database()
    started = time.monotonic()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target / SQLITE_FILE)
        with copy:
            source.backup(copy, pages=1024)  # in steps: writers are not held for the whole copy
        copy.close()
        source.close()
        database_file = SQLITE_FILE
    else:
        args, env = _pg_env(connection)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / PG_FILE), *args],
            env,
        )
        database_file = PG_FILE
    progress(f"database copied ({connection.vendor}) in {time.monotonic() - started:.1f}s")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, target / "media")
    data_dir = Path(settings.DATA_DIR)
    (target / "keys").mkdir()
    for name in KEY_FILES:
        if (data_dir / name).is_file():
            shutil.copy2(data_dir / name, target / "keys" / name)
            (target / "keys" / name).chmod(0o600)
    files = {}
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        relative = path.relative_to(target).as_posix()
        files[relative] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "database_file": database_file,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    media = sum(1 for name in files if name.startswith("media/"))
    progress(
        f"backup written to {target}: {len(files)} files ({media} media), "
        f"{sum(f['bytes'] for f in files.values()):,} bytes, in {time.monotonic() - started:.1f}s"
    )
    return manifest


def verify(source: Path) -> dict:
    """The manifest of a complete, unaltered backup; BackupError naming what is wrong."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of format {manifest.get('format')!r}")
    for relative, expected in manifest["files"].items():
        path = source / relative
        if not path.is_file():
            raise BackupError(f"{relative} is missing from the backup")
        if path.stat().st_size != expected["bytes"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{relative} does not match its checksum: the backup is damaged")
    return manifest


def restore(source: Path, progress=print) -> dict:
    """Replace the database, media and key files with the backup's (checked first)."""
    source = Path(source)
    manifest = verify(source)
    connection = _database()
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"this is a {manifest['database']} backup and DATABASE_URL is {connection.vendor}"
        )
    started = time.monotonic()
    connections.close_all()
    if connection.vendor == "sqlite":
        backup_db = sqlite3.connect(source / manifest["database_file"])
        live = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        with live:
            backup_db.backup(live)  # through SQLite, so the live WAL and readers stay coherent
        live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        live.close()
        backup_db.close()
    else:
        args, env = _pg_env(connection)
        dump = str(source / manifest["database_file"])
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                dump,
            ],
            env,
        )
    progress(f"database restored ({connection.vendor}) in {time.monotonic() - started:.1f}s")
    if (source / "media").is_dir():
        shutil.copytree(source / "media", Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    data_dir = Path(settings.DATA_DIR)
    for path in sorted((source / "keys").glob("*")):
        shutil.copy2(path, data_dir / path.name)
        (data_dir / path.name).chmod(0o600)
    progress(
        f"restored from {source} (taken {manifest['created_at']}) in "
        f"{time.monotonic() - started:.1f}s; restart the servers and workers"
    )
    return manifest
