"""RSS 0.9x/1.0/2.0 and Atom through feedparser, mapped to `WireCopy`."""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import UTC, datetime

import feedparser

from dateline.wire.formats import clean, iptc
from dateline.wire.formats.copy import Image, Refused, Topic, WireCopy

_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]{0,60})")
# feedparser reports these as "bozo" yet the document is well-formed XML.
_HARMLESS = (feedparser.CharacterEncodingOverride,)


def parse(data: bytes) -> list[WireCopy]:
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not isinstance(parsed.bozo_exception, _HARMLESS):
        raise Refused(f"not a well-formed feed: {_reason(parsed.bozo_exception)}")
    if not parsed.version:
        root = _ROOT.search(data[:65536])
        named = f"<{root.group(1).decode('ascii', 'replace')}>" if root else "no element"
        raise Refused(f"not a feed or a NewsML-G2 item: the root element is {named}")
    kind = "atom" if parsed.version.startswith("atom") else "rss"
    feed_title = clean.text(parsed.feed.get("title"), 200)
    items = []
    for entry in parsed.entries:
        copy = _entry(entry, kind, feed_title, parsed.feed)
        if copy is not None:
            items.append(copy)
    if not items:
        raise Refused(f"a feed ({parsed.version}) with no item that has a headline")
    return items


def _reason(exc) -> str:
    text = str(exc) or type(exc).__name__
    line = getattr(exc, "getLineNumber", None)
    return f"line {line()}: {text}" if callable(line) else text


def _entry(entry, kind: str, feed_title: str, feed) -> WireCopy | None:
    headline = clean.text(entry.get("title"), 255)
    summary = entry.get("summary", "")
    contents = [
        c.get("value", "")
        for c in entry.get("content", [])
        if c.get("value") and not _is_media_description(entry, c)
    ]
    if not headline:
        headline = clean.text(summary, 120)
    if not headline:
        return None
    body_source = contents[0] if contents else summary
    body = clean.body(body_source)
    standfirst = clean.text(summary, 600) if contents else ""
    link = entry.get("link", "")
    filed_at = _when(entry.get("published_parsed") or entry.get("updated_parsed"))
    # A stable identity without a guid: the link, else the headline and date (never the body,
    # which a feed may re-render on every fetch: that made a new item each run).
    agency_id = entry.get("id") or link or _hash(headline, filed_at.isoformat() if filed_at else "")
    topics = [
        Topic(name=clean.text(t.get("label") or t.get("term"), 100), code=_code(t))
        for t in entry.get("tags", [])
        if clean.text(t.get("label") or t.get("term"))
    ]
    rights = entry.get("rights") or feed.get("rights") or feed.get("copyright") or ""
    return WireCopy(
        agency_id=clean.text(agency_id, 400),
        headline=headline,
        format=kind,
        standfirst=standfirst,
        body_html=body,
        byline=clean.text(entry.get("author"), 200),
        filed_at=filed_at,
        source_name=clean.text(_source_name(entry) or feed_title, 200),
        link=_http(link),
        topics=topics,
        images=_images(entry),
        language=clean.text(entry.get("language") or feed.get("language"), 20),
        copyright=clean.text(rights, 400),
    )


def _source_name(entry) -> str:
    source = entry.get("source") or {}
    return source.get("title", "") if hasattr(source, "get") else ""


def _code(tag) -> str:
    return iptc.code_in_scheme(tag.get("scheme"), clean.text(tag.get("term"), 100))


def _images(entry) -> list[Image]:
    found = []
    for enclosure in entry.get("enclosures", []):
        if str(enclosure.get("type", "")).startswith("image/") and _http(enclosure.get("href")):
            found.append(Image(href=_http(enclosure["href"])))
    for media in entry.get("media_content", []):
        is_image = media.get("medium") == "image" or str(media.get("type", "")).startswith("image/")
        if is_image and _http(media.get("url")):
            found.append(Image(href=_http(media["url"])))
    credit = clean.text((entry.get("media_credit") or [{}])[0].get("content"), 200)
    described = [c for c in entry.get("content", []) if _is_media_description(entry, c)]
    caption = clean.text(described[0].get("value") if described else "", 400)
    return [Image(href=i.href, caption=caption, credit=credit) for i in found[:5]]


def _is_media_description(entry, content) -> bool:
    """feedparser files Media RSS's <media:description> (a photo's caption) as a text/plain
    `content`: with a photo in the entry, plain-text content is that caption, not the body
    (an RSS body is HTML: description or content:encoded)."""
    return bool(entry.get("media_content")) and content.get("type") == "text/plain"


def _http(url) -> str:
    url = str(url or "").strip()
    return url[:1000] if url.lower().startswith(("http://", "https://")) else ""


def _when(parsed) -> datetime | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _hash(*parts: str) -> str:
    return "sha256:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
