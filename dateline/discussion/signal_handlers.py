"""Side effects of the discussion, connected in DiscussionConfig.ready()."""

from dateline.core import pagecache

FEEDS_TAG = "comment-feeds"


def purge_cached_pages(sender, page_id, hard=False, **kwargs):
    """A change readers can see purges the article (and every listing showing its count,
    which carries the same tag) or the plain page, and the comment feeds. An approval may show
    a moment late (the cache's grace); a removed or erased comment is gone at once (hard)."""
    pagecache.purge(f"article:{page_id}", f"page:{page_id}", FEEDS_TAG, hard=hard)
