"""Side effects of the news app, connected in NewsConfig.ready()."""

from __future__ import annotations


def ensure_site_tree_after_migrate(sender, **kwargs):
    """After `migrate`, a new database already has the front page, /topics/ and /authors/."""
    from dateline.news.services import ensure_site_tree

    ensure_site_tree()


def purge_on_publish_change(sender, instance, signal=None, **kwargs):
    """Published, unpublished or deleted: refresh every page that shows it. A published story
    may show in listings a moment late (grace); an unpublished or deleted one is gone at once."""
    from wagtail.signals import page_published

    from dateline.news import cache_tags
    from dateline.news.models import ArticlePage

    page = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    if isinstance(page, ArticlePage):
        cache_tags.purge_article(page, hard=signal is not page_published)
    else:
        cache_tags.purge_everything()


def purge_on_move(sender, instance, parent_page_before=None, **kwargs):
    from dateline.news import cache_tags
    from dateline.news.models import ArticlePage

    page = instance.specific_deferred
    if isinstance(page, ArticlePage):
        before = [parent_page_before.pk] if parent_page_before is not None else []
        cache_tags.purge_article(page, extra_parent_ids=before)
    else:
        cache_tags.purge_everything()


def purge_on_privacy_change(sender, instance, **kwargs):
    """A view restriction added, changed or removed: the page, everything beneath it and every
    listing of them may show something else now. Rare enough to purge everything, the kept list
    of restricted pages included (at once, and again after commit)."""
    from dateline.core import sitewide

    sitewide.purge_site()
