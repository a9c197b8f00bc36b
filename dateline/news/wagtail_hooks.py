"""Admin wiring of the news app: the "Kill" action, and stories held back from publication
(killed, or under an embargo) refused at the Publish button with the reason."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem

from dateline.news import admin_kill, admin_schedule, publishing
from dateline.news.models import ArticlePage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("news/kill/<int:page_id>/", admin_kill.kill_view, name="news_kill"),
        path(
            "news/schedule-held/<int:page_id>/",
            admin_schedule.schedule_held_view,
            name="news_schedule_held",
        ),
    ]


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
def refuse_a_story_held_back(request, page):
    """The Publish button (Wagtail's editor publishes without going through the model's
    publish()): refused with the reason, the editor's changes kept as a draft. A go-live time
    the editor set counts, so scheduling at or after an embargo's end is allowed."""
    if page.live or not isinstance(page, ArticlePage):
        return None
    go_live_at = page.go_live_at if page.go_live_at and page.go_live_at > timezone.now() else None
    refused = publishing.refusal(page, go_live_at)
    if refused is None:
        return None
    refused.args = (f"{refused} Your changes are saved as a draft.",)
    admin_schedule.say_refused(request, refused)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def show_what_holds_a_story_back(request, page):
    """Opening the editor on a held-back story says so (an embargo's end, with the offer to
    schedule at it), unless it is already scheduled for then or later."""
    if request.method != "GET" or page.live or not isinstance(page, ArticlePage):
        return None
    refused = publishing.refusal(page)
    if refused is None:
        return None
    scheduled = page.scheduled_revision
    if scheduled and refused.not_before and scheduled.approved_go_live_at >= refused.not_before:
        return None
    admin_schedule.say_refused(request, refused, level=messages.warning)
    return None
