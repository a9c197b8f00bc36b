"""The admin's "Kill" screen: an editor takes a story down, with a reason for the record."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from dateline.news import services
from dateline.news.models import ArticlePage, KilledStory


class KillForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For the record: the court order, the complaint, the agency's withdrawal.",
    )
    notice = forms.CharField(
        max_length=300,
        required=False,
        help_text=f"What readers see at the address (default: “{services.DEFAULT_KILL_NOTICE}”).",
    )
    kind = forms.ChoiceField(choices=KilledStory.KIND_CHOICES)


def can_kill(page, user) -> bool:
    return page.permissions_for_user(user).can_unpublish()


def kill_view(request, page_id: int):
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not can_kill(article, request.user):
        raise PermissionDenied
    form = KillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.kill_article(article, user=request.user, **form.cleaned_data)
        messages.success(request, f"“{article.title}” was killed: its address now answers 410.")
        return redirect("wagtailadmin_explore", article.get_parent().pk)
    killed = KilledStory.objects.filter(page_id=article.pk).first()
    return TemplateResponse(
        request, "news/admin/kill.html", {"page": article, "form": form, "killed": killed}
    )
