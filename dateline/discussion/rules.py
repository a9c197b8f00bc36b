"""A page's site and its discussion settings: the one way the discussion loads its rules.

The settings row of a site changes a few times a year and is read on every comment shown or
posted, so it comes from this process's site-wide copy (core/sitewide.py: refreshed whenever a
setting is saved) and is kept on the page object, which lives for one request (a comment POST
asks three times). A site without a settings row gets the defaults.
"""

from __future__ import annotations

import copy

from wagtail.models import Site

from dateline.core import sitewide
from dateline.discussion.models import DiscussionSettings


def site_of(page) -> Site | None:
    """The page's site, kept on the page object.

    Found as Page.get_site() finds it, from Wagtail's cached site root paths, but without
    reversing the page's URL on the way, and read from this process's site-wide copy rather
    than the database.
    """
    if "_dateline_site" not in page.__dict__:
        site_id = next(
            (
                p.site_id
                for p in Site.get_site_root_paths()
                if page.url_path.startswith(p.root_path)
            ),
            None,
        )
        site = None
        if site_id is not None:
            kept = sitewide.kept_now(
                "site-by-id", site_id, lambda: Site.objects.filter(pk=site_id).first()
            )
            site = copy.copy(kept)
        page.__dict__["_dateline_site"] = site
    return page.__dict__["_dateline_site"]


def rules_for(page, request=None) -> DiscussionSettings:
    """The discussion settings of the site the page belongs to (defaults if it has none).

    With the reader's ``request``, the copy the site-wide middleware bound to it (no query)."""
    if request is not None:
        try:
            return DiscussionSettings.for_request(request)
        except DiscussionSettings.DoesNotExist:
            return DiscussionSettings()
    rules = page.__dict__.get("_dateline_discussion_rules")
    if rules is None:
        site = site_of(page)
        rules = DiscussionSettings() if site is None else rules_for_site(site)
        page.__dict__["_dateline_discussion_rules"] = rules
    return rules


def rules_for_default_site() -> DiscussionSettings:
    """The default site's settings (the defaults if there is none): for site-wide work with no
    page at hand, such as judging a retrained spam model, which serves every site."""
    site = Site.objects.filter(is_default_site=True).first()
    return rules_for_site(site) if site else DiscussionSettings()


def rules_for_site(site: Site) -> DiscussionSettings:
    """A site's discussion settings: this request's own copy of the process's kept one."""
    kept = sitewide.kept_now(
        DiscussionSettings._meta.label, site.pk, lambda: DiscussionSettings.for_site(site)
    )
    return copy.copy(kept)
