"""Security headers for every response.

Public pages carry no inline script or style, so they can take a strict Content-Security-Policy
even when cached. Wagtail's admin needs inline script, so /admin/ gets Django's defaults only.
A preview is a public page rendered for the admin's preview panel, which shows it in a frame of
the admin: it may be framed by this site (and only by it), where a public page may not be framed.
In edge mode nginx repeats these headers on the pages it serves (dateline/core/edge.py).
"""

from django.http import HttpResponseBadRequest, JsonResponse

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "frame-src https:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Wagtail renders previews through a dummy request to the page's public address
# (Page.make_preview_request marks it `is_dummy`): same policy, but the admin may frame it.
PREVIEW_CSP = PUBLIC_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
PERMISSIONS_POLICY = "interest-cohort=(), browsing-topics=()"
CROSS_ORIGIN_OPENER_POLICY = "same-origin"


class RejectNulBytesMiddleware:
    """A NUL byte in a query string is never a reader's input, and PostgreSQL refuses it in any
    text comparison (a 500 deep in a filter). Answer 400 before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query or any("\x00" in v for v in request.GET.values()):
            message = "Bad request: the address contains a NUL character."
            if request.path.startswith("/api/"):
                return JsonResponse({"message": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            response.headers["Content-Security-Policy"] = PREVIEW_CSP
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        elif not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", CROSS_ORIGIN_OPENER_POLICY)
        return response
