"""A comment's plain text as HTML: paragraphs, line breaks and links, and nothing else.

The reader's text is never parsed as HTML. It is split into URL and non-URL pieces, each piece
is escaped, links are built from escaped parts (pitfalls: rewriting HTML after sanitising is
how WordPress 5.1 reopened XSS), and the result goes through nh3 last, allowing only p, br and
a[href] with http(s) addresses, so even a bug above cannot let markup through.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

LINK_REL = "nofollow ugc noopener"
_URL = re.compile(r"""(?i)\b(?:https?://|www\.)[^\s<>"'`]+""")
_TRAILING = ".,;:!?'\"*"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _trim(url: str) -> tuple[str, str]:
    """Split punctuation that ends a sentence, not the URL, off the end of a match."""
    tail = ""
    while url:
        last = url[-1]
        if last in _TRAILING or last in _PAIRS and url.count(last) > url.count(_PAIRS[last]):
            pass
        else:
            break
        tail = last + tail
        url = url[:-1]
    return url, tail


def find_links(text: str) -> list[str]:
    """The addresses in a text that the page will turn into links."""
    found = []
    for match in _URL.finditer(text or ""):
        url, _ = _trim(match.group(0))
        if len(url) > len("www.") and not url.lower().endswith("://"):
            found.append(url)
    return found


def _linkify(line: str) -> str:
    parts, position = [], 0
    for match in _URL.finditer(line):
        url, tail = _trim(match.group(0))
        if len(url) <= len("www.") or url.lower().endswith("://"):
            continue
        parts.append(escape(line[position : match.start()]))
        href = url if "://" in url else f"http://{url}"
        parts.append(format_html('<a href="{}" rel="{}">{}</a>', href, LINK_REL, url))
        position = match.start() + len(url)
    parts.append(escape(line[position:]))
    return "".join(parts)


def render_text(text: str) -> str:
    """Plain text to safe HTML: blank lines part paragraphs, single newlines become <br>."""
    paragraphs = [p for p in re.split(r"\n\s*\n", (text or "").strip()) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line) for line in p.strip().split("\n")) + "</p>"
        for p in paragraphs
    )
    return mark_safe(  # noqa: S308 - nh3 is the sanitiser of last resort, see module docstring
        nh3.clean(
            html,
            tags={"p", "br", "a"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )
