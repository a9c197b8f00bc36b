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


class AuthorIndexPage(KeptRestrictionsMixin, Page):
    """/authors/: every reporter and photographer of the newsroom."""

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.AuthorPage"]
    max_count = 1
    template = "news/author_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = AuthorPage.objects.child_of(self).live().order_by("title")
        return context


class AuthorPage(KeptRestrictionsMixin, Page):
    """A journalist's page: who they are and what they wrote. The title is their name."""

    job_title = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("bio")]
    parent_page_types = ["news.AuthorIndexPage"]
    subpage_types: list[str] = []
    template = "news/author_page.html"

    def articles(self):
        # A subquery, not a join and DISTINCT: SQLite compared whole rows to de-duplicate.
        from dateline.news.models import ArticleByline

        bylined = ArticleByline.objects.filter(author=self).values("page_id")
        return public_articles().filter(pk__in=bylined)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        per_page = NewsroomSettings.for_request(request).articles_per_page
        page = listing_page(request, for_listing(self.articles()), per_page)
        page.object_list = attach_sections(page.object_list)
        tag_listing(request, cache_tags.author(self.pk), page.object_list)
        context["articles"] = page
        return context
