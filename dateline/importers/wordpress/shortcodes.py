"""WordPress markup that is not HTML: shortcodes, block comments and wpautop's blank lines.

Each function turns one WordPress convention into plain HTML (or a marker element the body
converter understands) before the HTML is sanitised, so that nothing here ever needs to be
trusted: whatever comes out still goes through nh3.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

# <figure data-embed="URL"></figure> marks an embed for the body converter.
EMBED_MARKER = '<figure data-embed="{}"></figure>'

_ATTR = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_MEDIA = re.compile(r"\[(audio|video)\b([^\]]*)\](?:(.*?)\[/\1\])?", re.S | re.I)
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.I)
_PLAYER_SHORTCODE = re.compile(r"\[(youtube|vimeo)[\s=]+([^\]\s]+)[^\]]*\]", re.I)
# Other shortcodes: the tag goes and enclosed content stays. Only names WordPress and common
# plugins register, or a tag with name="value" attributes, count: "[sic]" or "[Note: ...]" in a
# story is text.
_KNOWN = (
    "playlist|wp_playlist|slideshow|contact-form|contact-field|polldaddy|crowdsignal|soundcloud"
    "|googlemaps|gravityform|column|columns|one_half|one_third|two_third|one_fourth|button"
    "|dropcap|pullquote|quote|code|sourcecode|latex|instagram|tweet|twitter|facebook|spotify"
)
_OTHER = re.compile(
    rf"\[/(?:{_KNOWN})\]|\[(?:{_KNOWN})\b[^\]\[]*\]|\[[a-z][\w-]*\s+[\w-]+=[^\]\[]*\]", re.I
)
_BLOCK_EMBED = re.compile(
    r"<!--\s*wp:(?:core-embed/[\w-]+|embed)\s+(\{.*?\})\s*-->.*?<!--\s*/wp:[\w/-]+\s*-->", re.S
)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:")
_IFRAME = re.compile(
    r"<iframe\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>.*?</iframe>", re.S | re.I
)
_YOUTUBE_PLAYER = re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)")
_VIMEO_PLAYER = re.compile(r"^https?://player\.vimeo\.com/video/(\d+)")
_BLOCK_START = re.compile(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|hr|dl|dt|dd"
    r"|form|address|section|article|aside|header|footer|nav|figcaption|iframe|script|style)\b",
    re.I,
)


_BLOCKS = (
    r"(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|figure|hr|dl|dt"
    r"|dd|form|address|section|article|aside|header|footer|nav|figcaption|iframe)"
)
_OPEN_BLOCK = re.compile(rf"(<{_BLOCKS}[\s/>])", re.I)
_CLOSE_BLOCK = re.compile(rf"(</{_BLOCKS}>)", re.I)


def attributes(text: str) -> dict[str, str]:
    """Attributes of a shortcode (``ids="1,2" columns=3``), names lower-cased."""
    return {m[0].lower(): next(v for v in m[1:] if v is not None) for m in _ATTR.findall(text)}


def expand(text: str, gallery_ids: Callable[[], list[int]] = list) -> str:
    """Replace the shortcodes that carry content with HTML; drop the tags of all others.

    ``[caption]`` becomes a ``<figure>`` with its ``<figcaption>``; ``[embed]`` and
    ``[audio]``/``[video]`` with a URL become embed markers (the converter decides later whether
    an embed provider knows the URL); ``[gallery]`` becomes one image per attachment id, with
    ``gallery_ids()`` giving the post's own attachments when the shortcode names none.
    """
    text = _BLOCK_EMBED.sub(_block_embed, text)
    text = _IFRAME.sub(_iframe, text)
    text = _CAPTION.sub(_caption, text)
    text = _EMBED.sub(lambda m: EMBED_MARKER.format(html.escape(m[1].strip())), text)
    text = _MEDIA.sub(_media, text)
    text = _GALLERY.sub(lambda m: _gallery(attributes(m[1]), gallery_ids), text)
    text = _PLAYER_SHORTCODE.sub(_player, text)
    return _OTHER.sub("", text)


def _block_embed(match: re.Match) -> str:
    try:
        url = json.loads(match[1]).get("url", "")
    except (ValueError, AttributeError):
        url = ""
    return EMBED_MARKER.format(html.escape(url)) if isinstance(url, str) and url else ""


def _iframe(match: re.Match) -> str:
    """A player iframe becomes an embed of the page it plays; any other iframe, a link."""
    src = html.unescape(match[1]).strip()
    if found := _YOUTUBE_PLAYER.match(src):
        return EMBED_MARKER.format(f"https://www.youtube.com/watch?v={found[1]}")
    if found := _VIMEO_PLAYER.match(src):
        return EMBED_MARKER.format(f"https://vimeo.com/{found[1]}")
    if src.startswith("//"):
        src = "https:" + src
    if not src.startswith(("http://", "https://")):
        return ""
    return f'<p><a href="{html.escape(src)}">{html.escape(src)}</a></p>'


def _caption(match: re.Match) -> str:
    inner = match[3]
    attrs = attributes(match[2])
    # The caption is the text after the image (WordPress 3.4+), or the caption="" attribute.
    split = re.split(r"(<img\b[^>]*>(?:\s*</a>)?)", inner, maxsplit=1, flags=re.I)
    if len(split) == 3:
        before, image, caption = split
        caption = caption.strip() or attrs.get("caption", "")
        return f"<figure>{before}{image}<figcaption>{caption}</figcaption></figure>"
    return f"<figure>{inner}</figure>"


def _media(match: re.Match) -> str:
    attrs = attributes(match[2])
    url = attrs.get("src") or next(
        (attrs[k] for k in ("mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "mov") if k in attrs),
        (match[3] or "").strip(),
    )
    return EMBED_MARKER.format(html.escape(url)) if url else ""


def _player(match: re.Match) -> str:
    name, target = match[1].lower(), html.unescape(match[2])
    if name == "vimeo" and target.isdigit():
        target = f"https://vimeo.com/{target}"
    if not target.startswith(("http://", "https://")):
        return ""
    return EMBED_MARKER.format(html.escape(target))


def _gallery(attrs: dict[str, str], gallery_ids: Callable[[], list[int]]) -> str:
    ids = [int(i) for i in re.findall(r"\d+", attrs.get("ids", "") or attrs.get("include", ""))]
    ids = ids or gallery_ids()
    images = "".join(f'<img class="wp-image-{i}" src="" alt="">' for i in ids)
    return f"<figure>{images}</figure>" if images else ""


def has_blocks(text: str) -> bool:
    """Block-editor content: WordPress does not run wpautop on it, so neither do we."""
    return bool(_BLOCK_COMMENT.search(text))


def autop(text: str) -> str:
    """WordPress's wpautop, simplified: blank lines part paragraphs, single newlines break lines.

    A chunk that already starts with a block-level element is left as it is.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Like wpautop: block-level tags stand apart, so the text between them becomes paragraphs.
    text = _OPEN_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK.sub(r"\1\n\n", text)
    chunks = re.split(r"\n\s*\n", text)
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)
