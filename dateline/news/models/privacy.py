"""Wagtail's view-restriction check, without its two queries on a site with no private page.

Wagtail asks every page it serves for its restrictions (the page's ancestors, then the
restrictions on them). Most newsrooms restrict nothing, and the kept list of restricted pages
(core/sitewide.py) says so without a query. With any restriction on the site, Wagtail's own
check runs unchanged, aliases and all.
"""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from dateline.core import sitewide


class KeptRestrictionsMixin:
    def get_view_restrictions(self):
        if not sitewide.restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
