"""Streaming reader for WordPress export files (WXR 1.0, 1.1 and 1.2).

Exports run to hundreds of megabytes, so the file is fed to expat in chunks and only the
element being read (one ``<item>`` or one channel-level ``<wp:author>``...) is ever held as a
tree; the ``<rss>`` and ``<channel>`` elements are never built at all, so nothing accumulates.
Parsing goes through defusedxml with DTDs, entities and external references forbidden: the
WordPress importer refuses any WXR with a DOCTYPE too, and that stops entity-expansion bombs
before a single entity is expanded.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from os import PathLike
from typing import IO, TYPE_CHECKING, Any
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
    Site,
    Tag,
    Term,
    WXRRefused,
)

if TYPE_CHECKING:
    from .records import Record  # the union of the records above: annotations only

_CHUNK = 64 * 1024
# WordPress.com writes https:// namespaces, self-hosted WordPress http://; the excerpt
# namespace shares the prefix, so the whole URI is matched rather than a prefix.
_WP_NS = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/(excerpt/)?$")
_OTHER_NS = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_VERSION = re.compile(r"^\d+\.\d+$")
_RECORDS = {
    "item": Post,
    "wp:author": Author,
    "wp:category": Category,
    "wp:tag": Tag,
    "wp:term": Term,
}
# (field name, WXR tag, kind) for every field of a record that is read from one element.
_SPECS = {
    cls: [(f.name, f.metadata["wxr"], f.metadata["kind"]) for f in fields(cls) if f.metadata]
    for cls in (Site, Author, Category, Tag, Term, Post, Comment)
}
_SITE_TAGS = {tag for _, tag, _ in _SPECS[Site]}
_HTML_TAGS = ("content:encoded", "excerpt:encoded")
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
        self._owns_stream = isinstance(source, str | PathLike)
        self._stream: IO[bytes] = open(source, "rb") if self._owns_stream else source  # noqa: SIM115
        self.problems: list[ParseProblem] = []
        self._builder = _Builder(self.problems)
        self._xml = DefusedXMLParser(
            target=self._builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        self._builder.expat = self._xml.parser
        self._started = self._done = False

    @property
    def site(self) -> Site:
        """Channel-level facts, all known once the first ``<item>`` starts.

        Asked before iterating, it reads ahead that far (validating the file on the way); the
        authors and terms passed meanwhile are kept for the iteration.
        """
        while self._builder.item_index < 0 and not self._done:
            self._advance()
        return self._builder.site()

    def __iter__(self) -> Iterator[Record]:
        pending = self._builder.pending
        while True:
            if self._builder.version is not None:  # nothing leaves before the file is vetted
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
            builder = self._builder
            complete = builder.item_index + 1 - builder.in_item
            self.problems.append(
                ParseProblem(
                    builder.item_index if builder.in_item else None,
                    line,
                    f"XML syntax error ({exc}); reading stopped after {complete} complete items",
                )
            )

    def _refuse(self, reason: str) -> None:
        self.close()
        self._builder.pending.clear()
        raise WXRRefused(reason) from None


def _sniff(chunk: bytes) -> None:
    # WordPress.com hands exports out zipped; name the real problem instead of "not XML".
    if chunk[:4] == b"PK\x03\x04":
        raise _Refusal("refused: this is a ZIP archive; unzip it and import the .xml inside")
    if chunk[:2] == b"\x1f\x8b":
        raise _Refusal("refused: this file is gzip-compressed; decompress it first")
    if not chunk:
        raise _Refusal("refused: the file is empty")


class _Builder:
    """Expat target: tracks depth, builds one channel child at a time, converts it."""

    def __init__(self, problems: list[ParseProblem]) -> None:
        self.problems = problems
        self.pending: deque[Record] = deque()
        self.expat: Any = None  # the expat parser, set by the reader, for line numbers
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
        values = self._values(Site, self._site, None, None, report=False)
        return Site(wxr_version=self.version or "", wp_namespace=self.wp_namespace, **values)

    # --- expat target interface ---

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._depth += 1
        depth, tag = self._depth, self._short(tag)
        if depth == 1 and tag != "rss":
            raise _Refusal(f"refused: the root element is <{tag}>, not <rss>; not a WXR export")
        if depth == 2:
            self._in_channel = tag == "channel"
        elif depth == 3 and self._in_channel:
            if tag == "item":
                if self.version is None:
                    raise _Refusal("refused: no <wp:wxr_version> before the first <item>")
                self.item_index += 1
                self.in_item = True
            self._tree = TreeBuilder()
        if self._tree is not None:
            elem = self._tree.start(tag, attrib)
            if depth <= 4:  # channel children, and comments within items, report their line
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
                self._finish(elem)
                self.in_item = False
                self._lines.clear()
        elif self._depth <= 1:
            self.close()

    def close(self) -> None:
        if self.version is None:
            raise _Refusal("refused: no <wp:wxr_version> in the channel; not a WXR export")

    # --- conversion ---

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
        tag = elem.tag
        if tag == "wp:wxr_version":
            version = (elem.text or "").strip()
            if not _VERSION.match(version):
                raise _Refusal(f"refused: <wp:wxr_version> is {version!r}, not a version number")
            self.version = version
        elif tag in _SITE_TAGS:
            self._site[tag] = (elem.text or "").strip()
        elif tag in _RECORDS:
            index = self.item_index if tag == "item" else None
            try:
                if tag == "item":
                    self.pending.append(self._post(elem, index))
                else:
                    values = self._values(_RECORDS[tag], _texts(elem), index, elem)
                    self.pending.append(_RECORDS[tag](**values))
            except _Broken as exc:
                self.problems.append(ParseProblem(index, self._lines.get(elem), f"<{tag}> {exc}"))
        # Anything else (<generator>, <image>, plugin extras) has nothing to import.

    def _post(self, elem: Element, index: int | None) -> Post:
        values = self._values(Post, _texts(elem), index, elem)  # a bad id skips the item first
        categories, comments = [], []
        for child in elem:
            if child.tag == "category":
                name = (child.text or "").strip()
                categories.append((child.get("domain", ""), child.get("nicename", ""), name))
            elif child.tag == "wp:comment":
                try:
                    found = self._values(Comment, _texts(child), index, child)
                except _Broken as exc:
                    # One bad comment should not cost the whole post; replies keep their
                    # parent id and the runner decides what an orphan becomes.
                    line = self._lines.get(child)
                    self.problems.append(ParseProblem(index, line, f"<wp:comment> {exc}"))
                    continue
                status = COMMENT_STATUSES.get(found.get("approved", ""), "pending")
                comments.append(
                    Comment(**found, status=status, meta=_meta(child, "wp:commentmeta"))
                )
        return Post(
            **values,
            categories=tuple(categories),
            postmeta=_meta(elem, "wp:postmeta"),
            comments=tuple(comments),
            line=self._lines.get(elem),
        )

    def _values(
        self, cls: type, texts: dict[str, str], index: int | None, elem: Any, report: bool = True
    ) -> dict[str, Any]:
        """Field values of ``cls`` read from child texts, per the field metadata in records."""
        values: dict[str, Any] = {}
        for name, tag, kind in _SPECS[cls]:
            if kind in ("date", "gmt"):
                tags = (tag + "_gmt", tag) if kind == "gmt" else (tag,)
                for candidate in tags:
                    text = texts.get(candidate, "")
                    try:
                        values[name] = _parse_date(text)
                    except ValueError:
                        if report:
                            message = f"<{candidate}> {text!r} is not a date; left empty"
                            line = self._lines.get(elem)
                            self.problems.append(ParseProblem(index, line, message, False))
                    if values.get(name):
                        break
                continue
            text = texts.get(tag, "")
            if not text:
                continue  # the dataclass default stands
            if kind == "int":
                try:
                    values[name] = int(text)
                except ValueError:
                    raise _Broken(f"skipped: <{tag}> is {text[:40]!r}, not an integer") from None
            else:
                values[name] = text == "1" if kind == "flag" else text
        return values


def _texts(elem: Element) -> dict[str, str]:
    """Text of each direct child (first of a kind), stripped: edge whitespace is layout."""
    texts: dict[str, str] = {}
    for child in elem:
        if child.tag not in texts:
            text = child.text or ""
            if len(child) and child.tag in _HTML_TAGS:
                # Unescaped HTML in content:encoded parses as elements; keep it as markup.
                try:
                    text += "".join(tostring(c, encoding="unicode") for c in child)
                except RecursionError:  # the serializer recurses; a hostile file nests deep
                    raise _Broken(f"skipped: <{child.tag}> is nested too deeply") from None
            texts[child.tag] = text.strip()
    return texts


def _meta(elem: Element, tag: str) -> dict[str, tuple[str, ...]]:
    meta: dict[str, tuple[str, ...]] = {}
    for child in elem:
        if child.tag == tag:
            pair = {part.tag: part.text or "" for part in child}
            key = pair.get("wp:meta_key", "").strip()
            # Values are kept byte for byte: serialized PHP counts their characters.
            meta[key] = meta.get(key, ()) + (pair.get("wp:meta_value", ""),)
    return meta


def _parse_date(text: str) -> datetime | None:
    """Read the date formats seen in exports; a value without a zone is taken as UTC.

    WordPress writes ``0000-00-00 00:00:00`` for "no date", and its RSS dates render that
    zero as 30 Nov -0001 (30 Nov 1999 in old versions): all of these are None, not errors.
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
