"""Tests: fast hashing, tasks run at once, a local memory cache, in-memory mail."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": SEARCH_CONFIG}  # noqa: F405
}

import tempfile as _tempfile  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

# Tests never write into the operator's data folder.
STATIC_ROOT = _Path(_tempfile.mkdtemp(prefix="dateline-test-static-"))
MEDIA_ROOT = _Path(_tempfile.mkdtemp(prefix="dateline-test-media-"))
WHITENOISE_USE_FINDERS = True

# Discussion: email keys in a throwaway folder (generated on first use), never the data folder's.
_DISCUSSION_KEYS = _Path(_tempfile.mkdtemp(prefix="dateline-test-keys-"))
DATELINE_EMAIL_KEYS = None
DATELINE_EMAIL_KEY_FILE = _DISCUSSION_KEYS / "email_keys.txt"
DATELINE_EMAIL_INDEX_KEY = None
DATELINE_EMAIL_INDEX_KEY_FILE = _DISCUSSION_KEYS / "email_index_key.txt"
DATELINE_TRUSTED_PROXIES = []

# Most tests look at freshly rendered pages; tests/core/test_pagecache.py turns the cache on.
DATELINE_PAGE_CACHE = False

# The test client's host: the Site (and so every absolute URL) answers as http://localhost/.
DATELINE_BASE_URL = WAGTAILADMIN_BASE_URL = "http://localhost"
