"""IPTC ninjs (news in JSON) 1.x, 2.x and 3.0, mapped to `WireCopy`.

ninjs 1.x/2.x spell properties in lower case (``versioncreated``, ``body_html``), 3.0 in
camel case (``versionCreated``, ``bodies``); keys are folded to lower case first so one mapping
reads all three. A file may hold one item, or a list of items. Each item is first checked
against the IPTC's JSON Schema of its generation (ninjs_schema.py): an invalid one is refused
with the schema's reason.
"""

from __future__ import annotations

import json

from dateline.wire.formats import clean, iptc, ninjs_schema
from dateline.wire.formats.copy import Copies, Image, Refused, Topic, WireCopy
from dateline.wire.formats.values import as_int, as_time, best_rendition

WITHDRAWN = {"canceled", "cancelled", "withheld"}


def parse(data: bytes) -> list[WireCopy]:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(f"not valid JSON: {exc}") from None
    documents = document if isinstance(document, list) else [document]
    items, reasons = [], []
    for doc in documents:
        try:
            _check(doc)
            items.append(_item(_fold(doc)))
        except Refused as exc:
            reasons.append(str(exc))
    if not items:
        raise Refused(reasons[0] if reasons else "an empty list of ninjs items")
    return Copies(items, [f"item refused: {reason}" for reason in reasons])


def _check(doc) -> None:
    if not isinstance(doc, dict) or not isinstance(doc.get("uri"), str):
        raise Refused("not a ninjs item: a ninjs item is a JSON object with a 'uri'")
    problem = ninjs_schema.problem(doc)
    if problem:
        raise Refused(f"{doc['uri'][:120]!r}: {problem}")


def _fold(value):
    if isinstance(value, dict):
        return {str(k).lower(): _fold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fold(v) for v in value]
    return value


def _item(doc) -> WireCopy:
    if not isinstance(doc, dict) or not isinstance(doc.get("uri"), str):
        raise Refused("not a ninjs item: a ninjs item is a JSON object with a 'uri'")
    headline = clean.text(_headline(doc), 255)
    if not headline:
        kind = doc.get("type") or "item"
        raise Refused(f"ninjs {kind} {doc['uri'][:120]!r} has no headline: nothing for a story")
    standfirst = clean.text(_first_value(doc, "descriptions", "description_text"), 600)
    byline, role = _byline(doc)
    return WireCopy(
        agency_id=clean.text(doc["uri"], 400),
        headline=headline,
        format="ninjs",
        version=as_int(doc.get("version")),
        standfirst=standfirst,
        body_html=_body(doc),
        byline=byline,
        byline_role=role,
        dateline_place=clean.text(_located(doc), 120),
        filed_at=as_time(doc.get("firstcreated") or doc.get("versioncreated")),
        source_name=clean.text(_source(doc), 200),
        link=_link(doc),
        topics=_topics(doc),
        images=_images(doc),
        language=clean.text(doc.get("language"), 20),
        urgency=as_int(doc.get("urgency")),
        copyright=clean.text(doc.get("copyrightnotice") or doc.get("copyrightholder"), 400),
        usage_terms=clean.text(doc.get("usageterms"), 1000),
        embargo_until=as_time(doc.get("embargoed") or doc.get("embargoeduntil")),  # 3.x name
        status="withdrawn" if str(doc.get("pubstatus", "")).lower() in WITHDRAWN else "usable",
        correction_note=clean.text(doc.get("ednote"), 600) if _is_correction(doc) else "",
    )


def _headline(doc) -> str:
    return _first_value(doc, "headlines", "headline")


def _first_value(doc, plural: str, singular: str) -> str:
    values = doc.get(plural)
    if isinstance(values, list):
        main = [v for v in values if isinstance(v, dict) and v.get("role") in (None, "main")]
        for v in main or [v for v in values if isinstance(v, dict)]:
            if v.get("value"):
                return str(v["value"])
    value = doc.get(singular)
    return value if isinstance(value, str) else ""


def _body(doc) -> str:
    bodies = doc.get("bodies")
    if isinstance(bodies, list):
        html_bodies = [b for b in bodies if isinstance(b, dict) and "html" in _type(b)]
        text_bodies = [b for b in bodies if isinstance(b, dict) and "text/plain" in _type(b)]
        if html_bodies:
            return clean.body(html_bodies[0].get("value"))
        if text_bodies:
            return clean.plain_to_body(str(text_bodies[0].get("value") or ""))
    if isinstance(doc.get("body_html"), str):
        return clean.body(doc["body_html"])
    if isinstance(doc.get("body_text"), str):
        return clean.plain_to_body(doc["body_text"])
    return ""


def _type(body: dict) -> str:
    return str(body.get("contenttype") or body.get("role") or "").lower()


def _byline(doc) -> tuple[str, str]:
    by = doc.get("by") or doc.get("byline")
    if isinstance(by, str):
        return clean.text(by, 200), ""
    people = [p for p in doc.get("people") or [] if isinstance(p, dict)]
    authors = [p for p in people if str(p.get("rel", "")).endswith(("author", "creator"))]
    if authors:
        return clean.text(authors[0].get("name"), 200), clean.text(authors[0].get("role"), 40)
    return "", ""


def _located(doc) -> str:
    located = doc.get("located")
    if isinstance(located, str):
        return located
    places = [p for p in doc.get("places") or [] if isinstance(p, dict)]
    return next((p.get("name", "") for p in places if p.get("rel") == "located"), "")


def _source(doc) -> str:
    for key in ("copyrightholder", "provider"):
        value = doc.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, dict) and value.get("name"):
            return value["name"]
    return ""


def _link(doc) -> str:
    for link in doc.get("links") or []:
        href = str(link.get("href", "")) if isinstance(link, dict) else ""
        if href.startswith(("http://", "https://")) and link.get("rel") in (None, "canonical"):
            return href[:1000]
    uri = doc["uri"]
    return uri[:1000] if uri.startswith(("http://", "https://")) else ""


def _topics(doc) -> list[Topic]:
    topics = []
    # 2.x/3.x spell them in the plural, 1.x in the singular.
    pairs = (
        ("subjects", "subject"),
        ("subject", "subject"),
        ("places", "place"),
        ("place", "place"),
    )
    for key, kind in pairs:
        entries = doc.get(key)
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or entry.get("rel") == "located":
                continue
            name = clean.text(entry.get("name") or entry.get("literal"), 100)
            if name:
                topics.append(Topic(name=name, code=_media_topic(entry), kind=kind))
    return topics


def _media_topic(entry: dict) -> str:
    """2.x/3.x give a code's URI (or a literal); 1.x a code, with its scheme's address."""
    if found := iptc.code_in_scheme(entry.get("scheme"), entry.get("code")):
        return found
    for value in (entry.get("uri"), entry.get("code"), entry.get("literal")):
        if found := iptc.code(value):
            return found
    return ""


def _images(doc) -> list[Image]:
    associations = doc.get("associations")
    if isinstance(associations, dict):
        associations = list(associations.values())
    found = []
    for assoc in associations if isinstance(associations, list) else []:
        if not isinstance(assoc, dict) or assoc.get("type") not in ("picture", "image"):
            continue
        href = _rendition(assoc)
        if href:
            caption = _first_value(assoc, "descriptions", "description_text") or _headline(assoc)
            credit = assoc.get("by") or assoc.get("copyrightholder") or ""
            found.append(
                Image(href=href, caption=clean.text(caption, 400), credit=clean.text(credit, 200))
            )
    if doc.get("type") == "picture" and _rendition(doc):
        found.append(Image(href=_rendition(doc), credit=clean.text(doc.get("by"), 200)))
    return found[:5]


def _rendition(doc) -> str:
    renditions = doc.get("renditions")
    if isinstance(renditions, dict):
        renditions = list(renditions.values())
    offered = [
        (str(r.get("href", "")), as_int(r.get("width")), as_int(r.get("sizeinbytes")))
        for r in (renditions if isinstance(renditions, list) else [])
        if isinstance(r, dict)
    ]
    return best_rendition(offered)


def _is_correction(doc) -> bool:
    signals = " ".join(str(s) for s in doc.get("signals") or [])
    note = str(doc.get("ednote") or "")
    return "correction" in signals.lower() or note.lower().startswith(("correct", "corrects"))
