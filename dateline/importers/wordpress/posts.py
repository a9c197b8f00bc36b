"""Posts as articles, in the editorial state they had in WordPress.

=============  ==================================================================
WordPress      Dateline
=============  ==================================================================
publish        published, first published at the post's date
future         scheduled for the post's date (published at once if it has passed)
draft          a draft
pending        a draft submitted to the editors' review workflow
private        published behind a login (a Wagtail view restriction)
password       published behind the same password (a Wagtail view restriction)
trash          not imported (reported as skipped)
=============  ==================================================================

A post whose comments were closed keeps them closed. Pages become plain pages (:mod:`.pages`),
with the same states and the same bookkeeping, through :func:`import_post`.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import unquote

from django.utils import timezone
from django.utils.text import slugify

from dateline.news import services
from dateline.news.bulk import NewArticle

from . import pages
from .body import BodyContext, excerpt, plain_text, to_blocks
from .comments import import_comments
from .ledger import fingerprint, item_key

if TYPE_CHECKING:
    from dateline.importers.models import ImportedItem
    from dateline.importers.wxr import Post
    from dateline.news.models import SectionPage

    from .job import Job

STATES = {
    "publish": "published",
    "future": "scheduled",
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "review",
    "private": "private",
}
MAX_TITLE = 255
MAX_STANDFIRST = 600
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")


def kind_of(post: Post) -> str:
    return "pages" if post.post_type == "page" else "articles"


def label(post: Post) -> str:
    where = f" (line {post.line})" if post.line else ""
    return f"{post.post_type} {post.post_id} {post.title[:60]!r}{where}"


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


def _base_slug(post: Post) -> str:
    return slugify(unquote(post.post_name), allow_unicode=True)[:200]


def unique_slug(post: Post, section: SectionPage) -> str | None:
    base = _base_slug(post)
    if not base:
        return None
    taken = set(section.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _fingerprint(post: Post) -> str:
    return fingerprint(
        post.title,
        post.content,
        post.excerpt,
        post.status,
        post.post_date_gmt,
        post.password,
        post.categories,
        post.meta("_thumbnail_id"),
        post.comment_status,
        post.post_name,
    )


def key_of(post: Post) -> str:
    """The post's bookkeeping key (kind, WordPress id and guid)."""
    return item_key(kind_of(post), str(post.post_id or ""), post.guid)


def takes_bulk_path(post: Post) -> bool:
    """Whether a new post can be written by the bulk path: a post that is published (or
    scheduled for a time already past) with no password. Other states need Wagtail's
    workflow, scheduling and view restrictions, and take :func:`import_post`; so do pages
    (plain pages, and few)."""
    return (
        post.post_type == "post"
        and (post.post_id is not None or bool(post.guid))
        and post.status in STATES
        and not post.password
        and state_of(post)[0] == "published"
    )


def plan(job: Job, post: Post) -> tuple[NewArticle, str]:
    """A new published post as an article for :func:`dateline.news.bulk.create_articles`,
    and a note. Its section, topics, author and images are found or created now."""
    section, topics = job.taxonomy.filing(post)
    author = job.taxonomy.author_for(post.author)
    fields, note = _content(job, post)
    _, when, state_note = state_of(post)
    article = NewArticle(
        section=section,
        bylines=[(author, "reporting")],
        topics=topics,
        published_at=when,
        slug=_base_slug(post),
        comments_enabled=post.comment_status != "closed",
        **fields,
    )
    return article, note or state_note


def record_created(job: Job, post: Post, article, note: str) -> ImportedItem:
    """The bookkeeping row and the summary line of a post the bulk path created."""
    kind = kind_of(post)
    row = job.ledger.entry(
        kind,
        str(post.post_id or ""),
        article,
        guid=post.guid,
        fingerprint=_fingerprint(post),
        version=article.latest_revision_id,
    )
    job.report.add(kind, "created", label(post), note)
    return row


_UNREAD = object()


def skip(job: Job, post: Post, reason: str, *, outcome: str = "skipped") -> None:
    """Report a post left out, and each of its comments with it, so that the comments row of
    the table adds up to the export's count in the report's heading."""
    job.report.add(kind_of(post), outcome, label(post), reason)
    for comment in post.comments:
        job.report.add(
            "comments",
            outcome,
            f"comment {comment.comment_id} on post {post.post_id}",
            f"its post was not imported ({reason})",
        )


def import_post(job: Job, post: Post, row=_UNREAD) -> None:
    """Import one post or page with its comments and redirects (inside its transaction);
    a page becomes a plain page (:mod:`.pages`) and its comments are not imported.

    ``row`` is its bookkeeping row when the caller has looked it up already (None: new)."""
    kind, name = kind_of(post), label(post)
    report = job.report
    if post.post_id is None and not post.guid:
        skip(job, post, "no post id and no guid: it could not be recognised")
        return
    if post.status in ("trash", "inherit"):
        skip(job, post, f"the post is in WordPress's {post.status} state")
        return
    if post.status not in STATES:
        skip(job, post, f"unknown post status {post.status!r}")
        return
    external = str(post.post_id or "")
    key = item_key(kind, external, post.guid)
    if key in job.seen:
        skip(job, post, "the same post appears twice in the export")
        return
    if row is _UNREAD:
        row = job.ledger.find(kind, external, post.guid)
    fingerprint_now = _fingerprint(post)
    is_page = post.post_type == "page"
    create, update = (pages.create, pages.update) if is_page else (_create, _update)
    if row is None:
        article, note = create(job, post)
        job.ledger.record(
            kind,
            external,
            article,
            guid=post.guid,
            fingerprint=fingerprint_now,
            version=article.latest_revision_id,
        )
        report.add(kind, "created", name, note)
    else:
        article = row.target
        if article is None:
            skip(job, post, "deleted in Dateline after an earlier import")
            return
        if row.fingerprint == fingerprint_now:
            report.add(kind, "unchanged", name)
        elif article.latest_revision_id != row.object_version:
            # A newer revision than the import wrote (or any revision of an article the bulk
            # path wrote without one): edited in Dateline since.
            report.add(
                kind,
                "skipped",
                name,
                "changed in WordPress and edited in Dateline since an earlier import;"
                " Dateline's copy was kept",
            )
        else:
            article, note = update(job, post, article)
            row.fingerprint, row.object_version = fingerprint_now, article.latest_revision_id
            row.save(update_fields=["fingerprint", "object_version"])
            report.add(
                kind, "updated", name, note or "changed in WordPress since an earlier import"
            )
    if is_page:
        job.redirects.for_page(post, article)
    else:
        job.redirects.for_post(post, article)
    import_comments(job, post, article)
    job.seen.add(key)


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


def joined(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _content(job: Job, post: Post) -> tuple[dict, str]:
    """The article fields read from a post (all but its section and byline), and a note."""
    title, title_note = title_of(post)
    body, body_note = body_of(job, post)
    note = joined(title_note, body_note)
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


def state_of(post: Post) -> tuple[str, datetime | None, str]:
    """The Dateline state, the date that goes with it, and a note."""
    when = post.post_date_gmt or post.pub_date
    state, note, now = STATES[post.status], "", timezone.now()
    if state == "scheduled" and (when is None or when <= now):
        state, note = "published", "scheduled for a time already past: published"
    if state in ("published", "private"):
        if when is None:
            note = "no date in the export: first published now"
        when = min(when or now, now)
    return state, when, note


def _create(job: Job, post: Post):
    section, topics = job.taxonomy.filing(post)
    author = job.taxonomy.author_for(post.author)
    fields, note = _content(job, post)
    state, when, state_note = state_of(post)
    note = note or state_note
    public = state in ("published", "private")
    article = services.create_article(
        section,
        bylines=[(author, "reporting")],
        topics=topics,
        published_at=when if public else None,
        publish=public,
        slug=unique_slug(post, section),
        **fields,
    )
    if post.comment_status == "closed":
        article = services.revise_article(article, comments_enabled=False)
    return apply_state(article, post, state, when, note)


def apply_state(page, post: Post, state: str, when, note: str):
    """Give a new article or plain page the rest of its WordPress state (the table above):
    scheduled, in review, or behind a login or password. Returns the page and the note."""
    if state == "scheduled":
        page = services.schedule_article(page, when)
    elif state == "review" and not services.submit_for_review(page):
        note = note or "no review workflow applies: kept as a draft"
    if state == "private" or post.password:
        services.restrict_page(page, password=post.password)
    return page, note


def _update(job: Job, post: Post, article):
    """A post changed in WordPress, its article untouched in Dateline: bring the change in.

    Content, topics and the comment setting follow WordPress; a draft that WordPress has since
    published is published, dated as WordPress dates it. Other changes of state (scheduling,
    review, privacy) are not applied, and the summary says so.
    """
    _, topics = job.taxonomy.filing(post)
    fields, note = _content(job, post)
    state, when, _ = state_of(post)
    publish = None
    if state == "published" and not article.live and article.go_live_at is None:
        publish, fields["first_published_at"] = True, when
    elif state not in ("published", "draft") or (state == "draft") == article.live:
        note = note or f"its state in WordPress ({post.status}) was not applied"
    article = services.revise_article(
        article,
        publish=publish,
        topics=topics,
        comments_enabled=post.comment_status != "closed",
        **fields,
    )
    return article, note
