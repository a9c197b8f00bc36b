"""Parse HTML as a browser would (html5lib) and list anything that could run or load."""

from __future__ import annotations

import html5lib

# Elements our discussion templates produce; anything else in a parsed page is a reader's
# markup that came alive.
KNOWN = {
    "html", "head", "body", "section", "h1", "h2", "h3", "p", "br", "a", "ol", "ul", "li",
    "article", "footer", "b", "em", "time", "div", "span", "nav", "form", "label", "textarea",
    "input", "small", "link", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "dl",
    "dt", "dd", "button", "select", "option", "strong", "fieldset", "legend", "kbd",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SAFE_SCHEMES = ("http://", "https://", "/", "#", "?")


def _children(element):
    for child in element:
        if isinstance(child.tag, str):
            yield child
            yield from _children(child)


def live_markup(html: str) -> list[str]:
    """Problems found: unknown elements, event handlers, style attributes, script URLs."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    problems = []
    for element in _children(tree):
        tag = element.tag.split("}")[-1].lower()
        if tag not in KNOWN:
            problems.append(f"element <{tag}>")
        for name, value in element.attrib.items():
            name = name.split("}")[-1].lower() if isinstance(name, str) else str(name)
            if name.startswith("on"):
                problems.append(f"handler {name} on <{tag}>")
            elif name == "style":
                problems.append(f"style attribute on <{tag}>")
            elif name in URL_ATTRIBUTES:
                url = "".join(value.split()).lower()
                if url and not url.startswith(SAFE_SCHEMES):
                    problems.append(f"{name}={value[:60]!r} on <{tag}>")
        if tag == "link" and element.get("rel") != "stylesheet":
            problems.append("a <link> that is not our stylesheet")
    return problems


def fragment(html: str, start_marker: str, end_marker: str) -> str:
    """The part of a page between two markers (e.g. the discussion section)."""
    start = html.index(start_marker)
    end = html.index(end_marker, start)
    return html[start : end + len(end_marker)]
