"""Keep responses built from one reader's discussion cookies out of shared caches."""

from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers

#: Set on the request by whatever renders personal discussion state (a reader's own pending
#: comment, their saved name and email in the form).
PRIVATE_FLAG = "_dateline_discussion_private"


def mark_private(request) -> None:
    """Say that this response shows something only this reader may see."""
    if request is not None:
        setattr(request, PRIVATE_FLAG, True)


class PrivateReaderResponseMiddleware:
    """Mark responses rendered from a reader's own cookies `private, no-store`.

    The article page is cached whole for anonymous readers; a request carrying the reader's
    discussion cookies renders their pending comment or their saved details, and that copy must
    never be stored by a page cache, a CDN or a proxy and served to someone else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, PRIVATE_FLAG, False):
            patch_cache_control(response, private=True, no_store=True, max_age=0)
            patch_vary_headers(response, ["Cookie"])
        return response
