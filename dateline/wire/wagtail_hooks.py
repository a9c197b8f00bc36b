"""Admin wiring: the "Wire desk" menu item and its routes. Embargoes are enforced on every
publish path by the guard wire/apps.py registers with news/publishing.py."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.wire import admin_urls
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
