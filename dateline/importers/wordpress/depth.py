"""Deeply nested HTML, flattened before any parser sees it.

Sanitising 50,000 nested ``<div>`` held the importer for minutes (the HTML5 tree builder and
BeautifulSoup slow down with depth) and about 1,000 levels failed the post with RecursionError in
the tree walk. No story nests more than a few dozen elements, so one linear pass over the tags
drops the tags nested deeper than ``MAX_DEPTH`` and keeps everything else, text included.

The pass only counts; it changes nothing in a post that is not too deep, so ordinary posts reach
the sanitiser byte for byte. Its tag matching is rough (a ``>`` inside an attribute value ends a
tag early): that costs at most some structure of a post already too deep, never safety, because
nh3 sanitises the result.
"""

from __future__ import annotations

import re

MAX_DEPTH = 100
# Elements whose end tag may be left out (HTML closes them by itself): they never nest deeper.
_OPTIONAL_END = {
    *("p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup"),
    *("colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body"),
}
_VOID = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"),
    *("track", "wbr", "param", "keygen"),
}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>")
_LOOK_DOWN = 8  # how far down the open elements an end tag may close (misnested HTML)


def flatten(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """(html with tags deeper than max_depth removed, the deepest nesting found)."""
    open_: list[tuple[str, bool]] = []  # (name, removed) of each open element
    removed: list[tuple[int, int]] = []  # spans to cut
    deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or name in _OPTIONAL_END:
            continue
        if not closing:
            if self_closing:
                continue
            too_deep = len(open_) >= max_depth
            open_.append((name, too_deep))
            deepest = max(deepest, len(open_))
            if too_deep:
                removed.append(match.span())
            continue
        for down in range(1, min(_LOOK_DOWN, len(open_)) + 1):
            if open_[-down][0] == name:
                was_removed = open_[-down][1]
                del open_[-down:]
                if was_removed:
                    removed.append(match.span())
                break
        else:  # an end tag nothing opened: dropped where everything is too deep anyway
            if len(open_) >= max_depth:
                removed.append(match.span())
    if deepest <= max_depth:
        return html, deepest
    kept, at = [], 0
    for start, end in removed:
        kept.append(html[at:start])
        at = end
    kept.append(html[at:])
    return "".join(kept), deepest
