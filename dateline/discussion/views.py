"""Public views of the discussion: posting a comment, reporting one, verifying an address.

The comment POST is exempt from Django's CSRF token because the article page that holds the
form is cached for everyone and so cannot carry one reader's token. It is protected instead by
the signed form token, an Origin/Referer check and SameSite cookies
(docs/decisions/0003-cache-safe-comment-form.md).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from dateline.discussion import netaddr, services, threads, tokens
from dateline.discussion.forms import CommentForm, ReportForm
from dateline.discussion.models import Comment
from dateline.discussion.rules import rules_for, site_of
from dateline.news.queries import public_articles

PERSONAL_FIELDS = ("comment", "author", "email", "url", "homepage")


class DiscussionReporterFilter(SafeExceptionReporterFilter):
    """Error reports from discussion views carry no commenter's address, cookie or details."""

    hidden_settings = SafeExceptionReporterFilter.hidden_settings

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        for key in ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_COOKIE"):
            if key in meta:
                meta[key] = self.cleansed_substitute
        return meta

    def get_safe_cookies(self, request):
        return {key: self.cleansed_substitute for key in request.COOKIES}


def _private(request) -> None:
    request.exception_reporter_filter = DiscussionReporterFilter()


def _origin_allowed(request) -> bool:
    """A cross-site form cannot post comments: the Origin (or, failing it, the Referer) must be
    this site. Neither header at all is allowed; the signed form token still applies."""
    allowed = {f"{request.scheme}://{request.get_host()}", settings.DATELINE_BASE_URL}
    allowed.update(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin in allowed
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in allowed
    return True


# What posting needs of the article (its place, its URL and whether it takes comments); a
# refused post loads the whole article to show it again.
POSTING_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "content_type",
    "locale",
    "live",
    "first_published_at",
    "title",
    "comment_policy",
)


def _article(page_id, fields=None):
    if page_id is None:
        return None
    articles = public_articles().filter(pk=page_id)
    return (articles.only(*fields) if fields else articles).first()


def _rerender(request, article, form, message, status, retry_after=0):
    """The article again, with the reader's text and a message per field (no redirect)."""
    article = _article(article.pk) or article
    context = article.get_context(request)
    context["comment_form"] = form
    context["discussion_error"] = message
    response = TemplateResponse(request, article.get_template(request), context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@require_http_methods(["GET", "HEAD"])
def started_writing(request):
    """The comment box's :focus background (discussion.css) loads this: a signed stamp of when
    this browser began writing, for forms served from copies that keep their render's token
    (edge mode, a CDN; decision 0005). No content, never cached, nothing personal in it."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store, private"
    tokens.set_writing_stamp(request, response)
    return response


@csrf_exempt
@sensitive_post_parameters(*PERSONAL_FIELDS)
@sensitive_variables()
@require_POST
def post_comment(request):
    """The comment form's POST: a 303 to the comment (or to the 'awaiting moderation' notice),
    or the article re-rendered with the errors and everything the reader typed."""
    _private(request)
    form = CommentForm(request.POST)
    article = _article(form.page_id(), POSTING_FIELDS)
    if article is None:
        raise Http404("No such article.")
    if not _origin_allowed(request):
        return _rerender(
            request, article, form, "This form must be sent from our own site.", status=403
        )
    form.is_valid()  # reads the fields; services.post_comment checks them, once
    data = form.cleaned_data
    try:
        result = services.post_comment(
            article,
            text=data["comment"],
            name=data["author"],
            email=data["email"],
            website=data["url"],
            parent_id=form.parent_id(),
            ip=netaddr.client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            form_token=data["token"],
            writing_age=tokens.writing_age(request),
            honeypot=data["homepage"],
            own_comment_ids=tokens.own_comment_ids(request),
            notify_replies=data["notify"],
        )
    except services.CommentRejected as rejected:
        form.add_service_errors(rejected.field_errors)
        return _rerender(
            request, article, form, rejected.message, rejected.status, rejected.retry_after
        )
    comment = result.comment
    url = article.get_url(request, current_site=site_of(article))
    if comment.status == Comment.Status.APPROVED:
        number = threads.page_number_of(comment, rules_for(article))
        query = f"?cpage={number}" if number > 1 else ""
        location = f"{url}{query}#{comment.anchor}"
    else:
        location = f"{url}?awaiting={comment.pk}#{comment.anchor}"
    response = HttpResponseRedirect(location, status=303)
    tokens.remember_comment(request, response, comment.pk)
    if data["consent"]:
        tokens.save_commenter(
            request, response, name=data["author"], email=data["email"], website=data["url"]
        )
    else:
        tokens.forget_commenter(response)
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("reason")
@require_http_methods(["GET", "POST"])
def report_comment(request, comment_id: int):
    """'Report' under a comment: a short confirmation form, then the comment joins the
    reported queue. The page is not cached, so Django's CSRF protection applies as usual."""
    _private(request)
    comment = Comment.objects.approved().filter(pk=comment_id).select_related("page").first()
    if comment is None:
        raise Http404("No such comment.")
    article = _article(comment.page_id)
    if article is None:
        raise Http404("No such comment.")
    form = ReportForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        services.report_comment(
            comment,
            reporter_ip=netaddr.client_ip(request),
            reason=form.cleaned_data["reason"],
            category=form.cleaned_data["category"],
        )
        done = True
    return render(
        request,
        "discussion/report.html",
        {"comment": comment, "article": article, "form": form, "done": done},
    )


@require_http_methods(["GET", "POST"])
def verify_email(request, token: str):
    """The 'is this your comment?' link: a button (mail scanners open links, people press
    buttons), then the comment is published if proof was all it was waiting for."""
    _private(request)
    comment_id = tokens.read_verify_token(token)
    comment = Comment.objects.filter(pk=comment_id).first() if comment_id else None
    if comment is None:
        return render(request, "discussion/message.html", {"title": "Link expired"}, status=400)
    published = False
    if request.method == "POST":
        published = services.verify_commenter(comment)
        response = render(
            request,
            "discussion/verify.html",
            {"comment": comment, "done": True, "published": published},
        )
        tokens.remember_comment(request, response, comment.pk)
        return response
    return render(request, "discussion/verify.html", {"comment": comment, "done": False})


@require_http_methods(["GET", "POST"])
def appeal_removal(request, token: str):
    """The appeal link of a statement of reasons: the statement, then a form; the appeal puts
    the comment back in the moderators' queue."""
    from dateline.discussion.forms import AppealForm
    from dateline.discussion.services import dsa

    _private(request)
    statement = dsa.statement_for_token(token)
    if statement is None:
        return render(request, "discussion/message.html", {"title": "Link expired"}, status=400)
    form = AppealForm(request.POST or None)
    error = ""
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            dsa.appeal(statement, form.cleaned_data["text"])
            done = True
        except dsa.AppealError as problem:
            error = str(problem)
    return render(
        request,
        "discussion/appeal.html",
        {"statement": statement, "form": form, "done": done, "error": error},
        status=409 if error else 200,
    )
