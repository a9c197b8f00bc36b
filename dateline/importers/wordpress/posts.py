"""The article strategy: a WordPress post becomes an article, in the state it had there.

The state table is in :mod:`.states`, shared with plain pages; the bookkeeping every kind shares
(skips, the ledger, updates, comments) in :mod:`.items`. A post whose comments were closed keeps
them closed. New published posts take the bulk path (:func:`plan`, written by :mod:`.batch`);
every other post is created here through the news services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.news import services
from dateline.news.new_article import NewArticle

from . import states
from .body import plain_text
from .content import headline_and_body, slug_of, standfirst_of

if TYPE_CHECKING:
    from dateline.importers.wxr import Post

    from .job import Job
    from .states import State

KIND = "articles"


def takes_bulk_path(post: Post) -> bool:
    """Whether a new post can be written by the bulk path: a post that is published (or
    scheduled for a time already past) with no password. Other states need Wagtail's
    workflow, scheduling and view restrictions, and take :func:`create`; so do pages
    (plain pages, and few)."""
    return (
        post.post_type == "post"
        and (post.post_id is not None or bool(post.guid))
        and post.status in states.STATES
        and not post.password
        and states.state_of(post).name == "published"
    )


def plan(job: Job, post: Post) -> tuple[NewArticle, str]:
    """A new published post as an article for :func:`dateline.news.bulk.create_articles`,
    and a note. Its section, topics, author and images are found or created now."""
    article, state, note = _new_article(job, post)
    return article, note or state.note


def create(job: Job, post: Post):
    """A new post as an article in its WordPress state, and a note."""
    article, state, note = _new_article(job, post)
    return states.apply(services.create_article(article), post, state, note or state.note)


def update(job: Job, post: Post, article):
    """A post changed in WordPress, its article untouched in Dateline: bring the change in.

    Content, topics and the comment setting follow WordPress; a change of state as
    :func:`.states.on_update` says.
    """
    _, topics = job.taxonomy.filing(post)
    fields, note = _content(job, post)
    publish, note = states.on_update(post, article, fields, note)
    article = services.revise_article(
        article,
        publish=publish,
        topics=topics,
        comments_enabled=post.comment_status != "closed",
        **fields,
    )
    return article, note


def redirect(job: Job, post: Post, article) -> None:
    job.redirects.for_post(post, article)


def _new_article(job: Job, post: Post) -> tuple[NewArticle, State, str]:
    """The post as a NewArticle (section, topics and author found or created now), its
    state, and a note of what the conversion changed."""
    section, topics = job.taxonomy.filing(post)
    author = job.taxonomy.author_for(post.author)
    fields, note = _content(job, post)
    state = states.state_of(post)
    article = NewArticle(
        section=section,
        bylines=[(author, "reporting")],
        topics=topics,
        published_at=state.published_at,
        publish=state.public,
        slug=slug_of(post),
        comments_enabled=post.comment_status != "closed",
        **fields,
    )
    return article, state, note


def _content(job: Job, post: Post) -> tuple[dict, str]:
    """The article fields read from a post (all but its section and byline), and a note."""
    title, body, note = headline_and_body(job, post)
    thumbnail = (post.meta("_thumbnail_id") or "").strip()
    lead_image = job.media.image(int(thumbnail)) if thumbnail.isdigit() else None
    caption = ""
    if lead_image is not None:
        attachment = job.scan.attachments.get(int(thumbnail))
        caption = plain_text(attachment.caption).replace("\n", " ") if attachment else ""
    fields = {
        "title": title,
        "standfirst": standfirst_of(post, title),
        "body": body,
        "lead_image": lead_image,
        "lead_image_caption": caption[:400],
    }
    return fields, note
