"""Clean HTML elements in Wagtail's rich-text vocabulary: paragraphs, h2/h3, b, i, links,
lists and quotes, which is what the article body's paragraph block and its editor accept."""

from __future__ import annotations

import re
from html import escape

from bs4 import NavigableString, Tag

_SPACE = re.compile(r"\s+")
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}


def has_text(html: str) -> bool:
    return bool(re.sub(r"<[^>]+>|&nbsp;|\s", "", html))


def inline(el) -> str:
    """Inline content in Wagtail's rich-text vocabulary: b, i, a href, br and text."""
    if isinstance(el, NavigableString):
        return escape(_SPACE.sub(" ", str(el)))
    inner = "".join(inline(c) for c in el.children)
    name = el.name
    if name in ("b", "strong"):
        return f"<b>{inner}</b>" if inner.strip() else inner
    if name in ("i", "em"):
        return f"<i>{inner}</i>" if inner.strip() else inner
    if name == "a" and el.get("href"):
        return f'<a href="{escape(el["href"])}">{inner}</a>' if inner.strip() else ""
    if name == "br":
        return "<br/>"
    if name in ("p", "li", "div", "tr", "dt", "dd", "figcaption", "blockquote", "pre"):
        return inner + "<br/>"  # a block inside an inline context: keep it on its own line
    return inner


def _lines(el: Tag) -> str:
    """Block content flattened to one run of inline text, its blocks separated by line breaks."""
    parts = [inline(c).strip() for c in el.children]
    text = "<br/>".join(p for p in parts if has_text(p))
    return re.sub(r"(<br/>\s*){2,}", "<br/>", text).removesuffix("<br/>")


def rich(el: Tag) -> str:
    """One block-level element as rich text (empty string when it holds no text)."""
    name = el.name
    if name in _HEADINGS or name == "p":
        tag = _HEADINGS.get(name, "p")
        inner = "".join(inline(c) for c in el.children).strip()
        inner = re.sub(r"(<br/>\s*)+$", "", inner)
        return f"<{tag}>{inner}</{tag}>" if has_text(inner) else ""
    if name in ("ul", "ol"):
        items = [_list_item(li) for li in el.find_all("li", recursive=False)]
        items = [i for i in items if i]
        return f"<{name}>{''.join(items)}</{name}>" if items else ""
    if name == "blockquote":
        inner = _lines(el)
        return f"<blockquote>{inner}</blockquote>" if has_text(inner) else ""
    if name == "pre":
        inner = escape(el.get_text()).strip("\n").replace("\n", "<br/>")
        return f"<p>{inner}</p>" if has_text(inner) else ""
    if name == "table":
        rows = []
        for tr in el.find_all("tr"):
            cells = [inline(c).strip() for c in tr.find_all(["td", "th"])]
            cells = [c for c in cells if has_text(c)]
            if cells:
                rows.append(f"<p>{' · '.join(cells)}</p>")
        return "".join(rows)
    if name == "dl":
        return "".join(f"<p>{inline(c).strip()}</p>" for c in el.find_all(["dt", "dd"]))
    inner = _lines(el)
    return f"<p>{inner}</p>" if has_text(inner) else ""


def _list_item(li: Tag) -> str:
    nested = [c for c in li.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
    for lst in nested:
        lst.extract()
    text = _lines(li)
    sublists = "".join(rich(lst) for lst in nested)
    return f"<li>{text}{sublists}</li>" if has_text(text) or sublists else ""
