"""Site-wide views: health check, the web app manifest, icons and styled error pages."""

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from dateline.core import resilient_cache


def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not.

    A cache skipping Redis (dateline/core/resilient_cache.py) keeps the answer 200, since pages
    are served from the database, and is named under "degraded" for the operator.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means 'not healthy'
        return JsonResponse({"status": "database unavailable"}, status=503)
    degraded = resilient_cache.degraded()
    if degraded:
        return JsonResponse({"status": "ok", "degraded": degraded})
    return JsonResponse({"status": "ok"})


# The icons every page links to (core/templates/core/base.html) and the manifest lists: one
# drawing, favicon.svg, rendered to PNG at the sizes phones and the manifest ask for.
ICONS = {"192x192": "dateline/icons/icon-192.png", "512x512": "dateline/icons/icon-512.png"}
THEME_COLOR = "#161616"  # the masthead's ink (site.css --ink)


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def web_manifest(request):
    """/site.webmanifest: the newsroom's name and icons for a phone's home screen. The icons'
    addresses are the fingerprinted ones, so the manifest is only kept for a day."""
    from dateline.core.models import NewsroomSettings

    site = Site.find_for_request(request)
    newsroom = NewsroomSettings.for_site(site) if site is not None else None
    name = newsroom.name if newsroom is not None else "Dateline"
    manifest = {
        "name": name,
        "short_name": name[:12],
        "lang": newsroom.language if newsroom is not None else "en",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static(path), "sizes": size, "type": "image/png", "purpose": "any"}
            for size, path in ICONS.items()
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request):
    """/favicon.ico, which feed readers and old browsers ask for without reading the page: the
    SVG icon (a temporary redirect, since its fingerprinted address changes with the drawing)."""
    return HttpResponseRedirect(static("dateline/icons/favicon.svg"))


def not_found(request, exception=None):
    body = loader.render_to_string("core/404.html", {"request_path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request):
    # No context processors: whatever failed may fail again while rendering the error.
    body = loader.get_template("core/500.html").render({})
    return HttpResponse(body, status=500)
