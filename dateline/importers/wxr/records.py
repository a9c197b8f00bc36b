"""Plain records read from a WordPress export (WXR), independent of Django.

The parser turns each WXR element into one of these frozen dataclasses so that the importer
runner, the dry run and the tests all see the same values. Every datetime here is aware and in
UTC, or None when the export carries no usable date.

Each field read straight from a child element names that element in its metadata (see
:func:`wxr`), so this module is also the map from WXR to Dateline's vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: How WordPress's ``comment_approved`` values map to Dateline's comment statuses. Anything
#: else (``post-trashed``, plugin values) is held for moderation rather than published.
COMMENT_STATUSES = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}


def wxr(tag: str, default: Any = "", kind: str = "text") -> Any:
    """A field read from the child element ``tag``; an empty or missing element gives default.

    ``kind`` says how the text is read: ``text`` as is (stripped), ``int`` (anything else
    makes the record unreadable), ``flag`` (``"1"`` is True), ``date`` (see the parser), and
    ``gmt``: ``<tag>_gmt``, falling back to ``<tag>`` read as UTC when that is missing or zero,
    as WordPress leaves it on drafts.
    """
    return field(default=default, metadata={"wxr": tag, "kind": kind})


@dataclass(frozen=True, slots=True)
class Site:
    """Channel-level facts about the exported site."""

    wxr_version: str
    wp_namespace: str
    title: str = wxr("title")
    link: str = wxr("link")
    description: str = wxr("description")
    language: str = wxr("language")
    pub_date: datetime | None = wxr("pubDate", None, "date")
    base_site_url: str = wxr("wp:base_site_url")
    base_blog_url: str = wxr("wp:base_blog_url")


@dataclass(frozen=True, slots=True)
class Author:
    """A ``<wp:author>``: a WordPress user who wrote something in the export."""

    login: str = wxr("wp:author_login")
    author_id: int | None = wxr("wp:author_id", None, "int")
    email: str = wxr("wp:author_email")
    display_name: str = wxr("wp:author_display_name")
    first_name: str = wxr("wp:author_first_name")
    last_name: str = wxr("wp:author_last_name")


@dataclass(frozen=True, slots=True)
class Category:
    """A ``<wp:category>``; ``parent`` is the parent's nicename (WXR links terms by slug)."""

    nicename: str = wxr("wp:category_nicename")
    name: str = wxr("wp:cat_name")
    term_id: int | None = wxr("wp:term_id", None, "int")
    parent: str = wxr("wp:category_parent")
    description: str = wxr("wp:category_description")


@dataclass(frozen=True, slots=True)
class Tag:
    """A ``<wp:tag>`` (post tag)."""

    slug: str = wxr("wp:tag_slug")
    name: str = wxr("wp:tag_name")
    term_id: int | None = wxr("wp:term_id", None, "int")
    description: str = wxr("wp:tag_description")


@dataclass(frozen=True, slots=True)
class Term:
    """A ``<wp:term>`` of any other taxonomy (nav menus, post formats, custom taxonomies)."""

    taxonomy: str = wxr("wp:term_taxonomy")
    slug: str = wxr("wp:term_slug")
    name: str = wxr("wp:term_name")
    term_id: int | None = wxr("wp:term_id", None, "int")
    parent: str = wxr("wp:term_parent")
    description: str = wxr("wp:term_description")


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``<wp:comment>`` inside an item. ``parent_id`` 0 means a top-level comment.

    ``approved`` keeps WordPress's raw value; ``status`` is its Dateline meaning (see
    :data:`COMMENT_STATUSES`). ``comment_type`` is ``"comment"`` for ordinary comments, which
    older WordPress versions export as an empty string. ``comment_id`` is None only when the
    export omits it.
    """

    comment_id: int | None = wxr("wp:comment_id", None, "int")
    parent_id: int = wxr("wp:comment_parent", 0, "int")
    user_id: int = wxr("wp:comment_user_id", 0, "int")
    author: str = wxr("wp:comment_author")
    author_email: str = wxr("wp:comment_author_email")
    author_url: str = wxr("wp:comment_author_url")
    author_ip: str = wxr("wp:comment_author_IP")
    date_gmt: datetime | None = wxr("wp:comment_date", None, "gmt")
    content: str = wxr("wp:comment_content")
    approved: str = wxr("wp:comment_approved")
    comment_type: str = wxr("wp:comment_type", "comment")
    status: str = "pending"
    meta: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Post:
    """An ``<item>``: a post, page, attachment, menu item or any other post type.

    ``post_id`` is None only when the export omits ``<wp:post_id>``. Exports can repeat a guid
    on different posts (the Theme Unit Test data does), so key on ``(guid, post_id)``, never on
    the guid alone. ``pub_date`` is the RSS ``<pubDate>``; ``post_date_gmt`` is the one to
    trust. ``postmeta`` maps each key to all of its values in document order, since WordPress
    allows a key to repeat. ``categories`` holds ``(domain, nicename, name)`` for every
    ``<category>``, tags included (their domain is ``post_tag``). ``line`` is where the
    ``<item>`` starts in the file.
    """

    post_id: int | None = wxr("wp:post_id", None, "int")
    post_parent: int = wxr("wp:post_parent", 0, "int")
    menu_order: int = wxr("wp:menu_order", 0, "int")
    post_type: str = wxr("wp:post_type", "post")
    guid: str = wxr("guid")
    title: str = wxr("title")
    link: str = wxr("link")
    post_name: str = wxr("wp:post_name")
    status: str = wxr("wp:status")
    is_sticky: bool = wxr("wp:is_sticky", False, "flag")
    password: str = wxr("wp:post_password")
    pub_date: datetime | None = wxr("pubDate", None, "date")
    post_date_gmt: datetime | None = wxr("wp:post_date", None, "gmt")
    modified_gmt: datetime | None = wxr("wp:post_modified", None, "gmt")
    author: str = wxr("dc:creator")
    content: str = wxr("content:encoded")
    excerpt: str = wxr("excerpt:encoded")
    comment_status: str = wxr("wp:comment_status")
    ping_status: str = wxr("wp:ping_status")
    attachment_url: str = wxr("wp:attachment_url")
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
