"""The plain-page strategy: WordPress pages as Dateline's plain pages (``InfoPage``), their
hierarchy kept.

A page goes under the page that was its parent in WordPress (``post_parent``) when that page
was imported, else under the front page. The runner imports pages after every post, parents
first (:func:`parents_first`), because exports list them in id order and a child page often has
a lower id than its parent (the Theme Unit Test data's "Level 3" comes before "Level 2").
Pages are few, so they all take Wagtail's own path, never the bulk one.

A page keeps its WordPress state exactly as a post does (:mod:`.states`): published,
scheduled, draft, pending review, private, password-protected, or skipped when in the trash.

A plain page has no bylines, topics or lead image: its author, categories and featured image are
not imported. Its comments are, with their threads, and shown under it, closed: plain pages take
no new comments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.news import services

from . import states
from .content import headline_and_body, intro_of, slug_of

if TYPE_CHECKING:
    from dateline.importers.wxr import Post
    from dateline.news.models import InfoPage

    from .job import Job

KIND = "pages"


def parents_first(pages: list[Post]) -> list[Post]:
    """The pages ordered so that each comes after its parent (export order otherwise)."""
    by_id = {p.post_id: p for p in pages if p.post_id is not None}

    def depth(page: Post) -> int:
        seen, n = {page.post_id}, 0
        while page.post_parent and page.post_parent in by_id and page.post_parent not in seen:
            page = by_id[page.post_parent]
            seen.add(page.post_id)
            n += 1
        return n

    return sorted(pages, key=depth)  # sorted() is stable: export order within a level


def parent_for(job: Job, post: Post):
    """The imported parent page, else the front page (and a note saying so)."""
    if post.post_parent:
        parent = job.ledger.target_by_id(KIND, str(post.post_parent))
        if parent is not None:
            return parent, ""
        return job.taxonomy.home, "its parent page was not imported: placed under the front page"
    return job.taxonomy.home, ""


def content(job: Job, post: Post) -> tuple[dict, str]:
    title, body, note = headline_and_body(job, post)
    return {"title": title, "intro": intro_of(post), "body": body}, note


def create(job: Job, post: Post) -> tuple[InfoPage, str]:
    parent, parent_note = parent_for(job, post)
    fields, note = content(job, post)
    state = states.state_of(post)
    page = services.create_info_page(
        parent,
        published_at=state.published_at,
        publish=state.public,
        slug=slug_of(post),
        **fields,
    )
    return states.apply(page, post, state, note or state.note or parent_note)


def update(job: Job, post: Post, page: InfoPage) -> tuple[InfoPage, str]:
    """A page changed in WordPress, untouched in Dateline: its new text, as a revision. It is
    not moved if its parent changed."""
    fields, note = content(job, post)
    publish, note = states.on_update(post, page, fields, note)
    return services.revise_info_page(page, publish=publish, **fields), note


def redirect(job: Job, post: Post, page) -> None:
    job.redirects.for_page(post, page)
