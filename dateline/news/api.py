"""The read API (Wagtail API v2) at /api/v2/: articles, sections, topics and authors.

Only public content: articles come from `public_articles()` (live, unrestricted, first published
no later than now), and sections, topics and authors must be live and unrestricted too. A page's
row holds its published version, never a draft, so nothing here can show unpublished revision
text; the fields are an explicit list, so nothing from the discussion (commenters, emails,
moderation) can appear. Wagtail's generic page filters (type, child_of, site...) are left out:
`?type=wagtailcore.Page` would otherwise list every page of the site. Examples in
docs/reference/api.md.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page, Site

from dateline.core import cache_tags, pagecache, wagtail_compat
from dateline.news.api_fields import (
    BodyField,
    BylinesField,
    CorrectionsField,
    DatelineField,
    DatesField,
    LeadImageField,
    SectionField,
    SourceField,
    TopicsField,
)
from dateline.news.api_support import (
    MAX_ID_DIGITS,
    AlwaysJSON,
    ArticleFilter,
    BoundedPagination,
    CheckedFieldsFilter,
    WordSearchFilter,
)
from dateline.news.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    AuthorPage,
    SectionPage,
    TopicPage,
)
from dateline.news.queries import attach_sections, public_articles


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Shared by the four endpoints: anonymous, read-only, public pages of the request's site."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    # JSON only: the page cache keys on the URL, not on Accept, so a browsable HTML answer
    # must never be stored where a program expects JSON.
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AlwaysJSON
    pagination_class = BoundedPagination
    filter_backends = [CheckedFieldsFilter, OrderingFilter, WordSearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters
    # One site, one language: a page's locale and alias say nothing to a reader of the API (and
    # the locale would cost a query per item).
    meta_fields = [f for f in PagesAPIViewSet.meta_fields if f not in ("locale", "alias_of")]
    api_fields: list = []  # this endpoint's fields, beyond Wagtail's id/title/meta fields

    def dispatch(self, request, *args, **kwargs):
        pagecache.add_tags(request, cache_tags.API)  # Django's request: DRF's is not kept
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_body_fields(cls, model):
        return wagtail_compat.convert_api_fields(cls, cls.body_fields + list(cls.api_fields))

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.listing_default_fields[:]

    def get_base_queryset(self):
        # Used by Wagtail to decide whether a parent page may be shown: public pages only.
        return Page.objects.live().public()

    def public_pages(self):
        site = Site.find_for_request(self.request)
        pages = self.model.objects.live().public()
        return pages.descendant_of(site.root_page) if site else pages.none()

    def get_queryset(self):
        return self.public_pages().order_by("path")

    def get_object(self):
        if len(str(self.kwargs.get("pk", ""))) > MAX_ID_DIGITS:
            raise Http404("not found")
        return super().get_object()

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            raise BadRequestError("find by html_path is not offered; use ?slug=")
        value = request.GET.get("id", "")
        if not (value.isdigit() and len(value) <= MAX_ID_DIGITS):
            raise BadRequestError("id must be a whole number")
        return super().find_object(queryset, request)


class ArticlesAPIViewSet(PublicPagesAPIViewSet):
    name = "articles"
    model = ArticlePage
    filter_backends = [CheckedFieldsFilter, ArticleFilter, OrderingFilter, WordSearchFilter]
    known_query_parameters = PublicPagesAPIViewSet.known_query_parameters.union(
        ["section", "topic", "author", "from", "to"]
    )
    api_fields = [
        APIField("headline", serializer=serializers.CharField(source="title", read_only=True)),
        APIField("standfirst"),
        APIField("section", serializer=SectionField(source="*")),
        APIField("bylines", serializer=BylinesField(source="*")),
        APIField("topics", serializer=TopicsField(source="*")),
        APIField("dateline", serializer=DatelineField(source="*")),
        APIField("dates", serializer=DatesField(source="*")),
        APIField("source", serializer=SourceField(source="*")),
        APIField("corrections", serializer=CorrectionsField(source="*")),
        APIField("lead_image", serializer=LeadImageField(source="*")),
        APIField("body", serializer=BodyField(source="*")),
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "headline",
        "standfirst",
        "section",
        "bylines",
        "topics",
        "dateline",
        "dates",
        "source",
    ]
    # Per-article work (image renditions, rich text links) stays on the one-article view.
    detail_only_fields = ["parent", "lead_image", "body"]

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        articles = public_articles()
        articles = articles.descendant_of(site.root_page) if site else articles.none()
        return (
            articles.select_related("lead_image")
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleByline.objects.select_related("author")),
                Prefetch("topics", queryset=TopicPage.objects.live().public().order_by("title")),
                Prefetch("corrections", queryset=ArticleCorrection.objects.order_by("noted_at")),
            )
            .order_by("-first_published_at", "-pk")
        )

    def paginate_queryset(self, queryset):
        return attach_sections(super().paginate_queryset(queryset))

    def get_object(self):
        article = super().get_object()
        if not hasattr(article, "section"):
            attach_sections([article])
        return article


class SectionsAPIViewSet(PublicPagesAPIViewSet):
    name = "sections"
    model = SectionPage
    api_fields = [APIField("description"), APIField("position")]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["description"]

    def get_queryset(self):
        return self.public_pages().order_by("position", "title")


class TopicsAPIViewSet(PublicPagesAPIViewSet):
    name = "topics"
    model = TopicPage
    api_fields = [APIField("kind"), APIField("description")]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["kind"]

    def get_queryset(self):
        return self.public_pages().order_by("title")


class AuthorsAPIViewSet(PublicPagesAPIViewSet):
    name = "authors"
    model = AuthorPage
    api_fields = [APIField("job_title"), APIField("bio")]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["job_title"]

    def get_queryset(self):
        return self.public_pages().order_by("title")


def not_found(request, path=""):
    """Any other address under /api/v2/ (`articles/abc/`, an unknown endpoint): a JSON 404,
    as the API's own views answer, never the site's HTML 404 page."""
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("dateline_api")
for _viewset in (ArticlesAPIViewSet, SectionsAPIViewSet, TopicsAPIViewSet, AuthorsAPIViewSet):
    api_router.register_endpoint(_viewset.name, _viewset)
