"""Development and demo: SQLite in the data folder, a generated secret key, console mail."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.flag("DATELINE_DEBUG", default=False)

# `dateline demo` and `dateline serve` collect fingerprinted, compressed copies before serving,
# as in production (core/static_collection.py). The finders also serve files under their plain
# names, for `dateline runserver` on a folder that was never collected.
WHITENOISE_USE_FINDERS = True

# The demo is one process with no worker beside it: background tasks (mail, search indexing)
# run as soon as their transaction commits. Production queues them for `dateline worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
