"""IPTC NewsML-G2 news items (text, with photos as a web article needs them) to `WireCopy`.

Parsed by lxml with defusedxml's protections applied as parser options: no DTD loaded, no
entity resolved, no network, no huge trees; and a document that declares a DOCTYPE is refused
outright, as defusedxml would (entity bombs and external entities hide there). A news message
carries several items. A package (packageItem) only points at items (itemRef residref, or href): the
items it points at that travel in the same news message are ingested, its pictures going with its
text items, and each item it points at that is not in the file is named in a note on the report;
a package with none of its items in the file is refused, naming them. Concept, catalog, planning
and event items are not stories: refused.
"""

from __future__ import annotations

from lxml import etree

from dateline.wire.formats import clean, iptc
from dateline.wire.formats.copy import Copies, Image, Refused, Topic, WireCopy
from dateline.wire.formats.values import as_int, as_time, best_rendition

NOT_STORIES = {
    "conceptItem": "a concept item (a vocabulary entry)",
    "conceptSet": "a set of concepts",
    "catalog": "a catalog of vocabularies",
    "planningItem": "a planning item",
    "knowledgeItem": "a knowledge item",
}
MAX_PACKAGES = 50  # per file: a package may point at packages; each is read once
WITHDRAWN = {"stat:canceled", "stat:withheld"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(data: bytes) -> list[WireCopy]:
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise Refused(f"not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise Refused("a NewsML-G2 document with a DOCTYPE (entities are not accepted)")
    name = etree.QName(root).localname
    if name == "newsMessage":
        carried = [i for i in root.findall(".//{*}itemSet/*") if isinstance(i.tag, str)]
        news_items = [i for i in carried if etree.QName(i).localname == "newsItem"]
        packages = [i for i in carried if etree.QName(i).localname == "packageItem"]
    elif name == "newsItem":
        news_items, packages = [root], []
    elif name == "packageItem":
        news_items, packages = [], [root]
    elif name in NOT_STORIES:
        raise Refused(f"NewsML-G2 {NOT_STORIES[name]}, not a story")
    else:
        raise Refused(f"not a NewsML-G2 news item: the root element is <{name}>")
    by_guid = {i.get("guid"): i for i in news_items if i.get("guid")}
    photos_of, notes = _packages(packages[:MAX_PACKAGES], by_guid)
    # A newsMessage's header may rank its items (priority, 1 highest .. 9, as urgency): the
    # copy has no field of its own for it, so it stands in for an item that gives no urgency.
    priority = as_int(_t(root, "header/priority")) if name == "newsMessage" else None
    priority = priority if priority in range(1, 10) else None
    texts = [i for i in news_items if _item_class(i) in ("ninat:text", "")]
    pictures = [i for i in news_items if _item_class(i) == "ninat:picture"]
    loose = [img for p in pictures if p.get("guid") not in photos_of for img in _picture(p)]
    # An item without a headline (a package's bare text part) is not a story on its own.
    stories = [
        _text_item(i, photos_of.get(i.get("guid"), loose), priority)
        for i in texts
        if _t(i, "contentMeta/headline")
    ]
    if not stories:  # a photo on its own: a story only when it has a headline
        stories = [
            _text_item(p, _picture(p), priority) for p in pictures if _t(p, "contentMeta/headline")
        ]
    if stories:
        return Copies(stories, notes)
    if packages and not news_items:
        raise Refused(f"a NewsML-G2 {notes[0] if notes else 'package that points at no item'}")
    if texts or pictures:
        raise Refused("NewsML-G2 whose text and picture items have no headline")
    kinds = sorted({_item_class(i) for i in news_items}) or ["no news item"]
    raise Refused(f"NewsML-G2 with no text or picture item ({', '.join(kinds)})")


def _packages(packages, by_guid) -> tuple[dict[str, list[Image]], list[str]]:
    """Each packaged item's guid -> the pictures of its package; notes on missing items."""
    photos_of, notes = {}, []
    package_guids = {p.get("guid") for p in packages if p.get("guid")}
    for package in packages:
        refs = [r.get("residref") or r.get("href") or "" for r in package.iter("{*}itemRef")]
        refs = list(dict.fromkeys(r for r in refs if r))
        members = [by_guid[r] for r in refs if r in by_guid]
        missing = [r for r in refs if r not in by_guid and r not in package_guids]
        if missing:
            named = ", ".join(repr(clean.text(r, 200)) for r in missing[:10])
            more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
            label = clean.text(package.get("guid") or "without a guid", 200)
            notes.append(
                f"package {label!r} points at {len(missing)} item(s) not in this file, not"
                f" ingested: {named}{more}"
            )
        photos = [img for m in members if _item_class(m) == "ninat:picture" for img in _picture(m)]
        for member in members:
            photos_of.setdefault(member.get("guid"), [])
            photos_of[member.get("guid")] += photos
    return photos_of, notes


def _t(element, path: str) -> str:
    found = element.find("/".join(f"{{*}}{p}" for p in path.split("/")))
    return "".join(found.itertext()).strip() if found is not None else ""


def _attr(element, path: str, attribute: str) -> str:
    found = element.find("/".join(f"{{*}}{p}" for p in path.split("/")))
    return (found.get(attribute) or "") if found is not None else ""


def _item_class(item) -> str:
    return _attr(item, "itemMeta/itemClass", "qcode")


def _text_item(item, photos: list[Image], priority: int | None = None) -> WireCopy:
    guid = item.get("guid") or ""
    if not guid:
        raise Refused("a NewsML-G2 news item with no guid")
    meta = item.find("{*}contentMeta")
    headline = clean.text(_t(item, "contentMeta/headline"), 255)
    body, nitf_byline, nitf_role = _content(item)
    if not headline:
        raise Refused(f"NewsML-G2 item {guid[:120]!r} has no headline")
    byline = clean.text(_t(item, "contentMeta/creator/name"), 200) or nitf_byline
    role = clean.text(_attr(item, "contentMeta/creator", "role").split(":")[-1], 40)
    return WireCopy(
        agency_id=clean.text(guid, 400),
        headline=headline,
        format="newsml-g2",
        version=as_int(item.get("version")),
        standfirst=clean.text(_standfirst(meta), 600),
        body_html=body,
        byline=byline,
        byline_role=role or nitf_role,
        dateline_place=clean.text(_dateline(item), 120),
        filed_at=as_time(
            _t(item, "contentMeta/contentCreated") or _t(item, "itemMeta/firstCreated")
        ),
        source_name=clean.text(_source(item), 200),
        link=_link(item),
        topics=_topics(meta),
        images=photos[:5],
        language=clean.text(_attr(item, "contentMeta/language", "tag") or _lang(item), 20),
        urgency=as_int(_t(item, "contentMeta/urgency")) or priority,
        copyright=clean.text(_t(item, "rightsInfo/copyrightNotice"), 400),
        usage_terms=clean.text(_t(item, "rightsInfo/usageTerms"), 1000),
        embargo_until=as_time(_t(item, "itemMeta/embargoed")),
        status="withdrawn" if _attr(item, "itemMeta/pubStatus", "qcode") in WITHDRAWN else "usable",
        correction_note=_correction(item),
    )


def _lang(item) -> str:
    return item.get("{http://www.w3.org/XML/1998/namespace}lang") or ""


def _standfirst(meta) -> str:
    if meta is None:
        return ""
    for description in meta.findall("{*}description"):
        if description.get("role") in (None, "drol:summary", "drol:caption"):
            return "".join(description.itertext())
    return ""


def _content(item) -> tuple[str, str, str]:
    """The body HTML, plus the NITF byline and its title when the body carries them."""
    inline = item.find("{*}contentSet/{*}inlineXML")
    if inline is not None:
        content = inline.find(".//{*}body.content")
        if content is None:
            content = inline.find(".//{*}body")  # XHTML
        byline = inline.find(".//{*}byline")
        name, role = "", ""
        if byline is not None:
            title = byline.find("{*}byttl")
            role = "".join(title.itertext()) if title is not None else ""
            name = (byline.text or "").strip().removeprefix("By ").strip(" ,")
        html = "".join(_html(child) for child in content) if content is not None else ""
        return clean.body(html), clean.text(name, 200), clean.text(role, 40)
    data = item.find("{*}contentSet/{*}inlineData")
    if data is not None and data.text:
        return clean.plain_to_body(data.text), "", ""
    return "", "", ""


def _html(element) -> str:
    """Serialise an NITF/XHTML element without namespaces, for the HTML sanitiser."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
    etree.cleanup_namespaces(copy)
    return etree.tostring(copy, encoding="unicode", with_tail=False)


def _dateline(item) -> str:
    dateline = _t(item, "contentMeta/dateline")
    return dateline or _t(item, "contentMeta/located/name")


def _source(item) -> str:
    return (
        _t(item, "contentMeta/infoSource/name")
        or _t(item, "itemMeta/provider/name")
        or _t(item, "rightsInfo/copyrightHolder/name")
        or _attr(item, "itemMeta/provider", "qcode").split(":")[-1]
    )


def _link(item) -> str:
    for link in item.findall("{*}itemMeta/{*}link"):
        href = link.get("href") or ""
        if "canonical" in (link.get("rel") or "") and href.startswith(("http://", "https://")):
            return href[:1000]
    return ""


def _topics(meta) -> list[Topic]:
    if meta is None:
        return []
    topics = []
    for subject in meta.findall("{*}subject"):
        names = subject.findall("{*}name")
        name = clean.text("".join(names[0].itertext()), 100) if names else ""
        if not name:
            continue
        code = iptc.code(subject.get("qcode")) or iptc.code(subject.get("uri"))
        place = subject.get("type") == "cpnat:geoArea"
        topics.append(Topic(name=name, code=code, kind="place" if place else "subject"))
    return topics


def _picture(item) -> list[Image]:
    caption = clean.text(_standfirst(item.find("{*}contentMeta")), 400)
    credit = clean.text(
        _t(item, "contentMeta/creditline") or _t(item, "contentMeta/creator/name"), 200
    )
    offered = [
        (r.get("href") or "", as_int(r.get("width")), as_int(r.get("size")))
        for r in item.findall("{*}contentSet/{*}remoteContent")
    ]
    href = best_rendition(offered)
    return [Image(href=href, caption=caption, credit=credit)] if href else []


def _correction(item) -> str:
    signals = [s.get("qcode") or "" for s in item.findall("{*}itemMeta/{*}signal")]
    note = clean.text(_t(item, "itemMeta/edNote"), 600)
    if any("correction" in s for s in signals) or note.lower().startswith("correct"):
        return note or "Corrected by the agency."
    return ""
