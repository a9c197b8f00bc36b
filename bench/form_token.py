"""Time what re-stamping the form token costs a page-cache hit (decision 0004).

    DJANGO_SETTINGS_MODULE=dateline.settings.test .venv/bin/python bench/form_token.py

Builds an article-sized page (100 KB of HTML with one comment form) and one without a form, and
prints the time `tokens.restamp` takes on each, per call.
"""

from __future__ import annotations

import os
import timeit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.test")
django.setup()

from dateline.discussion import tokens  # noqa: E402

filler = b"<p>" + b"Words of a long article and its comments. " * 40 + b"</p>\n"
form = f'<input type="hidden" name="token" value="{tokens.form_token(42)}">'.encode()
page = filler * 45 + form + filler * 5
plain = filler * 50
for name, content in (("article with form", page), ("page without form", plain)):
    runs = 2000
    seconds = timeit.timeit(lambda c=content: tokens.restamp(c), number=runs) / runs
    print(f"{name:<20} {len(content) / 1024:6.0f} KB  {seconds * 1e6:7.1f} µs per hit")
