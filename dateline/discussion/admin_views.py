"""The moderation queue in the Wagtail admin: filter, search, bulk actions, one comment's file.

Moderators see why a comment is where it is (the checks' reasons), the commenter's other
comments (matched by the blind index, never by showing the address) and the audit trail. No
page here shows a commenter's email or anything derived from it.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from dateline.discussion import crypto, services, threads
from dateline.discussion.models import Category, Comment, RemovalStatement
from dateline.discussion.rules import rules_for
from dateline.discussion.services import dsa
from dateline.discussion.services.privacy import export_commenter

PERMISSION = "discussion.moderate_comment"
STATUSES = ["pending", "approved", "spam", "trash", "all"]
BULK_ACTIONS = {
    "approve": "Approve",
    "spam": "Mark as spam",
    "trash": "Move to trash",
    "restore": "Restore",
}
PER_PAGE = 50
# "Why it is here": the checks a moderator filters the queue by (those that hold or bin).
REASONS = {
    "learned_spam_filter": "Spam filter",
    "first_time_commenter": "First-time commenter",
    "returning_commenter_proof": "Returning commenter without proof",
    "link_count": "Links",
    "moderation_words": "Moderation words",
    "blocked_words": "Blocked words",
    "blocked_email": "Blocked email",
    "blocked_ip": "Blocked address range",
    "reported": "Reported by readers",
    "appealed": "Removal appealed (waiting)",
}


def _with_reason(comments, check: str):
    """Comments on which the check held or binned (its record in ``reasons``).

    Matched in the JSON text, which both SQLite and PostgreSQL write as ``"check": "x",
    "action": "y"`` (PostgreSQL's jsonb orders the keys by length, which keeps that order)."""
    if check == "reported":
        return comments.filter(report_count__gt=0)
    if check == "appealed":
        return comments.filter(
            statements__appealed_at__isnull=False, statements__appeal_decided_at__isnull=True
        ).distinct()
    found = Q()
    for action in ("hold", "spam"):
        found |= Q(reasons__icontains=f'"check": "{check}", "action": "{action}"')
    return comments.filter(found)


def _require_moderator(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _filtered(params):
    comments = Comment.objects.select_related("page")
    status = params.get("status") or "pending"
    if status not in STATUSES:
        status = "pending"
    if status != "all":
        comments = comments.filter(status=status)
    reported = params.get("reported") == "1"
    if reported:
        comments = comments.filter(reported=True)
    page_id = (params.get("article") or "").strip()
    if page_id.isdigit() and len(page_id) < 19:  # an article's title in the list links here
        comments = comments.filter(page_id=int(page_id))
    title = " ".join((params.get("title") or "").split())[:200]
    if title:
        comments = comments.filter(page__title__icontains=title)
    reason = params.get("reason") or ""
    if reason in REASONS:
        comments = _with_reason(comments, reason)
    else:
        reason = ""
    same_as = (params.get("same_as") or "").strip()
    if same_as.isdigit() and len(same_as) < 19:
        index = Comment.objects.filter(pk=int(same_as)).values_list("email_index", flat=True)
        comments = comments.filter(email_index__in=[i for i in index if i])
    query = " ".join((params.get("q") or "").split())[:200]
    if query:
        comments = comments.filter(Q(text__icontains=query) | Q(name__icontains=query))
    ordering = "-created_at" if status != "pending" else "created_at"
    filters = {
        "status": status,
        "reported": reported,
        "article": page_id,
        "title": title,
        "reason": reason,
        "q": query,
        "same_as": same_as,
    }
    return comments.order_by(ordering, "pk"), filters


def queue(request):
    """The queue; POST applies a bulk action to the ticked comments."""
    _require_moderator(request)
    if request.method == "POST" and "find_email" in request.POST:
        return _find_by_email(request)
    if request.method == "POST":
        action = request.POST.get("action")
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit() and len(i) < 19]
        if action == "remove" and ids:
            _remove_many(request, ids)
        elif action in BULK_ACTIONS and ids:
            changed = services.moderate(
                Comment.objects.filter(pk__in=ids), action, actor=request.user
            )
            messages.success(request, f"{BULK_ACTIONS[action]}: {_comments(changed)} changed.")
        else:
            messages.error(request, "Choose an action and at least one comment.")
        return redirect(f"{reverse('discussion_admin:queue')}?{request.GET.urlencode()}")
    comments, filters = _filtered(request.GET)
    paginator = Paginator(comments, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    counts = {s: Comment.objects.filter(status=s).count() for s in ("pending", "approved", "spam")}
    counts["reported"] = Comment.objects.filter(reported=True).exclude(status="trash").count()
    counts["appealed"] = RemovalStatement.objects.filter(
        appealed_at__isnull=False, appeal_decided_at__isnull=True
    ).count()
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "discussion/admin/queue.html",
        {
            "page_obj": page_obj,
            "comments": page_obj.object_list,
            "filters": filters,
            "statuses": STATUSES,
            "actions": BULK_ACTIONS,
            "categories": Category.choices,
            "reasons": REASONS,
            "article_title": _article_title(filters["article"]),
            "counts": counts,
            "query": query.urlencode(),
        },
    )


def _remove_many(request, ids: list[int]) -> None:
    """Remove the ticked comments with one ground and one explanation; each commenter who left
    an address is mailed their own statement of reasons with an appeal link."""
    try:
        statements = dsa.remove_many_with_statement(
            Comment.objects.filter(pk__in=ids),
            category=request.POST.get("category", ""),
            explanation=request.POST.get("explanation", "")[:5000],
            actor=request.user,
        )
    except ValueError as problem:
        messages.error(request, f"Nothing was removed: {problem}.")
        return
    mailed = sum(1 for s in statements if s.comment.email_encrypted)
    messages.success(
        request,
        f"Removed {_comments(len(statements))} with a statement of reasons; "
        f"{mailed} mailed to the commenter{'' if mailed == 1 else 's'}.",
    )


def _article_title(page_id: str) -> str:
    from wagtail.models import Page

    if not (page_id.isdigit() and len(page_id) < 19):
        return ""
    return Page.objects.filter(pk=int(page_id)).values_list("title", flat=True).first() or ""


def _comments(count: int) -> str:
    return f"{count} comment" if count == 1 else f"{count} comments"


def _find_by_email(request):
    """Search by address through the blind index, by POST so that the address appears in no
    URL, log or page; the result is the commenter's comments (?same_as=<one of them>)."""
    index = crypto.blind_index(request.POST.get("find_email", "")[:254])
    first = Comment.objects.by_commenter(index).order_by("pk").values_list("pk", flat=True)
    first = first.first()
    if first is None:
        messages.info(request, "No comment was left with that address.")
        return redirect("discussion_admin:queue")
    return redirect(f"{reverse('discussion_admin:queue')}?status=all&same_as={first}")


def detail(request, pk: int):
    _require_moderator(request)
    comment = get_object_or_404(Comment.objects.select_related("page", "parent"), pk=pk)
    others = (
        Comment.objects.by_commenter(comment.email_index)
        .exclude(pk=comment.pk)
        .select_related("page")
        .order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "discussion/admin/detail.html",
        {
            "comment": comment,
            "cpage": _page_on_site(comment),
            "others": others[:20],
            "others_count": others.count(),
            "events": comment.events.select_related("actor"),
            "reports": comment.reports.order_by("-created_at"),
            "statements": comment.statements.all(),
            "categories": Category.choices,
            "actions": BULK_ACTIONS,
        },
    )


def _page_on_site(comment) -> int:
    """The page of its discussion where readers find an approved comment (1 otherwise), so that
    the moderator's 'view' link lands on it in a discussion of several pages."""
    if comment.status != Comment.Status.APPROVED or not comment.page.live:
        return 1
    return threads.page_number_of(comment, rules_for(comment.page))


@require_POST
def act(request, pk: int):
    """One comment: a moderation action, or the commenter's erasure or privacy link."""
    _require_moderator(request)
    comment = get_object_or_404(Comment, pk=pk)
    action = request.POST.get("action")
    if action in BULK_ACTIONS:
        services.moderate(comment, action, actor=request.user)
        messages.success(request, f"{BULK_ACTIONS[action]}: done.")
    elif action == "remove":
        try:
            dsa.remove_with_statement(
                comment,
                category=request.POST.get("category", ""),
                explanation=request.POST.get("explanation", "")[:5000],
                actor=request.user,
            )
            sent = " and mailed to the commenter" if comment.email_encrypted else ""
            messages.success(request, f"Removed; the statement of reasons was recorded{sent}.")
        except ValueError as problem:
            messages.error(request, f"Not removed: {problem}.")
    elif action == "erase" and comment.email_index and request.POST.get("confirm") == "yes":
        count = services.erase_commenter(comment.email_index, actor=request.user)
        messages.success(request, f"The commenter was erased from {count} comments.")
    elif action == "send_privacy_link" and comment.email_index:
        services.request_privacy_link(comment.email)
        messages.success(request, "The commenter was sent a link to export or erase.")
    else:
        messages.error(request, "That action is not available for this comment.")
    if Comment.objects.filter(pk=pk).exists():
        return redirect("discussion_admin:detail", pk)
    return redirect("discussion_admin:queue")


def export(request, pk: int):
    """The commenter's data as JSON for a moderator answering a request; the address itself is
    left out (only the commenter's own mailed link exports it)."""
    _require_moderator(request)
    comment = get_object_or_404(Comment, pk=pk)
    data = export_commenter(comment.email_index) if comment.email_index else {"comments": []}
    for item in data.get("comments", []):
        item["email"] = "(withheld: only the commenter's own export link includes it)"
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="commenter-of-comment-{pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
