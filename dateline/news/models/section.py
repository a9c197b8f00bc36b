from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from dateline.core import cache_tags
from dateline.core.models import NewsroomSettings
from dateline.news.cache_tags import tag_listing
from dateline.news.listing import listing_page
from dateline.news.models.privacy import KeptRestrictionsMixin
from dateline.news.models.routing import ChildRouteMixin
from dateline.news.queries import for_listing, public_articles


class SectionPage(ChildRouteMixin, KeptRestrictionsMixin, Page):
    """A desk of the newsroom (World, Politics, ...); its articles live beneath it."""

    child_route_model = "news.ArticlePage"

    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Order of the section on the front page and in the menu."
    )

    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("position")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    template = "news/section_page.html"

    def articles(self):
        return public_articles().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        per_page = NewsroomSettings.for_request(request).articles_per_page
        page = listing_page(request, for_listing(self.articles()), per_page)
        for article in page.object_list:
            article.section = self
        tag_listing(request, cache_tags.section(self.pk), page.object_list)
        context["articles"] = page
        return context
