"""WSGI entry point for `dateline serve` and any other WSGI server."""

import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")
application = get_wsgi_application()

if os.environ.get("DATELINE_SERVE_WORKER") == "1":
    # Only in `dateline serve`'s workers: a first render paid before any reader waits for it.
    from dateline.core.warm_up import warm_up

    warm_up(application)

if getattr(settings, "DATELINE_SWITCH_INTERVAL_MS", None):
    # Each worker's threads share one interpreter: a shorter turn lets cached answers pass a
    # render in the other thread sooner (the p99 of a comment storm; bench/README.md).
    sys.setswitchinterval(settings.DATELINE_SWITCH_INTERVAL_MS / 1000)
