"""Routing to a page's usual kind of child in one query.

Wagtail finds a child by slug as a plain Page and then loads it again as its own type: two
queries per level of the URL. Sections hold articles and the front page mostly routes to
sections, so those levels ask for that type directly and fall back to Wagtail's way for
anything else (a topic index under the front page, an unknown slug). The front page finds its
sections in this process's site-wide copies (core/sitewide.py), with no query at all.
"""

from __future__ import annotations

from django.apps import apps

from dateline.core.wagtail_compat import set_cached_parent


class ChildRouteMixin:
    child_route_model = ""  # "app_label.ModelName" of the usual child

    def route(self, request, path_components):
        if path_components and self.child_route_model:
            child = self.routed_child(request, path_components[0])
            if child is not None:
                set_cached_parent(child, self)  # as Wagtail does: get_parent() costs nothing
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def routed_child(self, request, slug):
        """This page's child of the usual type with that slug (None if there is none)."""
        model = apps.get_model(self.child_route_model)
        return model.objects.child_of(self).filter(slug=slug).first()
