"""IPTC subject codes as the wire formats spell them, brought to one spelling (a qcode).

Agencies send the same subject as a qcode (``medtop:04000000``, ``subj:15007000``), as the
code's URI (``http://cv.iptc.org/newscodes/mediatopic/04000000``), or as a bare eight-digit
subject code in a literal (NTB). One spelling is what lets the desk map a code to the same
newsroom topic whichever agency sent it, whatever name it gave the subject.
"""

from __future__ import annotations

import re

_URI = re.compile(r"^https?://cv\.iptc\.org/newscodes/(mediatopic|subjectcode)/(\d{8})/?$", re.I)
_QCODE = re.compile(r"^(medtop|subj):(\d{8})$", re.I)
SCHEMES = {"mediatopic": "medtop", "subjectcode": "subj"}


def code(value) -> str:
    """The qcode of an IPTC media topic or subject code, or "" when `value` is neither."""
    value = str(value or "").strip()
    if found := _QCODE.match(value):
        return f"{found[1].lower()}:{found[2]}"
    if found := _URI.match(value):
        return f"{SCHEMES[found[1].lower()]}:{found[2]}"
    if value.isdigit() and len(value) == 8:  # a bare IPTC subject code, as NTB sends them
        return f"subj:{value}"
    return ""


def code_in_scheme(scheme, term) -> str:
    """An RSS/Atom category's code: its term read in the light of an IPTC scheme address."""
    term = str(term or "").strip()
    scheme = str(scheme or "").strip().lower()
    if _QCODE.match(term) or _URI.match(term):
        return code(term)
    if "cv.iptc.org/newscodes/" in scheme:  # the scheme says which vocabulary the digits are
        return code(scheme.rstrip("/") + "/" + term)
    return ""
