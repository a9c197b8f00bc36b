"""Refused publications in the admin: the editor is told why, and offered the first allowed time.

Every way the admin publishes (the Publish button, workflow approval, the bulk "Publish" action,
Wagtail's admin API) ends in news/publishing.py's guards; a refusal there becomes a message
and a way back to the story, never an error page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow

from dateline.news import publishing, services
from dateline.news.models import ArticlePage


def say_refused(request, refused: publishing.PublishRefused, *, level=messages.error) -> None:
    """The refusal as an admin message, with a button to schedule at the first allowed time."""
    buttons = []
    if refused.not_before is not None and refused.page_id is not None:
        when = timezone.localtime(refused.not_before)
        buttons.append(
            messages.button(
                reverse("news_schedule_held", args=[refused.page_id]),
                f"Schedule for {when:%d %b %H:%M}",
            )
        )
    level(request, str(refused), buttons=buttons)


class PublishRefusedMiddleware:
    """A refusal raised deep inside an admin action (workflow approval, bulk publish, the admin
    API) is answered as the admin answers a mistake: a message and the story's edit page, or a
    JSON error for the API. Those actions run in a transaction, so nothing was published."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, publishing.PublishRefused):
            return None
        if "/api/" in request.path:
            return JsonResponse({"message": str(exception)}, status=409)
        say_refused(request, exception)
        target = (
            reverse("wagtailadmin_pages:edit", args=[exception.page_id])
            if exception.page_id
            else reverse("wagtailadmin_home")
        )
        if request.headers.get("x-requested-with") == "XMLHttpRequest":  # the workflow modal
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": target}
            )
        return redirect(target)


def schedule_held_view(request, page_id: int):
    """Schedule a held-back story (an embargo) to go live at the first time it may."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    refused = publishing.refusal(article)
    edit = redirect("wagtailadmin_pages:edit", article.pk)
    if refused is None:
        messages.success(request, "Nothing holds this story back now: it can be published.")
        return edit
    if refused.not_before is None:
        messages.error(request, str(refused))
        return edit
    if request.method == "POST":
        services.schedule_article(article, refused.not_before, user=request.user)
        when = timezone.localtime(refused.not_before)
        messages.success(request, f"Scheduled to go live at {when:%d %B %Y, %H:%M %Z}.")
        return edit
    return TemplateResponse(
        request, "news/admin/schedule_held.html", {"page": article, "refused": refused}
    )
