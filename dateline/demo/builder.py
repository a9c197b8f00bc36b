"""Builds the editorial demo newsroom from the content in dateline.demo.content.

Every page is created through dateline.news.services, the same path the admin and importers
use, so the demo exercises the product rather than a shortcut around it.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from dateline.demo import content
from dateline.demo.images import draw_picture, draw_portrait, save_image
from dateline.demo.progress import Silent
from dateline.demo.search_index import index_articles
from dateline.discussion.demo import seed_discussions
from dateline.news import services
from dateline.news.models import ArticlePage, AuthorPage, SectionPage, TopicPage
from dateline.news.new_article import NewArticle


@dataclass
class Summary:
    """What a build created, for the closing line of `seed_demo`."""

    sections: int = 0
    topics: int = 0
    authors: int = 0
    articles: int = 0
    images: int = 0
    comments: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"Created {self.sections} sections, {self.topics} topics, {self.authors} authors, "
            f"{self.articles} articles, {self.images} images, {self.comments} comments "
            f"in {self.seconds:.1f}s"
        )


@dataclass
class Desk:
    """The pages stories hang off, by the keys the content uses."""

    sections: dict[str, SectionPage]
    topics: dict[str, TopicPage]
    authors: dict[str, AuthorPage]


def planned_counts() -> Summary:
    """What `build_demo` would create on an empty database (for --dry-run)."""
    pictures = sum(1 for s in content.STORIES for b in s.body if b[0] == "image")
    return Summary(
        sections=len(content.SECTIONS),
        topics=len(content.TOPICS),
        authors=len(content.AUTHORS),
        articles=len(content.STORIES),
        images=len(content.STORIES) + pictures + sum(a.portrait for a in content.AUTHORS),
    )


def build_desk(summary: Summary, *, portraits: bool = True) -> Desk:
    """Sections, topics and authors; ones that already exist (same title) are reused."""
    services.ensure_site_tree()
    sections = {}
    for spec in content.SECTIONS:
        section = SectionPage.objects.filter(title=spec.title).first()
        if section is None:
            section = services.create_section(
                spec.title, description=spec.description, position=spec.position
            )
            summary.sections += 1
        sections[spec.key] = section
    topics = {}
    for spec in content.TOPICS:
        topic = TopicPage.objects.filter(title=spec.title).first()
        if topic is None:
            topic = services.create_topic(spec.title, kind=spec.kind, description=spec.description)
            summary.topics += 1
        topics[spec.title] = topic
    authors = {}
    for spec in content.AUTHORS:
        author = AuthorPage.objects.filter(title=spec.name).first()
        if author is None:
            photo = None
            if portraits and spec.portrait:
                photo = save_image(f"Portrait of {spec.name}", draw_portrait(spec.name))
                summary.images += 1
            author = services.create_author(
                spec.name, job_title=spec.job_title, bio=spec.bio, photo=photo
            )
            summary.authors += 1
        authors[spec.key] = author
    return Desk(sections, topics, authors)


def story_slug(headline: str, limit: int = 80) -> str:
    """The headline as a slug, cut at a word boundary rather than mid-word."""
    slug = slugify(headline)
    if len(slug) <= limit:
        return slug
    return slug[: limit + 1].rsplit("-", 1)[0]


def _picture(pic: content.Picture, seed: str, summary: Summary):
    summary.images += 1
    return save_image(pic.caption[:120] or pic.label, draw_picture(pic.label, seed))


def _body(story: content.Story, summary: Summary) -> list:
    """Turn a story's body elements into StreamField data; pictures become Wagtail images."""
    blocks = []
    for n, (kind, value) in enumerate(story.body):
        if kind == "paragraph":
            blocks.append(("paragraph", f"<p>{escape(value)}</p>"))
        elif kind == "image":
            image = _picture(value, f"{story.headline}#{n}", summary)
            blocks.append(
                ("image", {"image": image, "caption": value.caption, "credit": value.credit})
            )
        else:
            blocks.append((kind, value))
    return blocks


def create_story(story: content.Story, desk: Desk, now: datetime, summary: Summary):
    """Create and publish one story, back-dated to when it happened."""
    published = story.published_at(now)
    latest_note = now - timedelta(minutes=1)
    lead = _picture(story.lead, story.headline, summary)
    article = services.create_article(
        NewArticle(
            section=desk.sections[story.section],
            title=story.headline,
            slug=story_slug(story.headline),
            standfirst=story.standfirst,
            bylines=[(desk.authors[key], role) for key, role in story.bylines],
            body=_body(story, summary),
            topics=[desk.topics[title] for title in story.topics],
            dateline_place=story.place,
            filed_at=published - story.filed_before,
            published_at=published,
            lead_image=lead,
            lead_image_caption=story.lead.caption,
            lead_image_credit=story.lead.credit,
            source_name=story.source[0] if story.source else "",
            canonical_url=story.source[1] if story.source else "",
            corrections=[
                (note.kind, min(published + note.after, latest_note), note.text)
                for note in story.notes
            ],
        )
    )
    summary.articles += 1
    return article


def _discussion_order(article_ids, now: datetime) -> list:
    """Newest first, but led by the newest story at least two days old: the long discussion
    (200+ comments in threads, some pending, some spam) needs time for moderators to have
    approved most of it, so a newcomer sees every part of moderation at work."""
    articles = list(ArticlePage.objects.filter(pk__in=article_ids).order_by("-first_published_at"))
    settled = next((a for a in articles if a.first_published_at < now - timedelta(days=2)), None)
    if settled is not None:
        articles.remove(settled)
        articles.insert(0, settled)
    return articles


def build_demo(progress_factory=Silent, now: datetime | None = None) -> Summary:
    """Create the editorial demo newsroom in one transaction: all of it, or nothing.

    `progress_factory(label, total)` returns an object with advance() and finish(), such as
    dateline.demo.progress.Progress bound to an output stream.
    """
    started = time.monotonic()
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        desk = build_desk(summary)
        progress = progress_factory("Creating articles", len(content.STORIES))
        created = []
        for story in content.STORIES:
            created.append(create_story(story, desk, now, summary).pk)
            progress.advance()
        progress.finish()
        index_articles(created)
        summary.comments = seed_discussions(
            _discussion_order(created, now), random.Random(2022), now=now
        )
    summary.seconds = time.monotonic() - started
    return summary
