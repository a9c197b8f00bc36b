"""The first, quick pass over an export: vet the file, count its records, index its media.

A post can name its featured image (``_thumbnail_id``) before the attachment's own ``<item>``
appears, so the import needs to know every attachment before it starts. Only a few short
strings per attachment are kept, and nothing per post or comment, so the index stays small
however large the export is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from os import PathLike
from urllib.parse import unquote, urlsplit

from dateline.importers.wxr import Category, Post, Site, WXRReader

_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")


@dataclass(slots=True)
class Attachment:
    """What the import needs of an attachment before reaching its ``<item>``."""

    post_id: int
    guid: str
    url: str
    title: str
    caption: str
    alt: str
    parent: int
    link: str


@dataclass
class Scan:
    site: Site
    total: int = 0
    posts: int = 0
    comments: int = 0
    attachments: dict[int, Attachment] = field(default_factory=dict)
    by_path: dict[str, int] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    category_slugs: dict[int, str] = field(default_factory=dict)

    def attachment_for_url(self, url: str) -> Attachment | None:
        """The attachment an image URL shows, resized copies (``-300x200.jpg``) included."""
        post_id = self.by_path.get(media_key(url))
        return self.attachments.get(post_id) if post_id is not None else None


def media_key(url: str) -> str:
    """An attachment URL reduced to what identifies the file: path without query or size."""
    path = unquote(urlsplit(url.strip()).path).lower()
    return _SIZE_SUFFIX.sub("", path)


def scan(path: str | PathLike[str]) -> Scan:
    """Read the whole export once; raises WXRRefused for a file that is not to be imported."""
    with WXRReader(path) as reader:
        result = Scan(site=reader.site)
        for record in reader:
            result.total += 1
            if isinstance(record, Category) and record.term_id is not None:
                result.category_slugs[record.term_id] = record.nicename
            if not isinstance(record, Post):
                continue
            result.comments += len(record.comments)
            if record.post_type != "attachment" or record.post_id is None:
                result.posts += record.post_type in ("post", "page")
                continue
            url = record.attachment_url or record.guid
            result.attachments[record.post_id] = Attachment(
                post_id=record.post_id,
                guid=record.guid,
                url=url,
                title=record.title,
                caption=record.excerpt,
                alt=record.meta("_wp_attachment_image_alt", "") or "",
                parent=record.post_parent,
                link=record.link,
            )
            if url:
                result.by_path.setdefault(media_key(url), record.post_id)
            if record.post_parent:
                result.children[record.post_parent].append(record.post_id)
    return result
