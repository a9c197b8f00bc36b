"""Admin wiring: the "Wire desk" menu item and its routes. Embargoes are enforced on every
publish path by the guard wire/apps.py registers with news/publishing.py."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.wire import admin_urls
from dateline.wire.models import Source, WireItem
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


@hooks.register("before_edit_page")
def show_the_wire_copys_terms(request, page):
    """Opening a story made from wire copy shows where it came from and the agency's terms
    (copyright, usage terms), which the article itself does not carry."""
    if request.method != "GET":
        return None
    item = WireItem.objects.filter(article_id=page.pk).select_related("source").first()
    if item is None:
        return None
    version = f", version {item.version}" if item.version is not None else ""
    terms = " ".join(
        part
        for part in (
            f"Copyright: {item.copyright}." if item.copyright else "",
            f"Usage terms: {item.usage_terms}" if item.usage_terms else "",
        )
        if part
    )
    messages.info(
        request,
        format_html(
            "From the wire: {} item {}{}. {}",
            item.source.name,
            item.agency_id,
            version,
            terms or "No copyright or usage terms given.",
        ),
        buttons=[messages.button(reverse("wire_desk:detail", args=[item.pk]), "The wire item")],
    )
    return None


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
