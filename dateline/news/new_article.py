"""NewArticle: what it takes to create an article, the one input of every path that makes one.

:func:`dateline.news.services.create_article` (one story through Wagtail: drafts, scheduling,
review), :func:`dateline.news.bulk.create_articles` (thousands of published stories at once), the
demo newsroom, the scale data, the importers and the wire desk all describe a new story with
this, so the two writers cannot drift apart again: a field added here reaches both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from dateline.news.models import ArticleByline, ArticleCorrection, ArticlePage
from dateline.news.slugs import title_slug

if TYPE_CHECKING:
    from dateline.news.models import AuthorPage, SectionPage, TopicPage

# The child relations a new article is given here; a writer may say the others are empty.
FILLED_RELATIONS = ("bylines", "corrections")


@dataclass(kw_only=True)
class NewArticle:
    """One article to create. ``corrections`` are (kind, noted_at, text) entries of the log."""

    section: SectionPage
    title: str
    standfirst: str
    bylines: Sequence[tuple[AuthorPage, str]]
    body: list | None = None
    topics: Sequence[TopicPage] = ()
    # A slug made unique among the section's children ("-2", "-3"...); from the title if empty.
    slug: str | None = ""
    dateline_place: str = ""
    filed_at: datetime | None = None
    lead_image: object | None = None
    lead_image_caption: str = ""
    lead_image_credit: str = ""
    source_name: str = ""
    canonical_url: str = ""
    # The wire's terms (language as a BCP 47 tag; urgency 1 most urgent .. 9).
    language: str = ""
    urgency: int | None = None
    copyright_notice: str = ""
    usage_terms: str = ""
    # False closes the discussion (comment_policy "closed"); True follows the site's rule.
    comments_enabled: bool = True
    corrections: Sequence[tuple[str, datetime, str]] = ()
    # First publication: back-dated when in the past (demo, imports); None is "now".
    published_at: datetime | None = None
    # False leaves a draft (services only: the bulk writer writes published stories).
    publish: bool = True
    # A draft's scheduled time (the wire desk's embargoes: Publish then schedules it).
    go_live_at: datetime | None = None

    def wanted_slug(self) -> str:
        """The slug asked for, before it is made unique among the section's children."""
        return self.slug or title_slug(self.title)

    def page(self, **state) -> ArticlePage:
        """The unsaved page with its bylines, corrections and topics in memory; ``state`` are
        the writer's own fields (live, dates, owner...). Raises ValueError without a byline."""
        if not self.bylines:
            raise ValueError("an article needs at least one byline")
        article = ArticlePage(
            title=self.title,
            standfirst=self.standfirst,
            body=self.body or [],
            dateline_place=self.dateline_place,
            filed_at=self.filed_at,
            lead_image=self.lead_image,
            lead_image_caption=self.lead_image_caption,
            lead_image_credit=self.lead_image_credit,
            source_name=self.source_name,
            canonical_url=self.canonical_url,
            language=self.language,
            urgency=self.urgency,
            copyright_notice=self.copyright_notice,
            usage_terms=self.usage_terms,
            comments_enabled=self.comments_enabled,
            **state,
        )
        article.bylines = [ArticleByline(author=a, role=role) for a, role in self.bylines]
        article.corrections = [
            ArticleCorrection(kind=k, noted_at=t, text=x) for k, t, x in self.corrections
        ]
        article.topics = list(self.topics)
        return article
