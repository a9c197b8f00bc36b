"""410 Gone for killed stories: at the story's address and at its API address.

Runs only on responses that are already 404 (the killed page is unpublished, so every route
misses it), so a normal page costs no query; a 404 costs one indexed lookup.
"""

from __future__ import annotations

import re

from django.template.response import TemplateResponse

API_DETAIL = re.compile(r"^/api/v2/(?:articles|pages)/(\d{1,10})/$")


def killed_record_for(path: str):
    from dateline.news.models import KilledStory

    if "\x00" in path:
        return None  # no story's address holds a NUL, and PostgreSQL refuses one in a query
    api = API_DETAIL.match(path)
    records = KilledStory.objects.filter(page_id=int(api[1])) if api else None
    if records is None:
        records = KilledStory.objects.filter(url_path=path)
    return records.order_by("-killed_at").first()


class GoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        record = killed_record_for(request.path)
        if record is None:
            return response
        return gone_response(request, record)


def gone_response(request, record):
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"message": record.notice, "gone": True}, status=410)
    response = TemplateResponse(request, "news/gone.html", {"notice": record.notice}, status=410)
    response["Cache-Control"] = "no-cache"
    return response.render()
