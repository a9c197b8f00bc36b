"""An article body outside its page: plain text for search excerpts, HTML for full-text feeds.

Both read the StreamField's raw JSON rather than rendering its blocks, for two reasons: rendering
an image block fetches its image and an embed block calls an oEmbed provider, one article at a
time; and a feed reader needs absolute addresses and no embedded players. Page links inside
paragraphs are expanded for a whole batch of articles at once, so a feed of thirty full-text
stories costs the same few queries as a feed of three.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html, get_text_for_indexing

FEED_IMAGE_FILTER = "width-1000"
# An HTML comment survives Wagtail's link rewriter untouched, so many paragraphs can be expanded
# in one pass and split apart again.
_SPLIT = "<!--dateline:paragraph-->"
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


def raw_blocks(article) -> list[dict]:
    raw = getattr(article.body, "raw_data", None)
    return [b for b in (raw or []) if isinstance(b, dict)]


def list_items(values) -> list[str]:
    """ListBlock values in either storage format: plain values or {'type': 'item', 'value': ..}."""
    items = []
    for value in values or []:
        items.append(str(value.get("value", "")) if isinstance(value, dict) else str(value))
    return items


def plain_text(article) -> str:
    """Everything a reader can read in the body, as one line of plain text."""
    parts: list[str] = []
    for block in raw_blocks(article):
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            parts.append(get_text_for_indexing(value))
        elif kind == "quote" and isinstance(value, dict):
            parts += [value.get("text", ""), value.get("speaker", ""), value.get("role", "")]
        elif kind == "figure" and isinstance(value, dict):
            parts += [value.get("value", ""), value.get("label", "")]
        elif kind == "factbox" and isinstance(value, dict):
            parts += [value.get("title", ""), *list_items(value.get("facts"))]
        elif kind == "image" and isinstance(value, dict):
            parts.append(value.get("caption", ""))
    return " ".join(" ".join(str(p).split()) for p in parts if p and str(p).strip())


def absolute_urls(html: str, root_url: str) -> str:
    """Make the site-relative href and src addresses in `html` absolute."""
    return _RELATIVE_URL.sub(lambda m: f"{m.group(1)}{root_url.rstrip('/')}/", html)


def images_in(articles, spec: str = FEED_IMAGE_FILTER) -> dict:
    """The images that the articles' image blocks show, by id, with `spec` renditions."""
    ids = set()
    for article in articles:
        for block in raw_blocks(article):
            if block.get("type") == "image" and isinstance(block.get("value"), dict):
                image_id = block["value"].get("image")
                if isinstance(image_id, int):
                    ids.add(image_id)
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(spec)
    return {image.pk: image for image in images}


def _image_html(value: dict, images: dict) -> str:
    image = images.get(value.get("image"))
    if image is None:
        return ""
    rendition = image.get_rendition(FEED_IMAGE_FILTER)
    caption = " ".join(p for p in (value.get("caption", ""), value.get("credit", "")) if p)
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}"><figcaption>{}</figcaption>'
        "</figure>",
        rendition.url,
        rendition.width,
        rendition.height,
        value.get("caption", "") or image.default_alt_text or "",
        caption,
    )


def _block_html(kind: str, value, images: dict) -> str:
    """HTML for one non-paragraph block; every value is escaped by format_html."""
    if kind == "quote" and isinstance(value, dict):
        role = format_html(", {}", value["role"]) if value.get("role") else ""
        return format_html(
            "<blockquote>{}<p>— {}{}</p></blockquote>",
            # linebreaks() escapes the text itself when autoescape is on; it returns a plain str.
            mark_safe(linebreaks(value.get("text", ""), autoescape=True)),  # noqa: S308
            value.get("speaker", ""),
            role,
        )
    if kind == "figure" and isinstance(value, dict):
        url = value.get("source_url") or ""
        source = (
            format_html('<a href="{}">{}</a>', url, value.get("source", ""))
            if url.startswith(("http://", "https://"))
            else format_html("{}", value.get("source", ""))
        )
        return format_html(
            "<p><strong>{}</strong> {} (source: {})</p>",
            value.get("value", ""),
            value.get("label", ""),
            source,
        )
    if kind == "factbox" and isinstance(value, dict):
        facts = format_html_join("", "<li>{}</li>", ((f,) for f in list_items(value.get("facts"))))
        return format_html("<aside><h2>{}</h2><ul>{}</ul></aside>", value.get("title", ""), facts)
    if kind == "image" and isinstance(value, dict):
        return _image_html(value, images)
    if kind == "embed" and isinstance(value, str) and value.startswith(("http://", "https://")):
        # A feed reader runs no embedded player: link to the media instead.
        return format_html('<p><a href="{}">{}</a></p>', value, value)
    return ""


def expand_paragraphs(paragraphs: list[str]) -> list[str]:
    """Wagtail's stored rich text made into front-end HTML, all page links in one batch."""
    paragraphs = [p.replace(_SPLIT, "") for p in paragraphs]
    expanded = expand_db_html(_SPLIT.join(paragraphs)).split(_SPLIT) if paragraphs else []
    if len(expanded) != len(paragraphs):  # a rewriter ate a marker: expand one by one instead
        expanded = [expand_db_html(p) for p in paragraphs]
    return expanded


def feed_html(articles: Iterable, root_url: str) -> dict[int, str]:
    """Full-text HTML of each article's body, keyed by article id, with absolute addresses."""
    articles = list(articles)
    images = images_in(articles)
    pieces: dict[int, list] = {}
    paragraphs: list[str] = []
    for article in articles:
        parts = pieces.setdefault(article.pk, [])
        for block in raw_blocks(article):
            kind, value = block.get("type"), block.get("value")
            if kind == "paragraph" and isinstance(value, str):
                parts.append(len(paragraphs))  # an index into the batch expanded below
                paragraphs.append(value)
            else:
                parts.append(_block_html(kind, value, images))
    expanded = expand_paragraphs(paragraphs)
    return {
        pk: absolute_urls(
            "".join(expanded[p] if isinstance(p, int) else p for p in parts), root_url
        )
        for pk, parts in pieces.items()
    }
