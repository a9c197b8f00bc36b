"""The one module that reads the process environment.

Every setting that an operator may change arrives here, is parsed and validated once, and is
handed to the settings modules as plain Python values. Nothing else in Dateline reads os.environ.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from .files import create_once


class ConfigurationError(RuntimeError):
    """A required setting is missing or malformed; the message says which and how to fix it."""


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return value.strip() if value is not None and value.strip() else None


def flag(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be a yes/no value (1, 0, true, false), not {value!r}")


def integer(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from None


def data_dir() -> Path:
    """DATELINE_DATA_DIR: the folder that holds the SQLite database, media and keys."""
    path = Path(_raw("DATELINE_DATA_DIR") or Path.cwd() / "data").expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database(default_sqlite: Path) -> dict:
    """DATABASE_URL, or an SQLite file in the data folder."""
    url = _raw("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    try:
        config = dj_database_url.parse(url, conn_max_age=integer("DATELINE_DB_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ConfigurationError(
            f"DATABASE_URL is not a database URL Dateline understands: {exc}"
        ) from exc
    if config["ENGINE"].endswith("sqlite3"):
        # Connections are kept (DATELINE_DB_CONN_MAX_AGE) as for PostgreSQL: opening one and
        # running these pragmas on every request cost a quarter of a comment POST (bench/).
        # WAL lets readers carry on while one writer commits; NORMAL survives a killed process
        # (the last commits may be lost on power loss, which docs/operations.md states).
        # secure_delete zeroes what a delete or an erase frees, so no erased byte stays in the
        # file (dateline/core/sqlite.py checkpoints after an erase).
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


def redis_url() -> str | None:
    """REDIS_URL: optional; without it Dateline caches in local files."""
    return _raw("REDIS_URL")


def secret_key(data_folder: Path, *, required: bool) -> str:
    """SECRET_KEY from the environment; in development, generated once and kept in the data folder.

    Production passes required=True and refuses to start without one, so that a restart can never
    silently sign sessions and tokens with a new key.
    """
    value = _raw("SECRET_KEY")
    if value:
        return value
    if required:
        raise ConfigurationError(
            "SECRET_KEY is not set. Production refuses to start without one: generate it with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'` and set SECRET_KEY."
        )
    key_file = data_folder / "secret_key.txt"
    if not key_file.exists():
        create_once(key_file, secrets.token_urlsafe(64))
    return key_file.read_text().strip()


def allowed_hosts(default: list[str]) -> list[str]:
    value = _raw("ALLOWED_HOSTS")
    return [h.strip() for h in value.split(",") if h.strip()] if value else default


def time_zone() -> str:
    """DATELINE_TIME_ZONE: the newsroom's time zone, which sets the masthead's 'today'."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = _raw("DATELINE_TIME_ZONE") or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"DATELINE_TIME_ZONE={name!r} is not an IANA time zone (e.g. Europe/Paris)"
        ) from None
    return name


def base_url(default: str) -> str:
    return (_raw("DATELINE_BASE_URL") or default).rstrip("/")


def text(name: str, default: str | None = None) -> str | None:
    return _raw(name) or default


def email_url() -> str | None:
    """DATELINE_SMTP_URL, e.g. smtp://user:pass@mail.example.org:587 (production mail)."""
    return _raw("DATELINE_SMTP_URL")


def email_keys() -> list[tuple[str, str]] | None:
    """DATELINE_EMAIL_KEYS: commenters' email encryption keys, "id:key,id:key" (first encrypts).

    Each key is a Fernet key (32 url-safe base64 bytes). Unset: Dateline keeps its keys in the
    data folder (email_keys.txt), generated on first use and rotated by
    `dateline rotate_email_keys`.
    """
    value = _raw("DATELINE_EMAIL_KEYS")
    if value is None:
        return None
    keys = []
    for item in value.split(","):
        key_id, sep, key = item.strip().partition(":")
        if not sep or not key_id.isalnum() or len(key.strip()) != 44:
            raise ConfigurationError(
                "DATELINE_EMAIL_KEYS must be a comma-separated list of id:key pairs, each key a "
                "Fernet key (`python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)"
            )
        keys.append((key_id, key.strip()))
    return keys


def email_index_key() -> str | None:
    """DATELINE_EMAIL_INDEX_KEY: the HMAC key of the commenters' email look-up index.

    Unset: kept in the data folder (email_index_key.txt). It must never change once comments
    exist, or look-ups by email (export, erase, a commenter's other comments) stop matching.
    """
    value = _raw("DATELINE_EMAIL_INDEX_KEY")
    if value is not None and len(value) < 32:
        raise ConfigurationError("DATELINE_EMAIL_INDEX_KEY must be at least 32 characters long")
    return value


def trusted_proxies() -> list[str]:
    """DATELINE_TRUSTED_PROXIES: addresses or CIDR ranges whose X-Forwarded-For is believed.

    Empty by default: the client address is REMOTE_ADDR, so a forged header cannot dodge the
    comment rate limits.
    """
    value = _raw("DATELINE_TRUSTED_PROXIES")
    return [p.strip() for p in value.split(",") if p.strip()] if value else []


def edge_root() -> Path | None:
    """DATELINE_EDGE_ROOT: a folder the page cache also writes pages to, for nginx to serve
    without Python ("edge mode", docs/operations.md). Unset: edge mode is off."""
    value = _raw("DATELINE_EDGE_ROOT")
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise ConfigurationError(f"DATELINE_EDGE_ROOT must be an absolute path, not {value!r}")
    return path.resolve()


def switch_interval_ms() -> float | None:
    """DATELINE_SWITCH_INTERVAL_MS: how long a Python thread of a server worker may hold the
    interpreter before another gets it (Python's default: 5 ms). Lower lets a worker's cached
    answers pass a page being rendered in its other thread sooner (bench/README.md, storm)."""
    value = _raw("DATELINE_SWITCH_INTERVAL_MS")
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0.05 <= number <= 100:
        raise ConfigurationError(
            f"DATELINE_SWITCH_INTERVAL_MS must be milliseconds from 0.05 to 100, not {value!r}"
        )
    return number


def edge_peers() -> list[str]:
    """DATELINE_EDGE_PEERS: the other app servers of an edge-mode install, as comma-separated
    base URLs (http://10.0.0.12:8000). A purge made on this server deletes their edge files too
    before it returns, so every server's nginx stops serving a changed page at once."""
    value = _raw("DATELINE_EDGE_PEERS")
    peers = [p.strip().rstrip("/") for p in (value or "").split(",") if p.strip()]
    for peer in peers:
        parts = urlsplit(peer)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path or parts.query:
            raise ConfigurationError(
                "DATELINE_EDGE_PEERS must list base URLs such as http://10.0.0.12:8000, "
                f"not {peer!r}"
            )
    return peers


def purge_url() -> str | None:
    """DATELINE_PURGE_URL: a caching proxy or CDN that accepts HTTP PURGE (Varnish, nginx with a
    purge module, Fastly...). Set, Dateline purges there every page a change affects."""
    return _raw("DATELINE_PURGE_URL")


SEARCH_BACKENDS = {
    "database": "wagtail.search.backends.database",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}


def search_backend() -> dict:
    """DATELINE_SEARCH_BACKEND (database by default, or opensearch2/3, elasticsearch8/9) and
    DATELINE_SEARCH_URL (the search server, for the latter)."""
    name = (_raw("DATELINE_SEARCH_BACKEND") or "database").lower()
    if name not in SEARCH_BACKENDS:
        raise ConfigurationError(
            f"DATELINE_SEARCH_BACKEND={name!r} is not one of {', '.join(SEARCH_BACKENDS)}"
        )
    config = {"BACKEND": SEARCH_BACKENDS[name]}
    if name != "database":
        url = _raw("DATELINE_SEARCH_URL")
        if not url:
            raise ConfigurationError(f"DATELINE_SEARCH_BACKEND={name} needs DATELINE_SEARCH_URL")
        config.update(URLS=[url], INDEX_PREFIX="dateline_", TIMEOUT=5, ATOMIC_REBUILD=True)
    return config
