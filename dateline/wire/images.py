"""An item's photos, fetched when it is taken, as the story's lead image with caption and credit.

Photos an agency offers (ninjs associations and renditions, NewsML-G2 remoteContent, RSS
enclosures and media:content) are addresses on the desk; only taking the item fetches one. The
fetch goes through the importers' guard (wordpress/fetch.py: http(s) only, never a private,
loopback or link-local address, every redirect checked, a size cap and a timeout), and the bytes
are judged as an upload is (core/images.py: format, size, and the header's pixel count before
anything decodes it). The first photo that passes becomes the lead image; each one refused or
failed is reported with its reason, and the story is taken all the same.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from dateline.core.images import store_checked_image
from dateline.importers.wordpress.fetch import FetchRefused, fetch

MAX_BYTES = 10 * 1024 * 1024  # Wagtail's own upload limit is checked again when stored
MAX_TRIED = 3  # photos tried per item: a dead agency server must not hold a take for minutes
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}
Fetcher = Callable[..., bytes]


@dataclass
class LeadImage:
    image: object | None = None  # a Wagtail image, or None when no photo could be had
    caption: str = ""  # the story's lead-image caption: the agency's caption and credit
    problems: list[str] = field(default_factory=list)  # one line per photo refused or failed


def lead_image(item, fetcher: Fetcher | None = None) -> LeadImage:
    """The first of the item's photos that can be fetched and stored, with what went wrong."""
    fetcher = fetcher or fetch
    result = LeadImage()
    for offered in item.images[:MAX_TRIED]:
        href = str(offered.get("href") or "")
        try:
            result.image = _store(href, offered, item.headline, fetcher)
        except (FetchRefused, ValidationError) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            result.problems.append(f"photo {href[:200]} not used: {reason}")
            continue
        result.caption = caption_with_credit(offered.get("caption"), offered.get("credit"))
        break
    return result


def caption_with_credit(caption, credit) -> str:
    """ "A ferry leaves Mopti. Photo: Awa Traoré/Sahel Press", within the caption's 400."""
    caption, credit = str(caption or "").strip(), str(credit or "").strip()
    credit_line = f"Photo: {credit}" if credit else ""
    room = 400 - len(credit_line) - 1
    if len(caption) > room:
        caption = caption[: max(room - 1, 0)].rstrip() + "…"
    return " ".join(part for part in (caption, credit_line) if part)


def _store(href: str, offered: dict, headline: str, fetcher: Fetcher):
    data = fetcher(href, max_bytes=MAX_BYTES)
    kind = _format(data)
    if kind not in EXTENSIONS:
        raise ValidationError(f"not a photo in a format the site shows ({kind or 'unknown'})")
    name = f"wire-photo.{EXTENSIONS[kind]}"
    caption = str(offered.get("caption") or "").strip()
    credit = str(offered.get("credit") or "").strip()
    title = caption or headline
    if credit:
        title = f"{title[: 250 - len(credit)]} ({credit})"
    return store_checked_image(name, data, title=title, description=caption or headline)


def _format(data: bytes) -> str:
    """The image format from the header alone (the file name of an agency URL proves nothing);
    store_checked_image then judges size and pixels before anything decodes it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                return image.format or ""
    except PILImage.DecompressionBombError:
        raise ValidationError("This image has far too many pixels to be accepted.") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return ""
