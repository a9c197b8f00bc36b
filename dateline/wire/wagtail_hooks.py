"""Admin wiring: the "Wire desk" menu item, its routes, and embargoes enforced on Publish."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.wire import admin_urls, services
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
