"""Admin wiring: the 'Comments' menu item and the moderation queue's routes."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dateline.discussion import admin_urls
from dateline.discussion.admin_views import PERMISSION


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("discussion/", include(admin_urls, namespace="discussion_admin"))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ModeratorMenuItem(
        "Comments", reverse("discussion_admin:queue"), icon_name="comment", order=250
    )
