"""Streaming reader for WordPress export files (WXR 1.0, 1.1 and 1.2).

Exports run to hundreds of megabytes, so the file is fed to expat in chunks and only the
element being read (one ``<item>`` or one channel-level ``<wp:author>``...) is ever held as a
tree; the ``<rss>`` and ``<channel>`` elements are never built at all, so nothing accumulates.
Parsing goes through defusedxml with DTDs, entities and external references forbidden: the
WordPress importer refuses any WXR with a DOCTYPE too, and that closes entity-expansion bombs
before a single byte of them is expanded.
"""

from __future__ import annotations

import re
from collections import deque
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from os import PathLike
from typing import IO, Iterator
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, tostring

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .records import (
    COMMENT_STATUSES,
    Author,
    Category,
    Comment,
    ParseProblem,
    Post,
    Record,
    Site,
    Tag,
    Term,
    WXRRefused,
)

_CHUNK = 64 * 1024
# WXR 1.2 files from WordPress.com use https:// namespaces, older ones http://; the excerpt
# namespace shares the prefix, so match the whole URI rather than a prefix.
_WP_NS = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/(excerpt/)?$")
_OTHER_NS = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_VERSION = re.compile(r"^\d+\.\d+$")
_SITE_FIELDS = {
    "title": "title", "link": "link", "description": "description", "language": "language",
    "pubDate": "pub_date", "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}
_HTML_FIELDS = ("content:encoded", "excerpt:encoded")
_ZERO_RSS_DATES = ("30 Nov -0001 00:00:00 +0000", "30 Nov 1999 00:00:00 +0000")


class _Broken(ValueError):
    """An element that cannot become a record; the record is skipped and reported."""


class _Refusal(Exception):
    """Raised from inside expat callbacks; the reader turns it into WXRRefused."""


class WXRReader:
    """Read a WXR file once, yielding records in document order.

    ``source`` is a path or a binary file object (a file object is left open). Iterating
    yields :class:`Author`, :class:`Category`, :class:`Tag`, :class:`Term` and :class:`Post`
    records as each element completes. A broken element becomes a :class:`ParseProblem` in
    :attr:`problems` and reading goes on; an XML syntax error after the header stops reading
    with a problem. :class:`WXRRefused` is raised, before any record is yielded, for input
    that is not XML, not a WordPress export, or that declares a DOCTYPE or entities.
    """

    def __init__(self, source: str | PathLike[str] | IO[bytes]) -> None:
        self._owns_stream = isinstance(source, (str, PathLike))
        self._stream: IO[bytes] = open(source, "rb") if self._owns_stream else source  # noqa: SIM115
        self.problems: list[ParseProblem] = []
        self._builder = _Builder(self.problems)
        self._xml = DefusedXMLParser(
            target=self._builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        self._builder.expat = self._xml.parser
        self._started = False
        self._done = False

    @property
    def site(self) -> Site:
        """Channel-level facts; reads ahead only as far as ``<wp:wxr_version>`` if need be."""
        while self._builder.version is None and not self._done:
            self._advance()
        return self._builder.site()

    def __iter__(self) -> Iterator[Record]:
        pending = self._builder.pending
        while True:
            if self._builder.version is not None:
                while pending:
                    yield pending.popleft()
            if self._done:
                return
            self._advance()

    def __enter__(self) -> WXRReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading and close the file if this reader opened it."""
        self._done = True
        if self._owns_stream:
            self._stream.close()

    def _advance(self) -> None:
        chunk = self._stream.read(_CHUNK)
        try:
            if not self._started:
                self._started = True
                _sniff(chunk)
            if chunk:
                self._xml.feed(chunk)
            else:
                self.close()
                self._xml.close()
        except DTDForbidden as exc:
            self._refuse(
                f"refused: the file declares a DOCTYPE ({exc.name}); WordPress exports never do,"
                " and DTDs enable entity-expansion attacks"
            )
        except (EntitiesForbidden, ExternalReferenceForbidden):
            self._refuse("refused: the file declares or references XML entities")
        except _Refusal as exc:
            self._refuse(str(exc))
        except ParseError as exc:
            line, column = exc.position
            if self._builder.version is None:
                self._refuse(f"refused: not well-formed XML at line {line}, column {column}: {exc}")
            self.close()
            self.problems.append(
                ParseProblem(
                    self._builder.item_index if self._builder.in_item else None,
                    line,
                    f"XML syntax error ({exc}); reading stopped after "
                    f"{self._builder.item_index + 1 - self._builder.in_item} complete items",
                )
            )

    def _refuse(self, reason: str) -> None:
        self.close()
        self._builder.pending.clear()
        raise WXRRefused(reason) from None


def _sniff(chunk: bytes | str) -> None:
    # WordPress.com hands out exports zipped; name the real problem instead of "not XML".
    if isinstance(chunk, bytes) and chunk[:4] == b"PK\x03\x04":
        raise _Refusal("refused: this is a ZIP archive; unzip it and import the .xml inside")
    if isinstance(chunk, bytes) and chunk[:2] == b"\x1f\x8b":
        raise _Refusal("refused: this file is gzip-compressed; decompress it first")
    if not chunk:
        raise _Refusal("refused: the file is empty")


class _Builder:
    """Expat target: tracks depth, builds one channel child at a time, converts it."""

    def __init__(self, problems: list[ParseProblem]) -> None:
        self.problems = problems
        self.pending: deque[Record] = deque()
        self.expat = None  # set by the reader: the expat parser, for line numbers
        self.version: str | None = None
        self.wp_namespace = ""
        self.item_index = -1
        self.in_item = False
        self._site: dict[str, str] = {}
        self._depth = 0
        self._in_channel = False
        self._tree: TreeBuilder | None = None
        self._lines: dict[Element, int] = {}
        self._names: dict[str, str] = {}

    def site(self) -> Site:
        fields = dict(self._site)
        try:
            pub_date = _parse_date(fields.pop("pub_date", ""))
        except ValueError:
            pub_date = None  # the channel date is informative only; not worth a problem
        return Site(
            wxr_version=self.version or "", wp_namespace=self.wp_namespace, pub_date=pub_date,
            **fields,
        )

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._depth += 1
        depth, tag = self._depth, self._short(tag)
        if depth == 1 and tag != "rss":
            raise _Refusal(f"refused: the root element is <{tag}>, not <rss>; not a WordPress export")
        if depth == 2:
            self._in_channel = tag == "channel"
        elif depth == 3 and self._in_channel:
            if tag == "item":
                if self.version is None:
                    raise _Refusal(
                        "refused: no <wp:wxr_version> before the first <item>; not a WordPress export"
                    )
                self.item_index += 1
                self.in_item = True
            self._tree = TreeBuilder()
        if self._tree is not None:
            elem = self._tree.start(tag, attrib)
            if depth <= 4:  # items and their comments report their own line
                self._lines[elem] = self.expat.CurrentLineNumber

    def data(self, text: str) -> None:
        if self._tree is not None:
            self._tree.data(text)

    def end(self, tag: str) -> None:
        self._depth -= 1
        if self._tree is not None:
            elem = self._tree.end(self._short(tag))
            if self._depth == 2:
                self._tree = None
                self.in_item = False
                self._finish(elem)
                self._lines.clear()
        elif self._depth <= 1 and self.version is None:
            raise _Refusal("refused: no <wp:wxr_version> in the channel; not a WordPress export")

    def close(self) -> None:
        if self.version is None:
            raise _Refusal("refused: no <wp:wxr_version> in the channel; not a WordPress export")

    def _short(self, tag: str) -> str:
        # "{https://wordpress.org/export/1.2/}post_id" -> "wp:post_id", whatever prefix the
        # file chose, so the rest of the code reads the same for every WXR version.
        name = self._names.get(tag)
        if name is None:
            name = tag
            if tag[:1] == "{":
                uri, _, local = tag[1:].partition("}")
                match = _WP_NS.match(uri)
                prefix = ("excerpt" if match.group(1) else "wp") if match else _OTHER_NS.get(uri)
                if prefix:
                    name = f"{prefix}:{local}"
                if prefix == "wp" and not self.wp_namespace:
                    self.wp_namespace = uri
            if len(self._names) < 10_000:  # a hostile file must not grow the cache forever
                self._names[tag] = name
        return name

    def _finish(self, elem: Element) -> None:
        tag, line = elem.tag, self._lines.get(elem)
        if tag == "wp:wxr_version":
            version = (elem.text or "").strip()
            if not _VERSION.match(version):
                raise _Refusal(f"refused: <wp:wxr_version> is {version!r}, not a version number")
            self.version = version
        elif tag in _SITE_FIELDS:
            self._site[_SITE_FIELDS[tag]] = (elem.text or "").strip()
        else:
            index = self.item_index if tag == "item" else None
            try:
                record = self._record(elem, index)
            except _Broken as exc:
                self.problems.append(ParseProblem(index, line, f"<{tag}> skipped: {exc}"))
            else:
                if record is not None:
                    self.pending.append(record)

    def _record(self, elem: Element, index: int | None) -> Record | None:
        f = _fields(elem)
        if elem.tag == "item":
            return self._post(elem, f, index)
        if elem.tag == "wp:author":
            return Author(
                login=f.get("wp:author_login", ""), author_id=_int(f, "wp:author_id", None),
                email=f.get("wp:author_email", ""),
                display_name=f.get("wp:author_display_name", ""),
                first_name=f.get("wp:author_first_name", ""),
                last_name=f.get("wp:author_last_name", ""),
            )
        if elem.tag == "wp:category":
            return Category(
                nicename=f.get("wp:category_nicename", ""), name=f.get("wp:cat_name", ""),
                term_id=_int(f, "wp:term_id", None), parent=f.get("wp:category_parent", ""),
                description=f.get("wp:category_description", ""),
            )
        if elem.tag == "wp:tag":
            return Tag(
                slug=f.get("wp:tag_slug", ""), name=f.get("wp:tag_name", ""),
                term_id=_int(f, "wp:term_id", None),
                description=f.get("wp:tag_description", ""),
            )
        if elem.tag == "wp:term":
            return Term(
                taxonomy=f.get("wp:term_taxonomy", ""), slug=f.get("wp:term_slug", ""),
                name=f.get("wp:term_name", ""), term_id=_int(f, "wp:term_id", None),
                parent=f.get("wp:term_parent", ""),
                description=f.get("wp:term_description", ""),
            )
        return None  # <generator>, <image>, plugin extras: nothing to import

    def _post(self, elem: Element, f: dict[str, str], index: int | None) -> Post:
        # Integers first: a corrupt id skips the item before its comments are looked at.
        post_id = _int(f, "wp:post_id", None)
        post_parent, menu_order = _int(f, "wp:post_parent", 0), _int(f, "wp:menu_order", 0)
        categories, comments = [], []
        for child in elem:
            if child.tag == "category":
                name = (child.text or "").strip()
                categories.append((child.get("domain", ""), child.get("nicename", ""), name))
            elif child.tag == "wp:comment":
                comment = self._comment(child, index)
                if comment is not None:
                    comments.append(comment)
        date = self._date
        return Post(
            post_id=post_id, post_type=f.get("wp:post_type", "post"),
            guid=f.get("guid", ""), title=f.get("title", ""), link=f.get("link", ""),
            post_name=f.get("wp:post_name", ""), status=f.get("wp:status", ""),
            post_parent=post_parent, menu_order=menu_order,
            is_sticky=f.get("wp:is_sticky") == "1", password=f.get("wp:post_password", ""),
            pub_date=date(f.get("pubDate", ""), "pubDate", index, elem),
            post_date_gmt=self._gmt(f, "wp:post_date", index, elem),
            modified_gmt=self._gmt(f, "wp:post_modified", index, elem),
            author=f.get("dc:creator", ""), content=f.get("content:encoded", ""),
            excerpt=f.get("excerpt:encoded", ""), comment_status=f.get("wp:comment_status", ""),
            ping_status=f.get("wp:ping_status", ""),
            attachment_url=f.get("wp:attachment_url", ""), categories=tuple(categories),
            postmeta=_meta(elem, "wp:postmeta"), comments=tuple(comments),
            line=self._lines.get(elem),
        )

    def _comment(self, elem: Element, index: int | None) -> Comment | None:
        f = _fields(elem)
        try:
            approved = f.get("wp:comment_approved", "")
            return Comment(
                comment_id=_int(f, "wp:comment_id", None),
                parent_id=_int(f, "wp:comment_parent", 0),
                author=f.get("wp:comment_author", ""),
                author_email=f.get("wp:comment_author_email", ""),
                author_url=f.get("wp:comment_author_url", ""),
                author_ip=f.get("wp:comment_author_IP", ""),
                date_gmt=self._gmt(f, "wp:comment_date", index, elem),
                content=f.get("wp:comment_content", ""), approved=approved,
                status=COMMENT_STATUSES.get(approved, "pending"),
                comment_type=f.get("wp:comment_type") or "comment",
                user_id=_int(f, "wp:comment_user_id", 0), meta=_meta(elem, "wp:commentmeta"),
            )
        except _Broken as exc:
            # One bad comment should not cost the whole post; its replies keep their parent id
            # and the runner decides what to do with an orphan.
            line = self._lines.get(elem)
            self.problems.append(ParseProblem(index, line, f"<wp:comment> skipped: {exc}"))
            return None

    def _gmt(self, f: dict[str, str], name: str, index: int | None, elem: Element):
        # WordPress leaves the GMT date zero on drafts; the local date read as UTC is the best
        # remaining guess (the export does not say the site's time zone).
        gmt = self._date(f.get(name + "_gmt", ""), name + "_gmt", index, elem)
        return gmt or self._date(f.get(name, ""), name, index, elem)

    def _date(self, text: str, name: str, index: int | None, elem: Element) -> datetime | None:
        try:
            return _parse_date(text)
        except ValueError:
            line = self._lines.get(elem)
            self.problems.append(
                ParseProblem(index, line, f"<{name}> {text!r} is not a date; left empty", False)
            )
            return None


def _fields(elem: Element) -> dict[str, str]:
    """First text of each direct child, stripped (edge whitespace in WXR is layout)."""
    fields: dict[str, str] = {}
    for child in elem:
        if child.tag not in fields:
            if len(child) and child.tag in _HTML_FIELDS:
                # Unescaped HTML in content:encoded parses as elements; keep it as markup.
                inner = "".join(tostring(c, encoding="unicode") for c in child)
                fields[child.tag] = ((child.text or "") + inner).strip()
            else:
                fields[child.tag] = (child.text or "").strip()
    return fields


def _meta(elem: Element, tag: str) -> dict[str, tuple[str, ...]]:
    meta: dict[str, tuple[str, ...]] = {}
    for child in elem:
        if child.tag == tag:
            pair = {part.tag: part.text or "" for part in child}
            key = pair.get("wp:meta_key", "").strip()
            # Values are kept byte for byte: serialized PHP counts the characters.
            meta[key] = meta.get(key, ()) + (pair.get("wp:meta_value", ""),)
    return meta


def _int(fields: dict[str, str], name: str, default: int | None) -> int | None:
    text = fields.get(name, "")
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise _Broken(f"<{name}> is {text[:40]!r}, not an integer") from None


def _parse_date(text: str) -> datetime | None:
    """Read the date formats seen in exports; naive values are taken as UTC.

    WordPress writes ``0000-00-00 00:00:00`` for "no date", and its RSS dates render that zero
    as 30 Nov -0001 (or 30 Nov 1999 in old versions); all of these are None, not an error.
    """
    if not text or text.startswith("0000-00-00") or text.endswith(_ZERO_RSS_DATES):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)  # RFC 822, as in <pubDate>
        except (TypeError, ValueError, IndexError):
            raise ValueError(text) from None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:00-05:00 lands past datetime.max
        raise ValueError(text) from None
