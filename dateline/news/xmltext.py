"""Text that XML 1.0 can carry.

Wire copy and imported archives bring control characters (a vertical tab from a news agency's
editor, a unit separator from an old CMS). XML 1.0 cannot hold them at all: Django's feed writer
raises on them and a template would write a document no parser accepts. Everything that goes
into a feed, a sitemap or a head tag passes through `xml_safe` on the way out; the stored text is
left as it was.
"""

from __future__ import annotations

import re

from django.utils.feedgenerator import Enclosure
from django.utils.functional import Promise

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Everything outside it: C0 controls except tab/newline/return, lone surrogates, U+FFFE, U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str | None:
    """`text` without the characters XML 1.0 forbids (None stays None)."""
    if text is None:
        return None
    return _ILLEGAL.sub("", str(text))


def clean(value):
    """`value` with every string inside it made XML-safe: strings, lists, tuples, dicts and
    feed enclosures; anything else (dates, numbers, booleans) is returned unchanged."""
    if isinstance(value, (str, Promise)):
        return xml_safe(value)
    if isinstance(value, Enclosure):
        return Enclosure(xml_safe(value.url), xml_safe(value.length), xml_safe(value.mime_type))
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean(item) for item in value)
    return value
