"""Template tags of the reader discussion: the discussion under an article, comment counts."""

from __future__ import annotations

import hashlib

from django import template
from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone

from dateline.core import pagecache
from dateline.core.release import release_id
from dateline.discussion import checks, rendering, thread_markup, threads, tokens
from dateline.discussion.middleware import mark_private
from dateline.discussion.models import Comment
from dateline.discussion.rules import rules_for

register = template.Library()
THREAD_TEMPLATE = "discussion/includes/thread.html"


def _rules(request, page):
    return rules_for(page, request)


def _int(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None


@register.inclusion_tag("discussion/includes/discussion.html", takes_context=True)
def article_discussion(context):
    """The comments and the 'Leave a Reply' form of the page in context.

    What it renders is the same for every anonymous reader (the cached page), except when the
    request carries the reader's own discussion cookies: then their pending comments and saved
    details are shown, and the response is marked private.
    """
    page = context.get("page")
    request = context.get("request")
    if page is None or not hasattr(page, "comments_enabled") or not page.pk:
        return {"enabled": False}
    rules = _rules(request, page)
    form = context.get("comment_form")
    query = request.GET if request is not None else {}
    own_ids = tokens.own_comment_ids(request) if request is not None else []
    remembered = tokens.remembered_commenter(request) if request is not None else {}
    if own_ids or remembered or form is not None:
        mark_private(request)
    thread = threads.load(page, rules, query.get("cpage", 1), own_ids)

    reply_to_id = form.parent_id() if form is not None else _int(query.get("replytocom"))
    reply_to = None
    if reply_to_id:
        reply_to = Comment.objects.approved().filter(pk=reply_to_id, page_id=page.pk).first()
    awaiting = _int(query.get("awaiting"))
    now = timezone.now()
    closed_reason = checks.closed_reason(page, rules, now)
    if not closed_reason and request is not None:
        # The page shows a form until the discussion closes with age: no cached copy past then.
        pagecache.keep_until(request, checks.closes_at(page, rules))
    thread_context = {
        "thread": thread,
        "closed_reason": closed_reason,
        "page": page,
        "request": request,
        "max_depth": rules.effective_max_depth,
    }
    return {
        "thread_html": thread_html(page, thread, thread_context, personal=bool(own_ids)),
        "enabled": True,
        "page": page,
        "request": request,
        "rules": rules,
        "thread": thread,
        "form": form,
        "form_error": context.get("discussion_error", ""),
        "values": _initial(form, remembered),
        "remembered": bool(remembered),
        "reply_to": reply_to,
        "closed_reason": closed_reason,
        "form_token": tokens.form_token(page.pk),
        "awaiting": awaiting,
        "max_depth": rules.effective_max_depth,
    }


def thread_html(page, thread, context: dict, *, personal: bool) -> str:
    """The rendered list of approved comments, from a fragment cache when it can be.

    Rendering fifty comments is most of an uncached article page's cost. The fragment is keyed
    by a digest of everything the template shows (each comment's fields, the thread's page, the
    article, whether replies are open), so a changed, approved or removed comment changes the
    key: a stale fragment cannot be served, whatever path changed the rows. A reader whose own
    pending comments are woven into the thread gets a fresh render.
    """
    if personal:
        return render_to_string(THREAD_TEMPLATE, context)
    key = "discussion:thread:" + _thread_digest(page, thread, bool(context["closed_reason"]))
    cache = caches[settings.DATELINE_DISCUSSION_CACHE]
    html = cache.get(key)
    if html is None:
        html = render_to_string(THREAD_TEMPLATE, context)
        cache.set(key, html, timeout=pagecache.seconds_until_local_midnight())
    return html


def _thread_digest(page, thread, closed: bool) -> str:
    digest = hashlib.sha256(f"{release_id()}|{page.pk}|{thread.page_number}|{closed}".encode())
    pending = list(thread.comments)
    while pending:
        comment = pending.pop()
        fields = (*thread_markup.what_it_shows(comment), len(comment.children))
        digest.update(repr(fields).encode())
        pending.extend(comment.children)
    return digest.hexdigest()


def _initial(form, remembered: dict) -> dict:
    if form is not None:
        data = form.data
        return {
            "comment": data.get("comment", ""),
            "author": data.get("author", ""),
            "email": data.get("email", ""),
            "url": data.get("url", ""),
            "consent": bool(data.get("consent")),
            "notify": bool(data.get("notify")),
        }
    return {
        "comment": "",
        "author": remembered.get("name", ""),
        "email": remembered.get("email", ""),
        "url": remembered.get("website", ""),
        "consent": bool(remembered),
        "notify": False,
    }


@register.simple_tag(takes_context=True)
def comment_list(context, comments):
    """The comments' `<li>`s with their replies nested (discussion/includes/comment.html each,
    rendered once per process: dateline/discussion/thread_markup.py)."""
    return thread_markup.comments_html(
        comments, thread=context.get("thread"), closed_reason=context.get("closed_reason")
    )


@register.filter
def comment_text(text):
    """A comment's plain text as paragraphs, line breaks and nofollow links (nothing else)."""
    return rendering.render_text(text)


@register.simple_tag
def attach_comment_counts(articles) -> str:
    """Give every article in a list `.comment_count`, in one query: use before a loop."""
    articles = list(articles)
    counts = threads.counts_for(a.pk for a in articles)
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)
    return ""


@register.simple_tag
def comment_count(article) -> int:
    """Approved comments on an article (from attach_comment_counts when it ran, else a query)."""
    if hasattr(article, "comment_count"):
        return article.comment_count
    return threads.counts_for([article.pk]).get(article.pk, 0)
