"""Plain records read from a WordPress export (WXR), independent of Django.

The parser turns each WXR element into one of these frozen dataclasses so that the importer
runner, the dry run and the tests all see the same values. Every datetime here is aware and in
UTC, or None when the export carries no usable date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

#: How WordPress's ``comment_approved`` values map to Dateline's comment statuses. Anything
#: else (``post-trashed``, plugin values) is held for moderation rather than published.
COMMENT_STATUSES = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}


@dataclass(frozen=True, slots=True)
class Site:
    """Channel-level facts about the exported site."""

    wxr_version: str
    wp_namespace: str
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    pub_date: datetime | None = None
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass(frozen=True, slots=True)
class Author:
    """A ``<wp:author>``: a WordPress user who wrote something in the export."""

    login: str
    author_id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True, slots=True)
class Category:
    """A ``<wp:category>``; ``parent`` is the parent's nicename (WXR links terms by slug)."""

    nicename: str
    name: str
    term_id: int | None = None
    parent: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Tag:
    """A ``<wp:tag>`` (post tag)."""

    slug: str
    name: str
    term_id: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A ``<wp:term>`` of any other taxonomy (nav menus, post formats, custom taxonomies)."""

    taxonomy: str
    slug: str
    name: str
    term_id: int | None = None
    parent: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``<wp:comment>`` inside an item. ``parent_id`` 0 means a top-level comment.

    ``approved`` keeps WordPress's raw value; ``status`` is its Dateline meaning (see
    :data:`COMMENT_STATUSES`). ``comment_type`` is ``"comment"`` for ordinary comments, which
    older WordPress versions export as an empty string.
    """

    comment_id: int | None
    parent_id: int = 0
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = ""
    status: str = "pending"
    comment_type: str = "comment"
    user_id: int = 0
    meta: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Post:
    """An ``<item>``: a post, page, attachment, menu item or any other post type.

    ``post_id`` is None only when the export omits ``<wp:post_id>``. Exports can repeat a guid
    on different posts (the Theme Unit Test data does), so key on ``(guid, post_id)``, never on
    the guid alone. ``post_date_gmt`` falls back to ``wp:post_date`` read as UTC when the GMT
    date is missing or zero, as WordPress leaves it for drafts. ``postmeta`` maps each key to
    all of its values in document order, since WordPress allows a key to repeat.
    ``categories`` holds ``(domain, nicename, name)`` for every ``<category>``, tags included
    (their domain is ``post_tag``). ``line`` is where the ``<item>`` starts in the file.
    """

    post_id: int | None
    post_type: str = "post"
    guid: str = ""
    title: str = ""
    link: str = ""
    post_name: str = ""
    status: str = ""
    post_parent: int = 0
    menu_order: int = 0
    is_sticky: bool = False
    password: str = ""
    pub_date: datetime | None = None
    post_date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    author: str = ""
    content: str = ""
    excerpt: str = ""
    comment_status: str = ""
    ping_status: str = ""
    attachment_url: str = ""
    categories: tuple[tuple[str, str, str], ...] = ()
    postmeta: dict[str, tuple[str, ...]] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    line: int | None = None

    def meta(self, key: str, default: str | None = None) -> str | None:
        """The first value of a postmeta key, like WordPress's ``get_post_meta(..., true)``."""
        values = self.postmeta.get(key)
        return values[0] if values else default


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Something the parser could not read, reported instead of stopping the import.

    ``item_index`` is the zero-based position of the ``<item>`` concerned (None for
    channel-level elements); ``line`` is the line in the file where it starts. ``skipped`` is
    True when the record was dropped, False when it was kept with a value left empty.
    """

    item_index: int | None
    line: int | None
    message: str
    skipped: bool = True


class WXRRefused(Exception):
    """The file is not a WordPress export we are willing to read; nothing was imported.

    Raised before any record is yielded: for non-XML input, XML that is not WXR, and files
    carrying a DOCTYPE or entity declarations (the vehicle of entity-expansion attacks).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Record = Author | Category | Tag | Term | Post
