"""Admin routes of the moderation queue (mounted under /admin/discussion/ by wagtail_hooks)."""

from django.urls import path

from dateline.discussion import admin_views

app_name = "discussion_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/act/", admin_views.act, name="act"),
    path("<int:pk>/export/", admin_views.export, name="export"),
]
