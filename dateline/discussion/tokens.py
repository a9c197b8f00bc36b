"""Signed values the discussion hands out: the form token, the reader's cookies, mailed links.

The form token is the same for every reader of a cached page (it carries only the article id and
the time the page was rendered), which is what lets the article page be cached whole
(docs/decisions/0003-cache-safe-comment-form.md). Everything personal lives in cookies that only
the reader's own browser sends back.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from dateline.discussion import crypto

FORM_SALT = "dateline.discussion.form-token"
COMMENTS_SALT = "dateline.discussion.own-comments"
COMMENTS_COOKIE = "dateline_comments"
COMMENTER_COOKIE = "dateline_commenter"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
MAX_REMEMBERED_COMMENTS = 30


def _now() -> float:
    return timezone.now().timestamp()


# A token's stamp is in tenths of a second, rounded up: every token of one tenth is the same
# (busy pages reuse it, see _fresh_token), and an age counted from the end of that tenth is never
# more than the real one, so the fill-time minimum is never shortened in a bot's favour (whole
# seconds, truncated, gave it up to a second: a post 2.1 s after the page counted as 3). A
# person waits at most a tenth longer than the minimum.
_TICKS_PER_SECOND = 10


def _stamp_tick() -> int:
    return math.ceil(_now() * _TICKS_PER_SECOND)


def _form_token_at(page_id: int, tick: int) -> str:
    stamp = tick / _TICKS_PER_SECOND
    return signing.dumps({"p": int(page_id), "t": stamp}, salt=FORM_SALT, compress=True)


def form_token(page_id: int) -> str:
    """A token for the comment form of one article, stamped with the time it was issued."""
    return _form_token_at(page_id, _stamp_tick())


_TOKEN_FIELD = b'name="token" value="'


_fresh: dict[bytes, tuple[int, bytes]] = {}  # stored token -> (tick, token stamped then)


def _fresh_token(stored: bytes) -> bytes:
    """The stored token stamped now (b'' if it is not a valid token). A token has a resolution
    of a tenth of a second, so busy pages reuse this tenth's token instead of signing every hit."""
    tick = _stamp_tick()
    kept = _fresh.get(stored)
    if kept and kept[0] == tick:
        return kept[1]
    state = read_form_token(stored.decode("ascii", "replace"))
    if not state.valid:
        return b""
    if len(_fresh) > 1024:
        _fresh.clear()
    token = _form_token_at(state.page_id, tick).encode()
    _fresh[stored] = (tick, token)
    return token


def restamp(content: bytes) -> bytes:
    """A cached page with its form tokens stamped now, so the fill-time check counts from when
    this reader got the page, not from when the cache first rendered it (decision 0004).

    Only a valid token is replaced, for the same article; every other byte is left. Found with
    bytes.find, not a regular expression: this runs on every cache hit (bench/form_token.py)."""
    parts = []
    position = 0
    while (found := content.find(_TOKEN_FIELD, position)) != -1:
        start = found + len(_TOKEN_FIELD)
        end = content.find(b'"', start)
        if end == -1:
            break
        fresh = _fresh_token(content[start:end])
        if fresh:
            parts += [content[position:start], fresh]
        else:
            parts.append(content[position:end])
        position = end
    if not parts:
        return content
    parts.append(content[position:])
    return b"".join(parts)


# The start of writing, for forms served from copies Dateline cannot re-stamp (edge mode's nginx,
# a CDN): the comment box's :focus style loads /discussion/writing/, which sets this cookie
# (decision 0005). Not one of the page cache's bypass cookies: the reader keeps edge copies.
WRITING_SALT = "dateline.discussion.writing"
WRITING_COOKIE = "dateline_writing"


def writing_stamp() -> str:
    # To the millisecond: one stamp per focus, nothing to reuse, so no rounding to err with.
    return signing.dumps({"t": round(_now(), 3)}, salt=WRITING_SALT)


def writing_age(request) -> float | None:
    """Seconds since this browser began writing (focused the comment box), if it says so."""
    raw = request.COOKIES.get(WRITING_COOKIE) if request is not None else None
    if not raw:
        return None
    try:
        data = signing.loads(
            raw, salt=WRITING_SALT, max_age=settings.DATELINE_DISCUSSION_FORM_MAX_AGE
        )
        return _now() - float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def set_writing_stamp(request, response) -> None:
    options = _cookie_options(request)
    options["max_age"] = settings.DATELINE_DISCUSSION_FORM_MAX_AGE
    response.set_cookie(WRITING_COOKIE, writing_stamp(), **options)


@dataclass(frozen=True)
class FormTokenState:
    valid: bool
    page_id: int | None = None
    age: float = 0.0


def read_form_token(token: str) -> FormTokenState:
    """Check the signature and say how old the token is (judging the age is the checks' job)."""
    try:
        data = signing.loads(token or "", salt=FORM_SALT)
        # Never below 0: a stamp rounded up to the end of its tenth is "from the future" for the
        # rest of that tenth (and another server's clock may run a little ahead).
        return FormTokenState(True, int(data["p"]), max(0.0, _now() - float(data["t"])))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return FormTokenState(False)


def own_comment_ids(request) -> list[int]:
    """Ids of comments this browser posted (from the signed cookie); [] when absent or forged."""
    raw = request.COOKIES.get(COMMENTS_COOKIE)
    if not raw:
        return []
    try:
        ids = signing.loads(raw, salt=COMMENTS_SALT, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int)][-MAX_REMEMBERED_COMMENTS:]


def _cookie_options(request) -> dict:
    return {
        "max_age": COOKIE_MAX_AGE,
        "httponly": True,
        "samesite": "Lax",
        "secure": request.is_secure() or settings.SESSION_COOKIE_SECURE,
    }


def remember_comment(request, response, comment_id: int) -> None:
    """Add a comment to the browser's signed list of its own comments.

    The list lets the reader see their own pending comment, and once one of them is approved it
    is the proof that a returning commenter is who they say (name and email alone prove nothing).
    """
    ids = [i for i in own_comment_ids(request) if i != comment_id] + [comment_id]
    value = signing.dumps(ids[-MAX_REMEMBERED_COMMENTS:], salt=COMMENTS_SALT, compress=True)
    response.set_cookie(COMMENTS_COOKIE, value, **_cookie_options(request))


def remembered_commenter(request) -> dict:
    """Name, email and website saved with the reader's consent (encrypted in their cookie)."""
    raw = request.COOKIES.get(COMMENTER_COOKIE)
    if not raw:
        return {}
    try:
        data = json.loads(crypto.decrypt(raw))
    except (crypto.EmailKeyError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data.get(k, ""))[:300] for k in ("name", "email", "website")}


def save_commenter(request, response, *, name: str, email: str, website: str) -> None:
    """Set the consent cookie; its content is encrypted, so it shows no address in transit logs."""
    value = crypto.encrypt(json.dumps({"name": name, "email": email, "website": website}))
    response.set_cookie(COMMENTER_COOKIE, value, **_cookie_options(request))


def forget_commenter(response) -> None:
    response.delete_cookie(COMMENTER_COOKIE, samesite="Lax")


def new_link_token() -> tuple[str, str]:
    """A random token for a mailed link, and the digest that is all the database keeps."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


VERIFY_SALT = "dateline.discussion.verify-email"


def verify_token(comment_id: int) -> str:
    """The 'this is my comment' link mailed to a returning commenter whose comment was held."""
    return signing.dumps({"c": int(comment_id)}, salt=VERIFY_SALT)


def read_verify_token(token: str, max_age: int = 7 * 24 * 3600) -> int | None:
    try:
        return int(signing.loads(token, salt=VERIFY_SALT, max_age=max_age)["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
