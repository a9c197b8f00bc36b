"""The WordPress import: a WXR export, through the services, into Dateline.

Use :func:`import_wordpress` (the ``dateline import wordpress`` command is a thin shell
around it). See docs/importing.md for what becomes what.
"""

from .job import Options
from .report import Report
from .runner import import_wordpress

__all__ = ["Options", "Report", "import_wordpress"]
