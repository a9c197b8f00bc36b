"""Discussion mail: plain text only, one-click unsubscribe on every message, suppression list.

Messages are plain text, so no reader-written string can become live markup in anyone's mail
client. Every message carries an unsubscribe link in its body and in the List-Unsubscribe and
List-Unsubscribe-Post headers (RFC 8058); an address that used it gets no more mail from the
discussion, which is also what defuses a 'subscribe someone else' spam run.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse

from dateline.discussion import crypto

logger = logging.getLogger(__name__)
OPT_OUT_SALT = "dateline.discussion.opt-out"


def absolute(path: str) -> str:
    return f"{settings.DATELINE_BASE_URL}{path}"


def opt_out_token(kind: str, obj_id: int) -> str:
    """kind: 's' a reply subscription, 'c' a comment's author, 'u' a staff user."""
    return signing.dumps({"k": kind, "i": int(obj_id)}, salt=OPT_OUT_SALT)


def read_opt_out_token(token: str) -> tuple[str, int] | None:
    try:
        data = signing.loads(token or "", salt=OPT_OUT_SALT)
        return str(data["k"]), int(data["i"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def opt_out_url(kind: str, obj_id: int) -> str:
    return absolute(reverse("discussion:opt_out", args=[opt_out_token(kind, obj_id)]))


def is_suppressed(email: str) -> bool:
    from dateline.discussion.models import MailSuppression

    index = crypto.blind_index(email)
    return bool(index) and MailSuppression.objects.filter(email_index=index).exists()


def _one_line(text: str, limit: int = 150) -> str:
    return " ".join(str(text).split())[:limit]


def send(to: str, subject: str, body: str, *, opt_out: tuple[str, int] | None) -> bool:
    """Send one plain-text message unless the address opted out; returns whether it was sent.

    opt_out=None only for the privacy link, which answers the person's own request (an opted-out
    address must still be able to get its data) and is limited to a few a day.
    """
    if not to or (opt_out and is_suppressed(to)):
        return False
    headers = {}
    if opt_out:
        url = opt_out_url(*opt_out)
        body = f"{body}\n\n--\nUnsubscribe from these emails with one click: {url}\n"
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    try:
        message.send()
    except Exception:  # a mail server outage must not lose the comment; the task is logged
        logger.exception("discussion mail could not be sent")
        raise
    return True


def quote(text: str, limit: int = 600) -> str:
    """A comment's text for a plain-text mail: shortened, each line quoted."""
    text = str(text)
    short = text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " [...]"
    return "\n".join(f"> {line}" for line in short.splitlines())
