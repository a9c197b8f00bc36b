"""WordPress export (WXR) reading: a streaming, Django-free parser and its records.

Typical use::

    with WXRReader(path) as reader:
        print(reader.site.title)
        for record in reader:
            ...
        for problem in reader.problems:
            ...
"""

from .parser import WXRReader
from .records import (
    COMMENT_STATUSES,
    Author,
    Category,
    Comment,
    ParseProblem,
    Post,
    Record,
    Site,
    Tag,
    Term,
    WXRRefused,
)

__all__ = [
    "COMMENT_STATUSES",
    "Author",
    "Category",
    "Comment",
    "ParseProblem",
    "Post",
    "Record",
    "Site",
    "Tag",
    "Term",
    "WXRReader",
    "WXRRefused",
]
