"""The plain page: "About us", "Contact", "Corrections policy".

No bylines, no dateline and no age banner: these pages say how the newsroom works rather than
report news, and they may nest (as WordPress pages do). They take no new comments; comments a
page brought from WordPress are kept and shown under it, closed.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from dateline.core import cache_tags, pagecache
from dateline.news.blocks import ArticleBodyBlock
from dateline.news.models.privacy import KeptRestrictionsMixin


class InfoPage(KeptRestrictionsMixin, Page):
    intro = models.TextField(blank=True, help_text="Optional: a sentence or two under the title.")
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [TitleFieldPanel("title"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["news.HomePage", "news.InfoPage"]
    subpage_types = ["news.InfoPage"]
    template = "news/info_page.html"

    # Read by the discussion: a plain page shows the comments it came with, closed.
    comments_enabled = False
    comments_closed_text = "Comments are closed on this page."

    class Meta:
        verbose_name = "plain page"

    @cached_property
    def has_discussion(self) -> bool:
        return self.discussion_comments.filter(status="approved").exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Publishing or unpublishing any non-article page purges the whole site; this tag
        # lets a narrower purge reach this page alone.
        pagecache.add_tags(request, cache_tags.page(self.pk))
        return context
