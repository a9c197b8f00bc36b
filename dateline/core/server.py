"""`dateline serve`: gunicorn hosting Dateline's WSGI application.

gunicorn's arbiter restarts a crashed worker by itself (granian needs a flag for that), and its
sync workers are the measured choice for this CPU-bound, mostly-cached workload (bench/README.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from dateline.wsgi import application

        return application


def run_server(addr: str, workers: int) -> None:
    if not getattr(settings, "WHITENOISE_USE_FINDERS", False):
        # Production serves hashed, compressed files collected once per start.
        call_command("collectstatic", "--no-input", "--verbosity", "0")
    print(f"Dateline is serving at http://{addr}/ with {workers} workers (Ctrl-C stops it)")
    _Gunicorn(
        {
            "bind": addr,
            "workers": workers,
            "worker_class": "sync",
            "accesslog": None,
            "errorlog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
            "keepalive": 5,
            # Restart workers now and then so a slow leak can never take a server down.
            "max_requests": 20000,
            "max_requests_jitter": 2000,
        }
    ).run()
