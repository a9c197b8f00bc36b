"""Routes of the reader discussion: posting, reporting, comment feeds, privacy requests."""

from django.urls import path

from dateline.discussion import feeds, privacy_views, views

app_name = "discussion"

urlpatterns = [
    path("discussion/post/", views.post_comment, name="post"),
    path("discussion/writing/", views.started_writing, name="writing"),
    path("discussion/report/<int:comment_id>/", views.report_comment, name="report"),
    path("discussion/verify/<str:token>/", views.verify_email, name="verify"),
    path("discussion/appeal/<str:token>/", views.appeal_removal, name="appeal"),
    path("discussion/privacy/", privacy_views.privacy, name="privacy"),
    path(
        "discussion/privacy/export/<str:token>/",
        privacy_views.privacy_export,
        name="privacy_export",
    ),
    path(
        "discussion/privacy/erase/<str:token>/", privacy_views.privacy_erase, name="privacy_erase"
    ),
    path(
        "discussion/notifications/confirm/<str:token>/",
        privacy_views.confirm_subscription,
        name="confirm_subscription",
    ),
    path("discussion/unsubscribe/<str:token>/", privacy_views.opt_out, name="opt_out"),
    path("discussion/feed/rss/", feeds.CommentsRssFeed(), name="feed_rss"),
    path("discussion/feed/atom/", feeds.CommentsAtomFeed(), name="feed_atom"),
    path("discussion/<int:page_id>/feed/rss/", feeds.CommentsRssFeed(), name="article_feed_rss"),
    path("discussion/<int:page_id>/feed/atom/", feeds.CommentsAtomFeed(), name="article_feed_atom"),
]
