"""Put freshly built demo articles in the search index at once.

Publishing through Wagtail queues index updates as background tasks, which only run under
`dateline worker`; bulk-written scale articles send no signals at all. Indexing here means the
demo's search works the moment the server starts. (Queued tasks, if a worker runs them later,
write the same entries again, which is harmless.)
"""

from __future__ import annotations

from wagtail.search.backends import get_search_backend

from dateline.news.models import ArticlePage


def index_articles(pks) -> None:
    """Add or refresh the search entries of these articles, in one bulk call."""
    articles = list(ArticlePage.objects.filter(pk__in=list(pks)).prefetch_related("topics"))
    if articles:
        get_search_backend().add_bulk(ArticlePage, articles)
