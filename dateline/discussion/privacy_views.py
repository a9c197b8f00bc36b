"""Commenters' own data: ask for a link, export, erase; confirm or stop reply notifications.

Nothing here tells a visitor whether an address has comments: the request page answers the same
for every address, and only the mailbox's owner gets the link.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from dateline.discussion import mail, services
from dateline.discussion.forms import PrivacyRequestForm
from dateline.discussion.views import _private


def _gone(request, title="This link has expired or was already used."):
    return render(request, "discussion/message.html", {"title": title}, status=410)


@sensitive_post_parameters("email")
@require_http_methods(["GET", "POST"])
def privacy(request):
    """Ask for the export-and-erase link by email."""
    _private(request)
    form = PrivacyRequestForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["homepage"]:
            services.request_privacy_link(form.cleaned_data["email"])
        sent = True  # the same answer whatever the address, and for the honeypot too
    return render(request, "discussion/privacy.html", {"form": form, "sent": sent})


@require_GET
def privacy_export(request, token: str):
    """The commenter's comments as a JSON download (the link works for a day)."""
    _private(request)
    found = services.privacy_request_for(token)
    if found is None:
        return _gone(request)
    data = services.export_commenter(found.email_index)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def privacy_erase(request, token: str):
    """Erase the commenter's comments, after a confirmation button (link scanners only GET)."""
    _private(request)
    found = services.privacy_request_for(token)
    if found is None:
        return _gone(request)
    if request.method == "POST":
        count = services.erase_commenter(found.email_index)
        return render(request, "discussion/erased.html", {"count": count})
    return render(request, "discussion/erase_confirm.html", {})


@require_http_methods(["GET", "POST"])
def confirm_subscription(request, token: str):
    """GET shows a button, its POST confirms: mail link scanners follow links (GET) and must
    not subscribe anyone."""
    _private(request)
    if services.subscription_for(token) is None:
        return _gone(request)
    if request.method == "GET":
        return render(request, "discussion/confirm_subscription.html", {})
    services.confirm_subscription(token)
    return render(
        request,
        "discussion/message.html",
        {
            "title": "Reply notifications confirmed",
            "text": "We will email you when someone replies to your comment. Every email has a "
            "link to stop them.",
        },
    )


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without any page or cookie
@require_http_methods(["GET", "POST"])
def opt_out(request, token: str):
    """Unsubscribe: GET shows a button, POST (the button, or a mail client's one-click
    request) stops the notifications and all further discussion mail to the address."""
    _private(request)
    target = mail.read_opt_out_token(token)
    if target is None:
        return _gone(request, "This unsubscribe link is not valid.")
    if request.method == "POST":
        services.opt_out(*target)
        return render(
            request,
            "discussion/message.html",
            {"title": "Unsubscribed", "text": "You will get no more email from our discussions."},
        )
    return render(request, "discussion/opt_out.html", {})
