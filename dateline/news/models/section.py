from django.db import models
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Page
from wagtail.search import index

from dateline.core import cache_tags, pagecache
from dateline.core.models import NewsroomSettings
from dateline.news.cache_tags import tag_listing
from dateline.news.listing import listing_page
from dateline.news.models.curation import MAX_PINNED, curation
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

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("position"),
        InlinePanel(
            "pins",
            heading="Lead and pinned stories of this section",
            label="Pin",
            max_num=MAX_PINNED + 1,
            help_text="Stories of this section only. Empty slots, and pins past their time, "
            "show the newest stories.",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    template = "news/section_page.html"

    def articles(self):
        return public_articles().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        per_page = NewsroomSettings.for_request(request).articles_per_page
        picked = curation(self, self.articles())
        pagecache.keep_until(request, picked.next_expiry)
        rest = self.articles().exclude(pk__in=picked.pks)
        page = listing_page(request, for_listing(rest), per_page)
        for article in [*page.object_list, *picked.articles]:
            article.section = self
        tag_listing(request, cache_tags.section(self.pk), [*picked.articles, *page.object_list])
        context["articles"] = page
        # The editors' choice heads the first page only; later pages go on newest-first.
        context["curated"] = picked if page.number == 1 else None
        return context
