"""Site-wide views: health check and styled error pages."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import loader


def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means 'not healthy'
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def not_found(request, exception=None):
    body = loader.render_to_string("core/404.html", {"request_path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request):
    # No context processors: whatever failed may fail again while rendering the error.
    body = loader.get_template("core/500.html").render({})
    return HttpResponse(body, status=500)
