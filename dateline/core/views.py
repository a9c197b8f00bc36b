"""Site-wide views: health check and styled error pages."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import loader

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


def not_found(request, exception=None):
    body = loader.render_to_string("core/404.html", {"request_path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request):
    # No context processors: whatever failed may fail again while rendering the error.
    body = loader.get_template("core/500.html").render({})
    return HttpResponse(body, status=500)
