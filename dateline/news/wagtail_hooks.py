"""Admin wiring of the news app: the "Kill" action, and no republishing of a killed story."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from dateline.news import admin_kill, services
from dateline.news.models import ArticlePage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("news/kill/<int:page_id>/", admin_kill.kill_view, name="news_kill")]


class KillButton(PageMenuItem):
    label = "Kill (legal takedown)"
    icon_name = "warning"
    priority = 70

    @property
    def url(self):
        return reverse("news_kill", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def kill_header_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, ArticlePage) and admin_kill.can_kill(page, user):
        yield KillButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def kill_listing_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, ArticlePage) and admin_kill.can_kill(page, user):
        yield KillButton(page=page)


@hooks.register("before_publish_page")
def refuse_to_republish_a_killed_story(request, page):
    if services.is_killed(page):
        messages.error(request, "This story was killed and cannot be published again.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
