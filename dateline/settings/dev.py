"""Development and demo: SQLite in the data folder, a generated secret key, console mail."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.flag("DATELINE_DEBUG", default=False)

# The demo serves static files straight from the apps' folders, so a fresh clone needs no
# collectstatic step; production collects hashed, compressed copies instead.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The demo is one process with no worker beside it: background tasks (mail, search indexing)
# run as soon as their transaction commits. Production queues them for `dateline worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
