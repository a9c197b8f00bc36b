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

This is the only other place besides :mod:`dateline.news.services` that creates articles; it
is for new, published stories only. Drafts, scheduled stories, review and view restrictions go
through the services, which know Wagtail's workflow.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, router
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

from dateline.core import cache_tags, wagtail_compat
from dateline.core.invalidation import invalidate
from dateline.news.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    AuthorPage,
    SectionPage,
    TopicPage,
)

logger = logging.getLogger(__name__)

ROWS_PER_INSERT = 500  # keeps every INSERT well inside any database's parameter limit
# Foreign keys are checked by the database itself; clean_fields() would query once for each.
_NOT_CLEANED = [f.name for f in ArticlePage._meta.concrete_fields if f.is_relation]
_CHILD_RELATIONS = [r.get_accessor_name() for r in get_all_child_relations(ArticlePage)]


@dataclass
class NewArticle:
    """One article to create: the arguments of services.create_article, published."""

    section: SectionPage
    title: str
    standfirst: str
    bylines: Sequence[tuple[AuthorPage, str]]
    published_at: datetime
    body: list | None = None
    topics: Sequence[TopicPage] = ()
    slug: str = ""  # made unique among the section's children; from the title when empty
    dateline_place: str = ""
    filed_at: datetime | None = None
    lead_image: object | None = None
    lead_image_caption: str = ""
    source_name: str = ""
    canonical_url: str = ""
    comments_enabled: bool = True
    corrections: Sequence[tuple[str, datetime, str]] = ()
    last_published_at: datetime | None = None  # defaults to published_at


def create_articles(
    items: Sequence[NewArticle], *, index: bool = True, now: datetime | None = None
) -> list[ArticlePage]:
    """Create these articles, published, in the caller's transaction; returns them saved.

    Raises ValidationError (nothing written) when a field is not valid, and ValueError for an
    article without a byline. Call it inside ``transaction.atomic()``: a failure part-way (a
    database error) must roll the whole batch back. ``index=False`` leaves the search index
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
    if not item.bylines:
        raise ValueError("an article needs at least one byline")
    article = ArticlePage(
        title=item.title,
        draft_title=item.title,
        slug=item.slug,
        standfirst=item.standfirst,
        body=item.body or [],
        dateline_place=item.dateline_place,
        filed_at=item.filed_at,
        lead_image=item.lead_image,
        lead_image_caption=item.lead_image_caption,
        source_name=item.source_name,
        canonical_url=item.canonical_url,
        comments_enabled=item.comments_enabled,
        live=True,
        has_unpublished_changes=False,
        first_published_at=item.published_at,
        last_published_at=item.last_published_at or item.published_at,
        show_in_menus=False,
    )
    # The same in-memory clusters create_article fills: the model derives its dates from them,
    # and the search and reference indexes read them without a query. A new page has none of
    # the others (Wagtail's editorial comments...): saying so spares a query for each.
    for relation in _CHILD_RELATIONS:
        setattr(article, relation, [])
    article.bylines = [ArticleByline(author=a, role=role) for a, role in item.bylines]
    article.corrections = [
        ArticleCorrection(kind=k, noted_at=t, text=x) for k, t, x in item.corrections
    ]
    article.topics = list(item.topics)
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
        slugs = _unique_slugs(children, [a.slug or _title_slug(a.title) for a, _ in group])
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


def _title_slug(title: str) -> str:
    return (slugify(title) or "story")[:70]


def _unique_slugs(siblings, wanted: list[str]) -> list[str]:
    """Each slug made unique among the parent's children and the batch, as Wagtail would."""
    taken = set(siblings.filter(slug__in=set(wanted)).values_list("slug", flat=True))
    searched: set[str] = set()
    result = []
    for base in wanted:
        slug, n = base, 2
        while slug in taken:
            if base not in searched:  # rare: look up every sibling that starts like it
                searched.add(base)
                found = siblings.filter(slug__startswith=base).values_list("slug", flat=True)
                taken.update(found)
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result.append(slug)
    return result


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
