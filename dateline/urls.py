"""Root URLconf: admin, app routes, then Wagtail's page tree last."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.core import edge_peers
from dateline.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.health, name="health"),
    path(edge_peers.PATH, edge_peers.purge_view, name="edge-peer-purge"),
    path("site.webmanifest", core_views.web_manifest, name="web_manifest"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("dateline.news.urls")),
    path("", include("dateline.discussion.urls")),
]

if settings.DATELINE_SERVE_MEDIA:
    # One-server installs serve uploaded images from Python; production puts nginx or object
    # storage in front and turns this off (docs/operations.md).
    from django.urls import re_path

    from dateline.core.media import media

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "dateline.core.views.not_found"
handler500 = "dateline.core.views.server_error"
