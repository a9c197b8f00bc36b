"""What a post or page says, read as Dateline's fields: headline, standfirst, body.

Shared by the article strategy (:mod:`.posts`) and the plain-page one (:mod:`.pages`).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from django.utils.text import slugify

from .body import BodyContext, excerpt, plain_text, to_blocks

if TYPE_CHECKING:
    from dateline.importers.wxr import Post

    from .job import Job

MAX_TITLE = 255
MAX_STANDFIRST = 600
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")


def title_of(post: Post) -> tuple[str, str]:
    """The headline as plain text, and a note if it had to change."""
    title = " ".join(html.unescape(_TAGS.sub("", post.title)).split())
    if not title:
        return "(no title)", "a post with no title is called '(no title)'"
    if len(title) > MAX_TITLE:
        return title[: MAX_TITLE - 1].rstrip() + "…", "a title over 255 characters was shortened"
    return title, ""


def standfirst_of(post: Post, title: str) -> str:
    """The excerpt, else the teaser before <!--more-->, else WordPress's automatic excerpt,
    else (a post with no text) the headline: a standfirst may not be empty."""
    return _standfirst(post) or title


def _standfirst(post: Post) -> str:
    if post.excerpt.strip():
        text = plain_text(post.excerpt).replace("\n", " ")
        return text if len(text) <= MAX_STANDFIRST else excerpt(text, words=10_000)
    teaser = _MORE.split(post.content, 1)
    if len(teaser) == 2:
        text = plain_text(teaser[0]).replace("\n", " ")
        if text and len(text) <= MAX_STANDFIRST:
            return text
    return excerpt(plain_text(_MORE.sub("", post.content)).replace("\n", " "))


def slug_of(post: Post) -> str:
    """The slug the post had in WordPress (made unique where it lands; empty: from the title)."""
    return slugify(unquote(post.post_name), allow_unicode=True)[:200]


def intro_of(post: Post) -> str:
    """A plain page's intro: its excerpt as plain text, if it has one."""
    return plain_text(post.excerpt).replace("\n", " ") if post.excerpt.strip() else ""


def body_of(job: Job, post: Post) -> tuple[list, str]:
    """A post's or page's content as body blocks, its images and galleries resolved, and a
    note of what the conversion had to change (for the report)."""
    context = BodyContext(
        resolve_image=job.media.resolve,
        embeddable=job.embeddable,
        gallery_ids=lambda: list(job.scan.children.get(post.post_id, ())),
        credit=job.credit,
    )
    return to_blocks(post.content, context), "; ".join(context.notes)


def headline_and_body(job: Job, post: Post) -> tuple[str, list, str]:
    """The headline, the body, and a note of what either had to change."""
    title, title_note = title_of(post)
    body, body_note = body_of(job, post)
    return title, body, joined(title_note, body_note)


def joined(*notes: str) -> str:
    return "; ".join(n for n in notes if n)
