"""Sanitising every text field of agency copy with nh3 (feedparser leaves text/plain alone).

Text fields come out as plain text with no markup at all; body HTML keeps only what an
article paragraph can show. Both run again until nothing changes, so that markup hidden behind
one level of escaping (``&lt;script&gt;``) cannot come back as live markup after unescaping.
"""

from __future__ import annotations

import html
import re

import nh3

BODY_TAGS = {"p", "br", "a", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "h2"}
BODY_TAGS |= {"h3", "h4"}
BODY_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Characters XML 1.0 cannot carry: one in a headline would take the site's feeds down.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def text(value, max_length: int | None = None) -> str:
    """Plain text: every tag and its script/style content removed, entities decoded."""
    if not value:
        return ""
    result = _CONTROL.sub("", str(value))
    for _ in range(4):
        cleaned = html.unescape(nh3.clean(result, tags=set(), url_schemes=URL_SCHEMES))
        cleaned = _SPACES.sub(" ", cleaned).strip()
        if cleaned == result:
            break
        result = cleaned
    if "<" in result:  # still markup after four rounds: keep the words, never a tag
        result = result.replace("<", "\u2039").replace(">", "\u203a")
    return result[:max_length] if max_length else result


def body(value) -> str:
    """Article HTML: paragraphs, lists, quotes, emphasis and http(s) links, nothing else."""
    if not value:
        return ""
    result = _CONTROL.sub("", str(value))
    for _ in range(4):
        cleaned = nh3.clean(
            result,
            tags=BODY_TAGS,
            attributes=BODY_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        ).strip()
        if cleaned == result:
            break
        result = cleaned
    return result


def plain_to_body(value: str) -> str:
    """Plain-text body copy as paragraphs (blank lines, or single lines, separate them)."""
    chunks = re.split(r"\n\s*\n", value.strip()) if "\n\n" in value else value.splitlines()
    return "".join(f"<p>{html.escape(text(c))}</p>" for c in chunks if text(c))
