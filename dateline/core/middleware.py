"""Security headers for every response.

Public pages carry no inline script or style, so they can take a strict Content-Security-Policy
even when cached. Wagtail's admin needs inline script, so /admin/ gets Django's defaults only.
"""

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "frame-src https:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
