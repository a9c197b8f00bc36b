from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from dateline.core import cache_tags
from dateline.core.models import NewsroomSettings
from dateline.news.cache_tags import tag_listing
from dateline.news.listing import listing_page
from dateline.news.models.privacy import KeptRestrictionsMixin
from dateline.news.queries import attach_sections, for_listing, public_articles


class TopicIndexPage(KeptRestrictionsMixin, Page):
    """/topics/: places, organisations, named operations and people the newsroom follows."""

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.TopicPage"]
    max_count = 1
    template = "news/topic_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = TopicPage.objects.child_of(self).live().order_by("kind", "title")
        return context


class TopicPage(KeptRestrictionsMixin, Page):
    KIND_CHOICES = [
        ("place", "Place"),
        ("organisation", "Organisation"),
        ("operation", "Named operation"),
        ("person", "Person"),
        ("subject", "Subject"),
    ]

    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="subject")
    description = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("description")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["news.TopicIndexPage"]
    subpage_types: list[str] = []
    template = "news/topic_page.html"

    def articles(self):
        return public_articles().filter(topics=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        per_page = NewsroomSettings.for_request(request).articles_per_page
        page = listing_page(request, for_listing(self.articles()), per_page)
        page.object_list = attach_sections(page.object_list)
        tag_listing(request, cache_tags.topic(self.pk), page.object_list)
        context["articles"] = page
        return context
