"""Uploaded media served by Dateline itself (DATELINE_SERVE_MEDIA, one-server installs), with
cache lifetimes; nginx gives the same ones in edge mode (core/edge_nginx.py).

A rendition's file (media/images/) is never rewritten under the same name: Wagtail names it
after the original, the filter and the focal point, and replacing an image's file gives the
original a new name and so new renditions. It may be kept for a year. An original (or anything
else uploaded) may be replaced in place by an operator, so readers recheck it after a day.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.views.static import serve

RENDITIONS = "images/"
RENDITION_CACHE = "public, max-age=31536000, immutable"
ORIGINAL_CACHE = "public, max-age=86400"


def cache_control_for(path: str) -> str:
    return RENDITION_CACHE if path.startswith(RENDITIONS) else ORIGINAL_CACHE


def media(request, path):
    if path.startswith("documents/"):
        # Documents go through Wagtail's view, which checks their collection's privacy.
        raise Http404("documents are served at /documents/")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = cache_control_for(path)
    return response
