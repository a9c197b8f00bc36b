"""Admin wiring: the "Wire desk" menu item, its routes, and embargoes enforced on Publish."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.wire import admin_urls, services
from dateline.wire.models import Source
from dateline.wire.views import PERMISSION


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("wire/", include(admin_urls, namespace="wire_desk"))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return DeskMenuItem("Wire desk", reverse("wire_desk:queue"), icon_name="globe", order=240)


@hooks.register("before_publish_page")
def refuse_to_publish_before_the_embargo(request, page):
    """Pressing Publish (or scheduling) before an agency's embargo does nothing but say why."""
    item = services.embargo_for(page)
    if item is None:
        return None
    until = timezone.localtime(item.embargo_until)
    messages.error(
        request,
        f"Embargoed by {item.source.name} until {until:%d %B %Y, %H:%M %Z}: "
        "it cannot be published before then. Your changes are saved as a draft.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


class SourceViewSet(ModelViewSet):
    """Sources: add an agency or partner, its feed address and how often the worker polls it."""

    model = Source
    form_fields = ["name", "kind", "feed_url", "poll_minutes"]
    list_display = ["name", "kind", "feed_url", "poll_minutes", "failures", "last_error"]
    icon = "globe"
    add_to_admin_menu = True
    menu_label = "Wire sources"
    menu_order = 241


@hooks.register("register_admin_viewset")
def register_source_viewset():
    return SourceViewSet("wire_sources")
