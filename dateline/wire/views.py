"""The wire desk in the Wagtail admin: the queue, one item, and take / merge / spike."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import AdminPageChooser

from dateline.news.models import ArticlePage, SectionPage
from dateline.wire import services
from dateline.wire.models import Source, WireItem

PERMISSION = "wire.change_wireitem"
PER_PAGE = 50


class MergeForm(forms.Form):
    """The story to merge into, picked with Wagtail's page chooser (articles only: it can
    search stories by headline and browse sections)."""

    article = forms.ModelChoiceField(
        queryset=ArticlePage.objects.all(),
        widget=AdminPageChooser(target_models=[ArticlePage]),
        label="Merge into story",
        error_messages={
            "required": "Choose the story to merge into.",
            "invalid_choice": "Choose the story to merge into: that one does not exist.",
        },
    )


def _require_desk(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def queue(request):
    _require_desk(request)
    params = request.GET
    status = params.get("status") or WireItem.QUEUED
    items = WireItem.objects.select_related("source").filter(duplicate_of__isnull=True)
    if status in dict(WireItem.STATUS_CHOICES):
        items = items.filter(status=status)
    source = params.get("source", "")
    if source.isdigit() and len(source) < 12:
        items = items.filter(source_id=int(source))
    urgency = params.get("urgency", "")
    if urgency.isdigit() and len(urgency) == 1:
        items = items.filter(urgency__lte=int(urgency))
    query = " ".join(params.get("q", "").split())[:200]
    if query:
        items = items.filter(Q(headline__icontains=query) | Q(standfirst__icontains=query))
    order = ["urgency", "-received_at"] if params.get("order") == "urgency" else ["-received_at"]
    items = items.annotate(copies=Count("duplicates")).order_by(*order, "-pk")
    page = Paginator(items, PER_PAGE).get_page(params.get("p"))
    context = {
        "items": page,
        "sources": Source.objects.order_by("name"),
        "statuses": WireItem.STATUS_CHOICES,
        "filters": {"status": status, "source": source, "urgency": urgency, "q": query},
        "now": timezone.now(),
    }
    return TemplateResponse(request, "wire/queue.html", context)


def detail(request, pk: int):
    _require_desk(request)
    item = get_object_or_404(WireItem.objects.select_related("source", "duplicate_of"), pk=pk)
    context = {
        "item": item,
        "sections": SectionPage.objects.order_by("path"),
        "duplicates": item.duplicates.select_related("source"),
        "embargoed": item.embargo_until and item.embargo_until > timezone.now(),
        "merge_form": MergeForm(prefix="merge"),
    }
    return TemplateResponse(request, "wire/detail.html", context)


@require_POST
def act(request, pk: int, action: str):
    _require_desk(request)
    item = get_object_or_404(WireItem, pk=pk)
    try:
        if action == "take":
            section = get_object_or_404(SectionPage, pk=_int(request.POST.get("section")))
            article = services.take(item, section, user=request.user)
            messages.success(request, "Taken: the item is now your draft.")
            item.refresh_from_db(fields=["image_note"])
            if item.image_note:  # the story is taken all the same (wire/images.py)
                messages.warning(request, f"Photos not used: {item.image_note}")
            return redirect("wagtailadmin_pages:edit", article.pk)
        if action == "merge":
            form = MergeForm(request.POST, prefix="merge")
            if not form.is_valid():
                messages.error(request, " ".join(form.errors["article"]))
                return redirect("wire_desk:detail", item.pk)
            article = form.cleaned_data["article"]
            services.merge(item, article, user=request.user)
            messages.success(request, f"Merged into “{article.title}”.")
            return redirect("wagtailadmin_pages:edit", article.pk)
        if action == "spike":
            services.spike(item)
            messages.success(request, "Spiked.")
            return redirect("wire_desk:queue")
        if action == "reviewed":
            WireItem.objects.filter(pk=item.pk).update(needs_review=False)
            return redirect("wire_desk:detail", item.pk)
    except services.DeskError as exc:
        messages.error(request, str(exc))
        return redirect("wire_desk:detail", item.pk)
    raise PermissionDenied


def _int(value) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else 0
