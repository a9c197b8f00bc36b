"""Commenters' emails: encrypted at rest, found again through a keyed blind index.

An email is stored as ``<key id>$<Fernet token>``. The key id says which key encrypted it, so keys
can be rotated: a new key is put first, every email is re-encrypted with it
(`dateline rotate_email_keys`), and old keys keep decrypting until then. Beside the ciphertext
sits an HMAC-SHA256 of the normalised address under a separate key (the blind index), which
finds a commenter's comments without decrypting anything. Neither value is ever shown to
anyone: no email-derived value leaves the server (the Gravatar lesson, docs/privacy.md).

Keys come from the environment (DATELINE_EMAIL_KEYS, DATELINE_EMAIL_INDEX_KEY) or from files in
the data folder, created on first use and re-read when they change, so a rotation needs no
restart of the web processes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.encoding import force_bytes

from dateline.settings.files import create_once

SEPARATOR = "$"
_lock = threading.Lock()
_file_cache: dict[str, tuple[float, object]] = {}


class EmailKeyError(RuntimeError):
    """No key can decrypt a stored email (a key was removed before re-encryption)."""


def normalise_email(email: str) -> str:
    """The form of an address that the index is computed on: trimmed and lower-cased."""
    return (email or "").strip().lower()


def _read_cached(path: Path, parse):
    mtime = path.stat().st_mtime
    cached = _file_cache.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    value = parse(path.read_text())
    _file_cache[str(path)] = (mtime, value)
    return value


def _parse_key_lines(text: str) -> list[tuple[str, str]]:
    keys = []
    for line in text.splitlines():
        key_id, sep, key = line.strip().partition(":")
        if sep and key_id and key:
            keys.append((key_id, key.strip()))
    return keys


def encryption_keys() -> list[tuple[str, str]]:
    """(id, Fernet key) pairs, the current key first."""
    if settings.DATELINE_EMAIL_KEYS:
        return list(settings.DATELINE_EMAIL_KEYS)
    path = Path(settings.DATELINE_EMAIL_KEY_FILE)
    with _lock:
        if not path.exists():
            create_once(path, f"k1:{Fernet.generate_key().decode()}\n")
        keys = _read_cached(path, _parse_key_lines)
    if not keys:
        raise EmailKeyError(f"{path} holds no email key")
    return keys


def index_key() -> bytes:
    """The blind index's HMAC key (separate from the encryption keys, never rotated)."""
    if settings.DATELINE_EMAIL_INDEX_KEY:
        return force_bytes(settings.DATELINE_EMAIL_INDEX_KEY)
    path = Path(settings.DATELINE_EMAIL_INDEX_KEY_FILE)
    with _lock:
        if not path.exists():
            create_once(path, secrets.token_urlsafe(48) + "\n")
        return force_bytes(_read_cached(path, str.strip))


def blind_index(email: str) -> str:
    """HMAC-SHA256 of the normalised address: equal for equal emails, useless without the key."""
    normal = normalise_email(email)
    if not normal:
        return ""
    return hmac.new(index_key(), normal.encode(), hashlib.sha256).hexdigest()


def keyed_digest(*parts: object) -> str:
    """A keyed digest of any values (duplicate keys, reporter keys): not reversible, not shown."""
    message = "\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")
    return hmac.new(index_key(), message, hashlib.sha256).hexdigest()


def encrypt(plaintext: str) -> str:
    """Encrypt with the current key; '' stays ''."""
    if not plaintext:
        return ""
    key_id, key = encryption_keys()[0]
    token = Fernet(key.encode()).encrypt(plaintext.encode("utf-8")).decode()
    return f"{key_id}{SEPARATOR}{token}"


def decrypt(stored: str) -> str:
    """Decrypt a value written by `encrypt`; raises EmailKeyError when no key fits."""
    if not stored:
        return ""
    key_id, sep, token = stored.partition(SEPARATOR)
    keys = dict(encryption_keys())
    if not sep or key_id not in keys:
        raise EmailKeyError(f"no email key with id {key_id!r}")
    try:
        return Fernet(keys[key_id].encode()).decrypt(token.encode()).decode("utf-8")
    except InvalidToken as exc:
        raise EmailKeyError(f"the email key {key_id!r} does not decrypt this value") from exc


def current_key_id() -> str:
    return encryption_keys()[0][0]


def add_file_key() -> str:
    """Put a new key first in the data folder's key file and return its id (for rotation)."""
    if settings.DATELINE_EMAIL_KEYS:
        raise EmailKeyError(
            "the email keys come from DATELINE_EMAIL_KEYS: add the new key there, first, "
            "then run the rotation again without --new-key"
        )
    keys = encryption_keys()
    numbers = [int(k[1:]) for k, _ in keys if k.startswith("k") and k[1:].isdigit()]
    new_id = f"k{max(numbers, default=0) + 1}"
    lines = [f"{new_id}:{Fernet.generate_key().decode()}"] + [f"{i}:{k}" for i, k in keys]
    path = Path(settings.DATELINE_EMAIL_KEY_FILE)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n")
    temporary.chmod(0o600)
    temporary.replace(path)
    _file_cache.pop(str(path), None)
    return new_id


def retire_file_keys(keep: set[str]) -> list[str]:
    """Drop keys not in `keep` from the key file (after every email uses the current key)."""
    if settings.DATELINE_EMAIL_KEYS:
        return []
    keys = encryption_keys()
    kept = [(i, k) for n, (i, k) in enumerate(keys) if n == 0 or i in keep]
    removed = [i for i, _ in keys if (i, dict(keys)[i]) not in kept]
    path = Path(settings.DATELINE_EMAIL_KEY_FILE)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(f"{i}:{k}" for i, k in kept) + "\n")
    temporary.chmod(0o600)
    temporary.replace(path)
    _file_cache.pop(str(path), None)
    return removed
