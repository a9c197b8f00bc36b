"""Published articles written in bulk: thousands a second, for imports and scale data sets.

Creating a page through Wagtail (``add_child``, a revision, publish, log entries, the search
and reference index tasks, a cache purge) costs tens of milliseconds, which makes an archive of
10,000 stories take a quarter of an hour. :func:`create_articles` writes a batch of *published*
articles with a few bulk inserts instead, filling in by hand what Page.save() and treebeard's
``add_child`` would: the tree path, depth and the parent's ``numchild`` (in the database and on
the parent objects the caller holds, so a later ``add_child`` on them stays right), a slug unique
among its siblings, ``url_path``, content type, locale, ``draft_title``, live with
``first_published_at``, and ``last_substantive_update`` computed by ArticlePage itself from the
corrections log. Every field is validated as the model validates it (``clean_fields``), bylines,
topics and corrections are written beside the page, the articles go into the search index and
Wagtail's reference index, and the admin history gets its "created" and "published" entries.

What is left out, and why that is safe:

- **No revision.** An article without one is still a valid page: the editor opens the live
  page, and the first edit creates the first revision (``get_latest_revision_as_object`` falls
  back to the page itself).
- **No page_published signal.** The batch invalidates what lists its articles (their sections,
  topics, authors and the site-wide listings) itself, once; an import wraps its batches in
  :func:`dateline.core.invalidation.deferred` to purge once in all.

This is the only other place besides :mod:`dateline.news.services` that creates articles, from
the same input (:class:`dateline.news.new_article.NewArticle`); it is for new, published
stories only. Drafts, scheduled stories, review and view restrictions go
through the services, which know Wagtail's workflow.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, router
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

from dateline.core import cache_tags, wagtail_compat
from dateline.core.invalidation import invalidate
from dateline.news.models import ArticleByline, ArticleCorrection, ArticlePage
from dateline.news.new_article import FILLED_RELATIONS, NewArticle
from dateline.news.slugs import unique_slugs

__all__ = ["NewArticle", "create_articles"]  # NewArticle: also here, where bulk callers look

logger = logging.getLogger(__name__)

ROWS_PER_INSERT = 500  # keeps every INSERT well inside any database's parameter limit
# Foreign keys are checked by the database itself; clean_fields() would query once for each.
_NOT_CLEANED = [f.name for f in ArticlePage._meta.concrete_fields if f.is_relation]
_OTHER_RELATIONS = [
    name
    for name in (r.get_accessor_name() for r in get_all_child_relations(ArticlePage))
    if name not in FILLED_RELATIONS
]


def create_articles(
    items: Sequence[NewArticle], *, index: bool = True, now: datetime | None = None
) -> list[ArticlePage]:
    """Create these articles, published, in the caller's transaction; returns them saved.

    Raises ValidationError (nothing written) when a field is not valid, and ValueError for an
    article without a byline or a draft (``publish=False``: drafts take the services). Call it
    inside ``transaction.atomic()``: a failure part-way (a database error) must roll the whole
    batch back. ``index=False`` leaves the search index
    alone (for a dry run, whose transaction is rolled back).
    """
    if not items:
        return []
    now = now or timezone.now()
    articles = [_article(item) for item in items]
    _place(articles, items)
    for article in articles:
        article.clean_fields(exclude=_NOT_CLEANED)
    _insert_pages(articles)
    _insert_related(articles, now)
    if index:
        get_search_backend().add_bulk(ArticlePage, articles)
    invalidate(*_listing_tags(items))
    return articles


def _listing_tags(items: Sequence[NewArticle]) -> set[str]:
    """The pages a new article joins (it has no page of its own in any cache yet)."""
    found = set(cache_tags.LISTINGS)
    for item in items:
        found.add(cache_tags.section(item.section.pk))
        found.update(cache_tags.topic(t.pk) for t in item.topics)
        found.update(cache_tags.author(a.pk) for a, _ in item.bylines)
    return found


def _article(item: NewArticle) -> ArticlePage:
    if not item.publish:
        raise ValueError("the bulk writer writes published stories: a draft takes the services")
    published_at = item.published_at or timezone.now()
    article = item.page(
        draft_title=item.title,
        slug=item.wanted_slug(),  # made unique among its siblings and the batch by _place
        live=True,
        has_unpublished_changes=False,
        first_published_at=published_at,
        last_published_at=published_at,
        show_in_menus=False,
    )
    # The model derives its dates from the in-memory clusters, and the search and reference
    # indexes read them without a query. A new page has none of the others (Wagtail's
    # editorial comments...): saying so spares a query for each.
    for relation in _OTHER_RELATIONS:
        setattr(article, relation, [])
    article.last_substantive_update = article._latest_correction_time()  # as save() would
    return article


# --- the place in the tree -------------------------------------------------------------------


def _place(articles: list[ArticlePage], items: Sequence[NewArticle]) -> None:
    """Paths after each section's last child, unique slugs, url_path and locale."""
    groups: dict[int, list[tuple[ArticlePage, NewArticle]]] = defaultdict(list)
    for article, item in zip(articles, items, strict=True):
        groups[item.section.pk].append((article, item))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    for section_pk, group in groups.items():
        # Read from the database, not from the caller's objects: Wagtail's own add_child may
        # have added children since they were loaded.
        path, depth, numchild, url_path, locale_id = Page.objects.values_list(
            "path", "depth", "numchild", "url_path", "locale_id"
        ).get(pk=section_pk)
        # A range on the indexed path, as treebeard's get_children() asks (LIKE 'path%' would
        # read the whole page table on SQLite).
        children = Page.objects.filter(
            depth=depth + 1, path__range=wagtail_compat.children_path_range(path)
        )
        last = children.order_by("-path").values_list("path", flat=True).first()
        step = wagtail_compat.step_of(last) if last else 0
        slugs = unique_slugs(children, [a.slug for a, _ in group])
        for (article, _), slug in zip(group, slugs, strict=True):
            step += 1
            article.path = wagtail_compat.child_path(path, depth + 1, step)
            article.depth = depth + 1
            article.numchild = 0
            article.slug = slug
            article.url_path = f"{url_path}{slug}/"
            article.locale_id = locale_id
            article.content_type = content_type
        Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + len(group))
        # treebeard's add_child trusts the parent object's numchild: keep the caller's right.
        for section in {id(item.section): item.section for _, item in group}.values():
            section.numchild = numchild + len(group)


# --- writing ---------------------------------------------------------------------------------


def _insert_pages(articles: list[ArticlePage]) -> None:
    """INSERT the page rows, then the article rows. Django's bulk_create refuses multi-table
    inheritance, so this makes the manager's _insert call that Model.save() makes per table."""
    alias = router.db_for_write(Page)
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    returning = connection.features.can_return_rows_from_bulk_insert
    for chunk in _chunks(articles, _batch_size(page_fields, articles)):
        rows = Page._base_manager._insert(
            chunk,
            fields=page_fields,
            returning_fields=Page._meta.db_returning_fields if returning else None,
        )
        if returning:
            for article, (pk, *_) in zip(chunk, rows, strict=True):
                article.id = article.page_ptr_id = pk
    if not returning:  # databases that cannot return ids from a bulk insert
        ids = dict(
            Page.objects.filter(path__in=[a.path for a in articles]).values_list("path", "pk")
        )
        for article in articles:
            article.id = article.page_ptr_id = ids[article.path]
    fields = ArticlePage._meta.local_concrete_fields
    for chunk in _chunks(articles, _batch_size(fields, articles)):
        ArticlePage._base_manager._insert(chunk, fields=fields)
    for article in articles:
        article._state.adding, article._state.db = False, alias


def _insert_related(articles: list[ArticlePage], now: datetime) -> None:
    bylines, corrections, tags, log = [], [], [], []
    through = ArticlePage.topics.through
    content_type_id = articles[0].content_type_id
    for article in articles:
        for order, byline in enumerate(article.bylines.all()):
            byline.page_id, byline.sort_order = article.pk, order
            bylines.append(byline)
        for order, correction in enumerate(article.corrections.all()):
            correction.page_id, correction.sort_order = article.pk, order
            corrections.append(correction)
        tags += [
            through(articlepage_id=article.pk, topicpage_id=t.pk) for t in article.topics.all()
        ]
        for action in ("wagtail.create", "wagtail.publish"):
            log.append(
                PageLogEntry(
                    page_id=article.pk,
                    content_type_id=content_type_id,
                    label=article.title,
                    action=action,
                    timestamp=now,
                    content_changed=True,
                )
            )
    ArticleByline.objects.bulk_create(bylines, batch_size=ROWS_PER_INSERT)
    ArticleCorrection.objects.bulk_create(corrections, batch_size=ROWS_PER_INSERT)
    through.objects.bulk_create(tags, batch_size=ROWS_PER_INSERT)
    PageLogEntry.objects.bulk_create(log, batch_size=ROWS_PER_INSERT)
    # After the bylines: a reference names the byline row it was found in.
    references = [row for article in articles for row in _references(article)]
    ReferenceIndex.objects.bulk_create(references, batch_size=ROWS_PER_INSERT)


def _references(article: ArticlePage) -> list[ReferenceIndex]:
    """The reference-index rows Wagtail would write for a new article (images, authors,
    topics it uses), read from the in-memory article."""
    content_type = ContentType.objects.get_for_model(article, for_concrete_model=False)
    base = ContentType.objects.get_for_model(Page)
    return [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base,
            object_id=article.pk,
            to_content_type_id=to_type,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=wagtail_compat.content_path_hash(content_path),
        )
        for to_type, to_id, model_path, content_path in wagtail_compat.extracted_references(article)
    ]


def _batch_size(fields, objs) -> int:
    return min(connection.ops.bulk_batch_size(fields, objs) or ROWS_PER_INSERT, ROWS_PER_INSERT)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
