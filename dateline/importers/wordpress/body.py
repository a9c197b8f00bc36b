"""A WordPress post's HTML, made safe and cut into Dateline's article body blocks.

The pipeline: WordPress conventions become HTML (:mod:`.shortcodes`), nh3 sanitises it with a
short allow-list, and the clean tree is walked once: headings, paragraphs, lists, quotes and
links become ``paragraph`` blocks in Wagtail's rich-text vocabulary (``<b>``, ``<i>``, ``<h2>``,
``<h3>``...); each image becomes an ``image`` block when it can be matched to an imported
Wagtail image (a link to the original otherwise); each embed becomes an ``embed`` block when an
embed provider knows its URL (a link otherwise). Nothing is cut short: a text that does not fit
a field goes into a paragraph instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from typing import Any
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from .depth import MAX_DEPTH, flatten
from .richtext import has_text, inline, rich
from .shortcodes import autop, expand, has_blocks

ALLOWED_TAGS = {
    *("p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "a", "ul", "ol"),
    *("li", "blockquote", "img", "figure", "figcaption", "pre", "code", "table", "thead", "tbody"),
    *("tfoot", "tr", "td", "th", "div", "span", "sup", "sub", "del", "ins", "u", "s", "cite"),
    *("q", "abbr", "dl", "dt", "dd", "hr", "section", "article", "aside", "header", "footer"),
    *("center", "small", "big", "kbd", "var", "samp", "mark", "address"),
}
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "class", "data-id", "title"},
    "figure": {"data-embed"},
}
URL_SCHEMES = {"http", "https", "mailto"}
MAX_BODY = 5 * 1024 * 1024  # bigger than any real story; bounds the regex and tree work
MAX_CAPTION = 400  # ImageBlock.caption

_CONTAINERS = {"div", "section", "article", "aside", "header", "footer", "center", "figure"}
_INLINE = {
    *("a", "b", "strong", "i", "em", "span", "sup", "sub", "code", "del", "ins", "u", "s"),
    *("cite", "q", "abbr", "small", "big", "kbd", "var", "samp", "mark", "br"),
}
_URL_LINE = re.compile(r"^https?://\S+$")
_WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")
_SPACE = re.compile(r"\s+")
_BR_SPACE = re.compile(r"<br/>\s+")
_PARAGRAPHS_ONLY = re.compile(r"(?:\s*<p>[^<]*</p>)*\s*")


class BodyTooLarge(ValueError):
    """The post's HTML is larger than any story could be; the item is refused."""


@dataclass
class BodyContext:
    """What the converter needs from the import around it.

    ``resolve_image(src, attachment_id)`` returns a Wagtail image or None; ``embeddable(url)``
    says whether an embed provider will render the URL; ``gallery_ids()`` lists the post's own
    attachments for a bare ``[gallery]``; ``credit`` fills the image block's credit. What the
    conversion had to change (a body flattened) is added to ``notes`` for the report.
    """

    resolve_image: Callable[[str, int | None], Any] = lambda src, attachment_id: None
    embeddable: Callable[[str], bool] = lambda url: False
    gallery_ids: Callable[[], list[int]] = list
    credit: str = ""
    notes: list[str] = field(default_factory=list)


def sanitise(
    html: str, gallery_ids: Callable[[], list[int]] = list, notes: list[str] | None = None
) -> str:
    """WordPress content as clean HTML with only the allowed tags and attributes."""
    if len(html) > MAX_BODY:
        raise BodyTooLarge(f"the post body is {len(html):,} characters, over {MAX_BODY:,}")
    html, deepest = flatten(html)
    if deepest > MAX_DEPTH and notes is not None:
        notes.append(
            f"the body nests {deepest:,} elements deep: tags below {MAX_DEPTH} levels were "
            "removed, their text kept"
        )
    text = expand(html, gallery_ids)
    if not has_blocks(html):
        text = autop(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def to_blocks(html: str, context: BodyContext | None = None) -> list[tuple[str, Any]]:
    """The article body for a post's HTML: a list of (block type, value) for create_article."""
    context = context or BodyContext()
    soup = BeautifulSoup(sanitise(html, context.gallery_ids, context.notes), "html.parser")
    builder = _Builder(context)
    builder.walk(soup.contents)
    return builder.finish()


def plain_text(html: str, *, links: bool = False) -> str:
    """Readable plain text of some HTML: paragraphs on their own lines, tags gone.

    With ``links``, a link whose text is not its address keeps the address in brackets, so a
    comment's links survive being stored as text.
    """
    if len(html) > MAX_BODY:
        raise BodyTooLarge(f"the text is {len(html):,} characters, over {MAX_BODY:,}")
    html = flatten(html)[0].replace("\r\n", "\n")
    if "<p" not in html.lower():
        html = autop(html)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES)
    if _PARAGRAPHS_ONLY.fullmatch(clean):
        # Most comments are paragraphs of text and nothing else: the same text as the tree
        # below gives (each paragraph followed by a blank line), without building the tree.
        text = unescape(clean.replace("<p>", "").replace("</p>", "\n\n"))
    else:
        text = _tree_text(clean, links)
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _tree_text(clean: str, links: bool) -> str:
    soup = BeautifulSoup(clean, "html.parser")
    if links:
        for anchor in soup.find_all("a"):
            href, label = anchor.get("href", ""), anchor.get_text()
            if href and _bare(href) != _bare(label):
                anchor.append(f" ({href})")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(["p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"]):
        tag.insert_after("\n\n")
    return soup.get_text()


def excerpt(text: str, words: int = 55, limit: int = 600) -> str:
    """WordPress's automatic excerpt: the first 55 words, ending in an ellipsis when cut."""
    parts = text.split()
    cut = " ".join(parts[:words])
    while len(cut) > limit - 1:
        cut = cut.rsplit(" ", 1)[0] if " " in cut else ""
    return cut + ("…" if len(parts) > words or len(cut) < len(" ".join(parts)) else "")


@dataclass
class _Builder:
    context: BodyContext
    blocks: list[tuple[str, Any]] = field(default_factory=list)
    _rich: list[str] = field(default_factory=list)
    _inline: list[str] = field(default_factory=list)

    def finish(self) -> list[tuple[str, Any]]:
        self._flush()
        return self.blocks

    # --- accumulating rich text ---

    def _flush_inline(self) -> None:
        text = "".join(self._inline).strip()
        self._inline = []
        if "<" not in text and _URL_LINE.match(unescape(text)):
            self._embed(unescape(text))  # a URL on a line of its own, as WordPress embeds it
        elif has_text(text):
            self._rich.append(f"<p>{text}</p>")

    def _flush(self) -> None:
        self._flush_inline()
        if self._rich:
            self.blocks.append(("paragraph", _BR_SPACE.sub("<br/>", "".join(self._rich))))
            self._rich = []

    def _add_rich(self, html: str) -> None:
        self._flush_inline()
        if html:
            self._rich.append(html)

    # --- walking the tree ---

    def walk(self, nodes) -> None:
        for node in list(nodes):
            if isinstance(node, NavigableString):
                self._inline.append(escape(_SPACE.sub(" ", str(node))))
            elif isinstance(node, Tag):
                self._element(node)

    def _element(self, el: Tag) -> None:
        name = el.name
        if name == "figure" and el.get("data-embed"):
            self._embed(el["data-embed"])
        elif name == "img":
            self._flush_inline()
            self._image(el, "")
        elif name == "figure" and el.find("img"):
            self._figure(el)
        elif name in _INLINE and not el.find("img"):
            self._inline.append(inline(el))
        elif name in _INLINE:
            self._split_images(el)
        elif name in _CONTAINERS or name in ("li", "tr", "td", "th", "thead", "tbody", "tfoot"):
            self._flush_inline()
            self.walk(el.contents)
            self._flush_inline()
        elif name == "hr":
            self._flush_inline()
        elif el.find("img"):
            self._split_images(el)
        elif name == "p" and (url := _bare_url(el)):
            self._embed(url)
        else:
            self._add_rich(rich(el))

    def _split_images(self, el: Tag) -> None:
        """An element holding images: the images become blocks, the rest stays as text."""
        text_first = _text_before_first_image(el)
        images = [img.extract() for img in el.find_all("img")]
        for anchor in el.find_all("a"):
            if not anchor.get_text(strip=True):
                anchor.decompose()  # the link that only wrapped the image
        has_text = bool(el.get_text(strip=True))
        if text_first and has_text:
            self._element(el)
        self._flush_inline()
        for img in images:
            self._image(img, "")
        if not text_first and has_text:
            self._element(el)

    def _figure(self, el: Tag) -> None:
        self._flush_inline()
        images = el.find_all("img")
        outer_caption = el.find("figcaption", recursive=False)
        for img in images:
            holder = img.find_parent("figure")
            own = holder.find("figcaption") if holder is not None and holder is not el else None
            if own is None and len(images) == 1:
                own = outer_caption
            self._image(img, own.get_text(" ", strip=True) if own else "")
        if outer_caption is not None and len(images) > 1 and outer_caption.get_text(strip=True):
            self._add_rich(f"<p>{inline(outer_caption)}</p>")

    def _image(self, img: Tag, caption: str) -> None:
        src = img.get("src", "")
        found = _WP_IMAGE.search(" ".join(img.get("class", []))) if img.get("class") else None
        attachment_id = img.get("data-id") or (found[1] if found else None)
        try:
            attachment_id = int(attachment_id) if attachment_id else None
        except ValueError:
            attachment_id = None
        image = self.context.resolve_image(src, attachment_id)
        caption = _SPACE.sub(" ", caption).strip()
        if image is not None:
            self._flush()
            fits = len(caption) <= MAX_CAPTION
            self.blocks.append(
                (
                    "image",
                    {
                        "image": image,
                        "caption": caption if fits else "",
                        "credit": self.context.credit[:200],
                    },
                )
            )
            if not fits:
                self._add_rich(f"<p>{escape(caption)}</p>")
            return
        # No Wagtail image: keep a link to the original so the story still says what was there.
        label = img.get("alt", "").strip() or caption or _file_name(src) or "image"
        if src.startswith(("http://", "https://")):
            self._add_rich(f'<p><a href="{escape(src)}">{escape(label)}</a></p>')
        if caption and caption != label:
            self._add_rich(f"<p>{escape(caption)}</p>")

    def _embed(self, url: str) -> None:
        url = url.strip()
        if not url.startswith(("http://", "https://")):
            return
        if self.context.embeddable(url):
            self._flush()
            self.blocks.append(("embed", url))
        else:
            self._add_rich(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')


def _bare(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")


def _file_name(src: str) -> str:
    return unquote(urlsplit(src).path.rsplit("/", 1)[-1])


def _text_before_first_image(el: Tag) -> bool:
    first = el.find("img")
    for node in el.descendants:
        if node is first:
            return False
        if isinstance(node, NavigableString) and node.strip():
            return True
    return False


def _bare_url(el: Tag) -> str | None:
    """A paragraph that holds nothing but one URL (WordPress auto-embeds these)."""
    text = el.get_text(strip=True)
    if not _URL_LINE.match(text):
        return None
    tags = el.find_all(True)
    if any(t.name != "a" for t in tags) or len(tags) > 1:
        return None
    if tags and tags[0].get("href", "").rstrip("/") != text.rstrip("/"):
        return None
    return text
