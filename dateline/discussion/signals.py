"""Signals other parts of Dateline may listen to without importing the discussion's internals.

`discussion_changed` is sent after commit whenever what readers see of a page's discussion
changes (a comment approved, or an approved comment removed, edited or erased): a page cache
purges the article and the comment feeds on it. It is sent with `page_id` and `hard` (True when
a comment readers saw is gone: no cached copy showing it may answer, even for a moment).
"""

from django.dispatch import Signal

discussion_changed = Signal()
