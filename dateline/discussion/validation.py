"""What a comment's fields may hold, checked before anything is stored.

The values are first normalised (line endings, characters no database can keep, surrounding
space), then checked, and exactly the checked values are stored: nothing is ever cut short on
the way into the database (pitfalls: CVE-2015-3440).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from dateline.discussion.models import MAX_EMAIL, MAX_NAME, MAX_TEXT, MAX_WEBSITE

# NUL and lone surrogates cannot be stored (PostgreSQL refuses them); other C0 controls but tab
# and newline are never meant and break XML feeds.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_validate_email = EmailValidator(message="Enter a valid email address.")
_validate_url = URLValidator(schemes=["http", "https"], message="Enter an http or https address.")


def clean_text(value: str) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _UNSTORABLE.sub("", value).strip()


def clean_line(value: str) -> str:
    return " ".join(clean_text(value).split())


def normalise(*, text: str, name: str, email: str, website: str) -> dict:
    website = clean_line(website)
    if website and "://" not in website and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", website, re.I):
        website = f"http://{website}"  # what readers type: 'example.org'
    return {
        "text": clean_text(text),
        "name": clean_line(name),
        "email": clean_line(email),
        "website": website,
    }


def errors_for(values: dict) -> dict[str, list[str]]:
    """Per-field messages for normalised values ({} when all is well)."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    text, name, email, website = (values[k] for k in ("text", "name", "email", "website"))
    if not text:
        add("text", "Please type your comment.")
    elif len(text) > MAX_TEXT:
        add("text", f"Your comment is too long: {len(text):,} characters, the limit is 65,525.")
    if not name:
        add("name", "Please enter your name.")
    elif len(name) > MAX_NAME:
        add("name", f"Your name is too long: the limit is {MAX_NAME} characters.")
    if not email:
        add("email", "Please enter your email address (it will not be published).")
    elif len(email) > MAX_EMAIL:
        add("email", f"Your email address is too long: the limit is {MAX_EMAIL} characters.")
    else:
        try:
            _validate_email(email)
        except ValidationError:
            add("email", "Please enter a valid email address.")
    if website:
        if len(website) > MAX_WEBSITE:
            add("website", f"The website address is too long: the limit is {MAX_WEBSITE}.")
        else:
            try:
                _validate_url(website)
            except ValidationError:
                add("website", "The website must be an http:// or https:// address.")
    return errors
