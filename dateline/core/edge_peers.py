"""Edge mode on several servers: a purge reaches every server's folder before it returns.

Each server's nginx answers cached pages from that server's own folder, and only a purge made
in a process of that server deletes its files (core/edge.py). With `DATELINE_EDGE_PEERS` (the
other servers' base URLs), the server that purges also posts the tags to each peer's
`/_edge/purge/`, which deletes that folder's files for them, all before the editor's or
moderator's change returns: the very next request through any server's nginx reaches Dateline,
whose shared page cache knows the change. A peer that cannot be reached is logged; its sweep
(`dateline edge_sweep`, every minute in the worker) removes the files whose tags moved.

The request is signed with SECRET_KEY (every server of an install shares it) and dated: anyone
else gets 403. A peer never passes a purge on, so no purge loops.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dateline.core import edge

logger = logging.getLogger("dateline.edge")

PATH = "_edge/purge/"
SIGNATURE_HEADER = "X-Dateline-Signature"
MAX_AGE_SECONDS = 60  # a replayed purge costs only speed, but an old one is refused anyway
MAX_BODY_BYTES = 256 * 1024
TIMEOUT_SECONDS = 2


def _signature(body: bytes) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"dateline-edge-purge\n" + body, hashlib.sha256).hexdigest()


def peers() -> list[str]:
    return list(getattr(settings, "DATELINE_EDGE_PEERS", []) or [])


def tell(tags: Iterable[str]) -> None:
    """Have every peer delete its edge files for these tags; returns when all have answered
    (or failed, which is logged)."""
    targets = peers()
    if not targets or not edge.enabled():
        return
    body = json.dumps({"tags": sorted(set(tags)), "at": time.time()}).encode()
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: _signature(body)}

    def send(peer: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - http(s) only (settings/env.py)
            f"{peer}/{PATH}", data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                response.read()
        except (OSError, urllib.error.URLError) as error:
            logger.warning(
                "edge: a purge did not reach %s (%s); its sweep removes the files within a minute",
                peer,
                error,
            )

    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        list(pool.map(send, targets))


@csrf_exempt
@require_POST
def purge_view(request):
    """A peer's purge: delete this server's edge files for the tags it names."""
    if not edge.enabled():
        raise Http404
    body = request.body[: MAX_BODY_BYTES + 1]
    given = request.headers.get(SIGNATURE_HEADER, "")
    if len(body) > MAX_BODY_BYTES or not hmac.compare_digest(given, _signature(body)):
        return HttpResponseForbidden("not signed by a server of this install")
    try:
        payload = json.loads(body)
        tags, at = payload["tags"], float(payload["at"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest('expected {"tags": [...], "at": time}')
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        return HttpResponseBadRequest("tags must be a list of tag names")
    if abs(time.time() - at) > MAX_AGE_SECONDS:
        return HttpResponseForbidden("too old: the servers' clocks disagree, or a replay")
    edge.purge(tags)
    return HttpResponse(status=204)
