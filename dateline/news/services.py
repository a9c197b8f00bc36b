"""The only write path for news content.

The admin, the demo generator, importers, the wire desk and tests all create and change stories
through these functions, so the rules (first publication never moves; an update is logged) and
the side effects hang off one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from dateline.core import cache_tags
from dateline.core.invalidation import deferred, invalidate
from dateline.news.cache_tags import invalidate_article
from dateline.news.models import (
    ArticleCorrection,
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    HomePin,
    InfoPage,
    KilledStory,
    SectionPage,
    SectionPin,
    TopicIndexPage,
    TopicPage,
)
from dateline.news.models.article import check_correction_time
from dateline.news.new_article import NewArticle
from dateline.news.slugs import title_slug, unique_slug


def _public_host_and_port() -> tuple[str, int]:
    """The Site's address comes from DATELINE_BASE_URL, so feeds, sitemaps and canonical links
    name the address readers use (http://127.0.0.1:8000 for the demo)."""
    parts = urlsplit(settings.DATELINE_BASE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def match_site_to_base_url() -> bool:
    """Point the default Site at DATELINE_BASE_URL's host and port, when it names another
    (the demo restarted on a new address); every page's absolute links change, so purge all.
    Returns whether anything changed."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = _public_host_and_port()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save()
    invalidate(cache_tags.SITE)
    return True


@transaction.atomic
def ensure_site_tree(newsroom_name: str = "The Dateline") -> HomePage:
    """Give a fresh database Dateline's page tree: front page, /topics/ and /authors/.

    Replaces Wagtail's placeholder 'Welcome' page when it is still the only page; leaves any
    other existing tree alone. Safe to call any number of times.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        for placeholder in root.get_children().filter(slug="home").not_type(HomePage):
            if placeholder.get_descendant_count() == 0:
                placeholder.delete()
        home = HomePage(title=newsroom_name, slug="home")
        root.add_child(instance=home)
        hostname, port = _public_host_and_port()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.root_page = home
        site.site_name = newsroom_name
        site.hostname, site.port = hostname, port
        site.save()
    if not TopicIndexPage.objects.exists():
        home.add_child(instance=TopicIndexPage(title="Topics", slug="topics", show_in_menus=False))
    if not AuthorIndexPage.objects.exists():
        home.add_child(instance=AuthorIndexPage(title="Our journalists", slug="authors"))
    return home


def create_section(title: str, *, description: str = "", position: int = 100) -> SectionPage:
    home = ensure_site_tree()
    section = SectionPage(
        title=title,
        slug=unique_slug(home, title_slug(title)),
        description=description,
        position=position,
        show_in_menus=True,
    )
    home.add_child(instance=section)
    invalidate(cache_tags.SITE)  # add_child publishes without a signal; the menu changed
    return section


def create_topic(title: str, *, kind: str = "subject", description: str = "") -> TopicPage:
    index = TopicIndexPage.objects.get()
    topic = TopicPage(
        title=title, slug=unique_slug(index, title_slug(title)), kind=kind, description=description
    )
    index.add_child(instance=topic)
    return topic


def create_author(name: str, *, job_title: str = "", bio: str = "", photo=None) -> AuthorPage:
    index = AuthorIndexPage.objects.get()
    slug = unique_slug(index, title_slug(name))
    author = AuthorPage(title=name, slug=slug, job_title=job_title, bio=bio, photo=photo)
    index.add_child(instance=author)
    return author


@transaction.atomic
def create_article(item: NewArticle | SectionPage, /, *, user=None, **fields) -> ArticlePage:
    """Create an article from a :class:`NewArticle`: published now, or as first published at
    its `published_at` (in the past: back-dated, for the demo and imports); `publish=False`
    leaves a draft; `go_live_at` fills in the draft's scheduled time (the wire desk's
    embargoes), so Publish schedules it. Its slug is made unique among the section's children.

    ``create_article(section, title=..., ...)`` is the same call with the NewArticle's fields as
    keywords (the form written before NewArticle; kept for its many callers).
    """
    if not isinstance(item, NewArticle):
        item = NewArticle(section=item, **fields)
    elif fields:
        raise TypeError("create_article takes a NewArticle or a section with keywords, not both")
    article = item.page(
        slug=unique_slug(item.section, item.wanted_slug()),
        live=False,
        first_published_at=item.published_at if item.publish else None,
        go_live_at=item.go_live_at,
        owner=user,
    )
    return _add_page(item.section, article, publish=item.publish, user=user)


def _add_page(parent: Page, page: Page, *, publish: bool, user=None) -> Page:
    """Put a new page under `parent` with its first revision, published or left a draft."""
    # treebeard's add_child trusts the parent object's child count, which may be stale (the
    # bulk writer, or another copy of the same parent, may have added children since).
    parent.refresh_from_db(fields=["numchild"])
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


@transaction.atomic
def create_info_page(
    parent: HomePage | InfoPage,
    *,
    title: str,
    intro: str = "",
    body: Sequence = (),
    slug: str | None = None,
    publish: bool = True,
    published_at: datetime | None = None,
    user=None,
) -> InfoPage:
    """Create a plain page ("About us", "Contact") under the front page or another plain page.

    Published now, or as first published at `published_at` (imports); `publish=False` leaves
    a draft. The slug is made unique among the parent's children unless given.
    """
    page = InfoPage(
        title=title,
        slug=unique_slug(parent, slug or title_slug(title)),
        intro=intro,
        body=list(body),
        live=False,
        first_published_at=published_at if publish else None,
        owner=user,
    )
    return _add_page(parent, page, publish=publish, user=user)


@transaction.atomic
def revise_info_page(
    page: InfoPage, *, user=None, publish: bool | None = None, **fields
) -> InfoPage:
    """Change a plain page's title, intro or body as a new revision.

    As :func:`revise_article`: published only when the page was live with nothing pending,
    unless `publish` says otherwise (`first_published_at` dates a draft going out)."""
    return _revise(page, {"title", "intro", "body", "first_published_at"}, fields, publish, user)


@transaction.atomic
def add_correction(
    article: ArticlePage, *, kind: str, text: str, user=None, noted_at: datetime | None = None
) -> ArticlePage:
    """Log a correction, clarification or update and republish: the 'Updated' date moves."""
    if kind not in dict(ArticleCorrection.KIND_CHOICES):
        raise ValueError(f"unknown correction kind {kind!r}")
    if not text.strip():
        raise ValueError("a correction needs text that says what changed")
    if noted_at is not None:
        try:
            check_correction_time(noted_at)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
    latest = article.get_latest_revision_as_object()
    latest.corrections.add(
        ArticleCorrection(kind=kind, text=text.strip(), noted_at=noted_at or timezone.now())
    )
    latest.save_revision(user=user, log_action=True).publish(user=user)
    return ArticlePage.objects.get(pk=article.pk)


def republish(article: ArticlePage, user=None) -> ArticlePage:
    """Publish the latest revision again, as an editor's silent fix would."""
    article.get_latest_revision_as_object().save_revision(user=user).publish(user=user)
    return ArticlePage.objects.get(pk=article.pk)


# --- Editorial states other than "published now" (added for dateline.importers) ---------------


REVISABLE_FIELDS = {
    *("title", "standfirst", "body", "topics", "lead_image", "lead_image_caption"),
    *("lead_image_credit", "comments_enabled", "comment_policy", "first_published_at"),
}


@transaction.atomic
def revise_article(
    article: ArticlePage, *, user=None, publish: bool | None = None, **fields
) -> ArticlePage:
    """Change an article's fields as a new revision (a silent edit: 'Updated' does not move).

    By default the revision is published only when the article was live with nothing else
    pending, so a draft or a scheduled change is never pushed out by this; `publish=True`
    publishes it anyway (a draft going out, dated by `first_published_at` when given).
    """
    if "topics" in fields:
        fields["topics"] = list(fields["topics"])
    return _revise(article, REVISABLE_FIELDS, fields, publish, user)


def _revise(page: Page, allowed: set[str], fields: dict, publish: bool | None, user) -> Page:
    """Set `fields` on the latest revision and save it as a new one; published when asked, or
    by default only when the page was live with nothing else pending."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot revise {', '.join(sorted(unknown))}")
    if publish is None:
        publish = page.live and page.live_revision_id == page.latest_revision_id
    latest = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(latest, name, value)
    revision = latest.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return type(page).objects.get(pk=page.pk)


@transaction.atomic
def schedule_article(article: ArticlePage, go_live_at: datetime, user=None) -> ArticlePage:
    """Schedule an unpublished article to go live at `go_live_at` (a future time).

    Wagtail's `publish_scheduled` job (run by `dateline worker`) publishes it then.
    """
    if go_live_at <= timezone.now():
        raise ValueError("a scheduled time must be in the future")
    latest = article.get_latest_revision_as_object()
    latest.go_live_at = go_live_at
    latest.save_revision(user=user, log_action=True).publish(user=user)
    return type(article).objects.get(pk=article.pk)  # a plain page may be scheduled too


def submit_for_review(article: ArticlePage, user=None) -> bool:
    """Put the article's latest revision in the editors' review queue (its moderation workflow).

    Returns False, changing nothing, when no workflow applies to the article.
    """
    workflow = article.get_workflow()
    if workflow is None:
        return False
    workflow.start(article, user)
    return True


def restrict_page(page: Page, *, password: str = "", user=None) -> PageViewRestriction:
    """Keep a page from the public: readers must log in or, with `password`, give it.

    `public_articles()` leaves restricted articles out of every listing, feed and sitemap.
    """
    kind = PageViewRestriction.PASSWORD if password else PageViewRestriction.LOGIN
    restriction = PageViewRestriction(page=page, restriction_type=kind, password=password)
    restriction.save(user=user)
    return restriction


@transaction.atomic
def curate(
    page: HomePage | SectionPage,
    *,
    lead: ArticlePage | None = None,
    pinned: Sequence[ArticlePage] = (),
    expires_at: datetime | None = None,
    publish: bool = True,
    user=None,
) -> Page:
    """Set a front page's or section's lead story and pinned slots (replacing the old ones),
    as the admin's "Pin" panel does; each pin ends at `expires_at` when given.

    Published by default, which purges that page alone (news/cache_tags.invalidate_curation)."""
    pin_model = HomePin if isinstance(page, HomePage) else SectionPin
    latest = page.get_latest_revision_as_object()
    slots = [("lead", lead)] if lead is not None else []
    slots += [("pinned", story) for story in pinned]
    latest.pins = [pin_model(slot=s, article=a, expires_at=expires_at) for s, a in slots]
    revision = latest.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return type(page).objects.get(pk=page.pk)


# --- Kill: a story taken down everywhere at once -----------------------------------------------

DEFAULT_KILL_NOTICE = "This story has been removed by the newsroom."


@transaction.atomic
def kill_article(
    article: ArticlePage,
    *,
    reason: str,
    kind: str = KilledStory.LEGAL,
    notice: str = "",
    user=None,
) -> KilledStory:
    """Take a story down at once: unpublished, purged from every cache, 410 Gone at its address.

    For an editor's legal takedown or an agency's withdrawal of wire copy. Every surface
    (listings, feeds, sitemaps, search, the API) starts from `queries.public_articles()`, which
    stops showing it as it is no longer live; the page cache, the edge folder and the CDN are
    purged when the transaction commits; its address and API address then answer 410 Gone with
    `notice` (news/gone.py). The returned record is the audit trail: who, when and why.
    """
    if not reason.strip():
        raise ValueError("a kill needs a reason for the record")
    if kind not in dict(KilledStory.KIND_CHOICES):
        raise ValueError(f"unknown kind of kill {kind!r}")
    article = ArticlePage.objects.select_for_update().get(pk=article.pk)
    url_parts = article.get_url_parts()
    record = KilledStory.objects.create(
        article=article,
        page_id=article.pk,
        url_path=url_parts[2] if url_parts else article.url_path,
        title=article.title[:255],
        kind=kind,
        reason=reason.strip(),
        notice=(notice.strip() or DEFAULT_KILL_NOTICE)[:300],
        killed_by=user,
    )
    # A story waiting for its scheduled time must not come out later either.
    article.revisions.filter(approved_go_live_at__isnull=False).update(approved_go_live_at=None)
    # One purge at commit: unpublishing purges too (news/signal_handlers.py), and each purge
    # walks the page cache and the edge folder; held together they are one hard purge.
    with deferred():
        if article.live:
            article.unpublish(user=user, log_action=True)
        invalidate_article(article, hard=True)  # never served stale, not for a moment
    return record


def is_killed(page: Page) -> bool:
    return KilledStory.objects.filter(page_id=page.pk).exists()
