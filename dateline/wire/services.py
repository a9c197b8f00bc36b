"""The desk's write path: copy received, new versions, near-duplicates, take, merge, spike.

Stories are created and changed only through dateline.news.services, so the newsroom's rules
(honest dates, corrections log, purges, kill) hold for wire copy as for staff copy.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone
from lxml import html as lxml_html

from dateline.news import services as news
from dateline.news.models import ArticlePage, AuthorPage, KilledStory, TopicPage
from dateline.news.publishing import PublishRefused
from dateline.wire import images, similarity
from dateline.wire.formats import WireCopy
from dateline.wire.models import DuplicateBand, Source, WireItem
from dateline.wire.topics import topics_for

NEW, UPDATED, DUPLICATE, NEAR_DUPLICATE = "new", "updated", "duplicate", "near-duplicate"
# A BCP 47 tag's shape ("fr", "pt-BR", "zh-Hant-TW"): anything else would make the article's
# lang attribute invalid, so the story keeps no language rather than a wrong one.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}")
COPY_FIELDS = (
    *("headline", "standfirst", "body_html", "byline", "byline_role", "dateline_place"),
    *("filed_at", "link", "language", "urgency", "copyright", "usage_terms", "embargo_until"),
    *("correction_note", "format", "version"),
)
MAX_SEEN = 20  # earlier contents remembered per item


def source_named(name: str, cache: dict | None = None) -> Source:
    name = (name or "Unknown source").strip()[:200]
    if cache is not None and name in cache:
        return cache[name]
    source, _ = Source.objects.get_or_create(name=name)
    if cache is not None:
        cache[name] = source
    return source


def _fields(copy: WireCopy) -> dict:
    fields = {name: getattr(copy, name) for name in COPY_FIELDS}
    fields["topics"] = [asdict(t) for t in copy.topics]
    fields["images"] = [asdict(i) for i in copy.images]
    fields["fingerprint"] = copy.fingerprint
    return fields


def _text_of(item) -> str:
    body = (
        lxml_html.fromstring(f"<div>{item.body_html}</div>").text_content()
        if item.body_html
        else ""
    )
    return f"{item.headline} {item.standfirst} {body}"


@transaction.atomic
def receive(copy: WireCopy, source: Source) -> str:
    """Put one piece of copy on the desk; returns new, updated, duplicate or near-duplicate."""
    existing = (
        WireItem.objects.select_for_update().filter(source=source, agency_id=copy.agency_id).first()
    )
    if existing is not None:
        return _new_version(existing, copy)
    item = WireItem(source=source, agency_id=copy.agency_id, **_fields(copy))
    item.signature = similarity.signature(_text_of(item))
    item.duplicate_of = _near_duplicate(item)
    if copy.is_withdrawn:
        item.status = WireItem.KILLED
    item.save()
    keys = similarity.band_keys(item.signature)
    DuplicateBand.objects.bulk_create([DuplicateBand(key=k, item=item) for k in keys])
    return NEAR_DUPLICATE if item.duplicate_of_id else NEW


def _near_duplicate(item: WireItem) -> WireItem | None:
    keys = similarity.band_keys(item.signature)
    if not keys:
        return None
    candidates = (
        WireItem.objects.filter(bands__key__in=keys)
        .exclude(source=item.source, agency_id=item.agency_id)
        .only("pk", "signature", "duplicate_of_id")
        .distinct()[:20]
    )
    best, best_score = None, similarity.THRESHOLD
    for candidate in candidates:
        score = similarity.similarity(item.signature, candidate.signature)
        if score >= best_score:
            best, best_score = candidate, score
    if best is None:
        return None
    # Group on the first item of the story, so a third copy joins the same group.
    return WireItem(pk=best.duplicate_of_id) if best.duplicate_of_id else best


def _new_version(item: WireItem, copy: WireCopy) -> str:
    """Same id: a duplicate, unless this is content not seen before under that id (or a
    version number the agency has raised). Content seen before never comes back as an update,
    so input that repeats an id with two contents settles after one run instead of flipping."""
    versioned = copy.version is not None and item.version is not None
    if versioned and copy.version < item.version:
        return DUPLICATE
    newer = versioned and copy.version > item.version
    if copy.fingerprint == item.fingerprint:
        return DUPLICATE
    if copy.fingerprint in item.seen_fingerprints and not newer:
        return DUPLICATE
    before = _readable(item)
    item.seen_fingerprints = [*item.seen_fingerprints, item.fingerprint][-MAX_SEEN:]
    for name, value in _fields(copy).items():
        setattr(item, name, value)
    item.versions_received += 1
    item.signature = similarity.signature(_text_of(item))
    if item.article_id:
        _follow_up_story(item, copy, before)
    elif copy.is_withdrawn:
        item.status = WireItem.KILLED
    item.save()
    return UPDATED


def _follow_up_story(item: WireItem, copy: WireCopy, before: str) -> None:
    """A new version of copy that is already a story: the story follows, or the editor decides."""
    article = ArticlePage.objects.filter(pk=item.article_id).first()
    if article is None:
        return
    if copy.is_withdrawn:
        if not news.is_killed(article):
            news.kill_article(
                article,
                reason=f"Withdrawn by {item.source.name} (item {item.agency_id}, v{item.version})",
                kind=KilledStory.AGENCY,
                notice=f"This story was withdrawn by {item.source.name}.",
            )
        item.status = WireItem.KILLED
        return
    if copy.correction_note and article.live:
        news.add_correction(article, kind="correction", text=copy.correction_note)
    if not article.live:  # still the editor's draft: it takes the new copy
        news.revise_article(
            article,
            title=item.headline,
            standfirst=item.standfirst or item.headline,
            body=body_blocks(item.body_html),
        )
        return
    item.needs_review = True
    item.review_diff = "\n".join(
        difflib.unified_diff(
            before.splitlines(),
            _readable(item).splitlines(),
            "published",
            "new version",
            lineterm="",
        )
    )


def _readable(item: WireItem) -> str:
    body = lxml_html.fromstring(f"<div>{item.body_html}</div>") if item.body_html else None
    paragraphs = [p.text_content() for p in body] if body is not None else []
    return "\n".join([item.headline, item.standfirst, *paragraphs])


def body_blocks(body_html: str) -> list:
    """Sanitised body HTML (wire/formats/clean.py) as article paragraph blocks, one per block
    element, so the editor can move, cut and add quotes and figures between them."""
    if not body_html.strip():
        return []
    blocks = []
    for element in lxml_html.fragments_fromstring(body_html):
        if isinstance(element, str):
            if element.strip():
                blocks.append(("paragraph", f"<p>{html.escape(element.strip())}</p>"))
            continue
        markup = lxml_html.tostring(element, encoding="unicode", with_tail=False)
        if element.tag not in ("p", "h2", "h3", "h4", "ul", "ol", "blockquote"):
            markup = f"<p>{markup}</p>"
        blocks.append(("paragraph", markup))
        if element.tail and element.tail.strip():
            blocks.append(("paragraph", f"<p>{html.escape(element.tail.strip())}</p>"))
    return blocks


def _agency_author(source: Source) -> AuthorPage:
    """The byline a taken item carries: "By AGENCY" (its own author page, made once)."""
    author = AuthorPage.objects.filter(title=source.name).first()
    return author or news.create_author(
        source.name, job_title="News agency" if source.kind == Source.AGENCY else "Partner"
    )


def _topics(item: WireItem) -> list[TopicPage]:
    return topics_for(item.topics)  # by IPTC code first (wire/topics.py), then by name


class DeskError(Exception):
    """What an editor asked of the desk cannot be done; the message says why."""


def take(item: WireItem, section, user=None, fetcher=None) -> ArticlePage:
    """The item becomes the editor's draft in `section`, attributed to its source, with the
    first of its photos that can be had as the lead image (wire/images.py); a photo refused or
    failed is noted on the item (`image_note`) and the story is taken all the same."""
    if item.status != WireItem.QUEUED:
        raise DeskError(f"this item is {item.get_status_display().lower()}, not in the queue")
    # Fetched before the transaction: a slow agency server must not hold the item's row lock.
    photo = images.lead_image(item, fetcher) if item.images else images.LeadImage()
    return _take(item, section, user, photo)


@transaction.atomic
def _take(item: WireItem, section, user, photo: images.LeadImage) -> ArticlePage:
    item = WireItem.objects.select_for_update().select_related("source").get(pk=item.pk)
    if item.status != WireItem.QUEUED:
        raise DeskError(f"this item is {item.get_status_display().lower()}, not in the queue")
    article = news.create_article(
        section,
        title=item.headline,
        standfirst=item.standfirst or item.headline,
        bylines=[(_agency_author(item.source), "reporting")],
        body=body_blocks(item.body_html),
        topics=_topics(item),
        dateline_place=item.dateline_place,
        filed_at=item.filed_at,
        lead_image=photo.image,
        lead_image_caption=photo.caption if photo.image else "",
        source_name=item.source.name,
        canonical_url=item.link,
        language=item.language if LANGUAGE_TAG.fullmatch(item.language or "") else "",
        urgency=item.urgency if item.urgency and 1 <= item.urgency <= 9 else None,
        copyright_notice=item.copyright[:400],
        usage_terms=item.usage_terms,
        publish=False,
        user=user,
        # Under embargo, the draft is set to go live when it ends: Publish schedules it.
        go_live_at=item.embargo_until if _embargoed(item) else None,
    )
    item.status, item.article = WireItem.TAKEN, article
    item.image_note = "\n".join(photo.problems)[:2000]
    item.save(update_fields=["status", "article", "image_note", "updated_at"])
    return article


@transaction.atomic
def merge(item: WireItem, article: ArticlePage, user=None) -> ArticlePage:
    """Fold the item into an existing story: its paragraphs follow, logged as an update when
    the story is published; later versions of the item follow the story as for a taken one."""
    item = WireItem.objects.select_for_update().select_related("source").get(pk=item.pk)
    if item.status != WireItem.QUEUED:
        raise DeskError(f"this item is {item.get_status_display().lower()}, not in the queue")
    if article.live and _embargoed(item):
        until = timezone.localtime(item.embargo_until)
        raise DeskError(
            f"embargoed until {until:%d %B %Y, %H:%M %Z}: merging it into a published story "
            "would publish it now. Take it, or merge it after then."
        )
    latest = article.get_latest_revision_as_object()
    body = [(block.block_type, block.value) for block in latest.body] + body_blocks(item.body_html)
    article = news.revise_article(article, body=body, user=user)
    if article.live:
        article = news.add_correction(
            article, kind="update", text=f"Updated with copy from {item.source.name}.", user=user
        )
    item.status, item.article = WireItem.MERGED, article
    item.save(update_fields=["status", "article", "updated_at"])
    return article


def _embargoed(item: WireItem) -> bool:
    return item.embargo_until is not None and item.embargo_until > timezone.now()


def spike(item: WireItem) -> None:
    """Off the queue, kept (a later version or a near-duplicate still recognises it)."""
    updated = WireItem.objects.filter(pk=item.pk, status=WireItem.QUEUED).update(
        status=WireItem.SPIKED, updated_at=timezone.now()
    )
    if not updated:
        raise DeskError("only an item in the queue can be spiked")


def embargo_for(page, when=None) -> WireItem | None:
    """The wire item whose embargo keeps this story from going live at `when` (default now)."""
    return (
        WireItem.objects.filter(article_id=page.pk, embargo_until__gt=when or timezone.now())
        .select_related("source")
        .order_by("-embargo_until")
        .first()
    )


def embargo_guard(page, when) -> PublishRefused | None:
    """news/publishing.py's guard: not live before the agency's embargo ends."""
    item = embargo_for(page, when)
    if item is None:
        return None
    until = timezone.localtime(item.embargo_until)
    return PublishRefused(
        f"Embargoed by {item.source.name} until {until:%d %B %Y, %H:%M %Z}: "
        "it cannot be published before then.",
        page_id=page.pk,
        not_before=item.embargo_until,
    )
