"""Side effects of the news app, connected in NewsConfig.ready()."""

from __future__ import annotations

from wagtail.signals import page_published

from dateline.core import cache_tags, sitewide
from dateline.core.invalidation import invalidate
from dateline.news.cache_tags import invalidate_article, invalidate_curation
from dateline.news.models import ArticlePage
from dateline.news.services import ensure_site_tree


def ensure_site_tree_after_migrate(sender, **kwargs):
    """After `migrate`, a new database already has the front page, /topics/ and /authors/."""
    ensure_site_tree()


def purge_on_publish_change(sender, instance, signal=None, **kwargs):
    """Published, unpublished or deleted: refresh every page that shows it. A published story
    may show in listings a moment late (grace); an unpublished or deleted one is gone at once."""
    page = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    revision = kwargs.get("revision")
    # A front or section whose publish changed only its own lead and pins purges itself alone.
    curated_only = (
        not isinstance(page, ArticlePage)
        and revision is not None
        and invalidate_curation(page, revision)
    )
    if not curated_only:
        _invalidate(page, hard=signal is not page_published)


def purge_on_move(sender, instance, parent_page_before=None, **kwargs):
    before = [parent_page_before.pk] if parent_page_before is not None else []
    _invalidate(instance.specific_deferred, extra_parent_ids=before)


def _invalidate(page, extra_parent_ids=(), hard: bool = False) -> None:
    """An article refreshes the pages that show it; any other page (a section, topic or
    author: in every page's menu or cards) refreshes everything, with no grace (whole-site
    purges are hard: a menu must not point at a page that is gone)."""
    if isinstance(page, ArticlePage):
        invalidate_article(page, extra_parent_ids, hard=hard)
    else:
        invalidate(cache_tags.SITE, hard=True)


def purge_on_privacy_change(sender, instance, **kwargs):
    """A view restriction added, changed or removed: the page, everything beneath it and every
    listing of them may show something else now. Rare enough to purge everything, the kept list
    of restricted pages included (at once, and again after commit)."""
    sitewide.purge_site()
