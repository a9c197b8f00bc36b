"""The read API's request handling: its filters, its pagination and its content negotiation.

Every malformed parameter becomes a 400 with a message (`BadRequestError`), never a 500: Wagtail's
own filters let some through (a bad date, an id past 64 bits, a quote in a search).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from rest_framework.negotiation import BaseContentNegotiation
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError
from wagtail.search.query import PlainText

from dateline.news.models import ArticleByline, ArticlePage, AuthorPage, SectionPage, TopicPage
from dateline.news.search import query_terms

# Ids beyond 64 bits overflow the database driver before any query runs.
MAX_ID_DIGITS = 18


def _one(model, value: str, name: str):
    """The live, public `model` page named by id or slug; a 400 when there is none."""
    pages = model.objects.live().public()
    by_id = value.isdigit() and len(value) <= MAX_ID_DIGITS
    page = (pages.filter(pk=int(value)) if by_id else pages.filter(slug=value)).first()
    if page is None:
        raise BadRequestError(f"{name}: no public {name} with id or slug {value!r}")
    return page


def _day(value: str, name: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadRequestError(f"{name}: expected a date as YYYY-MM-DD, not {value!r}") from None
    if not date(1900, 1, 1) <= day <= date(2999, 12, 31):
        raise BadRequestError(f"{name}: {value} is out of range")
    return day


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ArticleFilter(BaseFilterBackend):
    """?section=, ?topic=, ?author= (id or slug) and ?from=, ?to= (YYYY-MM-DD, inclusive)."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if "section" in params:
            queryset = queryset.child_of(_one(SectionPage, params["section"], "section"))
        if "topic" in params:
            # By id, not `topics=`: a search backend filters only on indexed fields, and every
            # page's id is one, so ?search= combines with ?topic= on every backend.
            topic = _one(TopicPage, params["topic"], "topic")
            tagged = ArticlePage.topics.through.objects.filter(topicpage=topic)
            queryset = queryset.filter(pk__in=tagged.values("articlepage_id"))
        if "author" in params:
            author = _one(AuthorPage, params["author"], "author")
            bylined = ArticleByline.objects.filter(author=author).values("page_id")
            queryset = queryset.filter(pk__in=bylined)
        if "from" in params:
            queryset = queryset.filter(
                first_published_at__gte=_midnight(_day(params["from"], "from"))
            )
        if "to" in params:
            after = _day(params["to"], "to") + timedelta(days=1)
            queryset = queryset.filter(first_published_at__lt=_midnight(after))
        return queryset


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's ?field=value filters, with a malformed value (?first_published_at=soon) made a
    400 instead of the ValidationError that Django raises while building the query, and a value
    outside a field's choices (?kind=bogus) a 400 instead of an empty list."""

    def filter_queryset(self, request, queryset, view):
        for field in queryset.model._meta.concrete_fields:
            if field.choices and field.name in request.GET:
                allowed = [str(value) for value, _label in field.flatchoices]
                if request.GET[field.name] not in allowed:
                    raise BadRequestError(f"{field.name} must be one of: {', '.join(allowed)}")
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, OverflowError) as error:
            raise BadRequestError(f"field filter error: {error}") from None


class WordSearchFilter(BaseFilterBackend):
    """?search=: like the reader search, the query is reduced to its words first, so quotes and
    operators cannot break the backend's query syntax (Wagtail's own filter passes them on)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator", "and")
        if operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = query_terms(request.GET["search"])
        if not terms:
            return queryset.none()
        try:
            return get_search_backend().search(
                PlainText(" ".join(terms), operator=operator),
                queryset,
                order_by_relevance="order" not in request.GET,
            )
        except (FilterFieldError, OrderByFieldError) as error:
            # OpenSearch/Elasticsearch cannot filter search results by topic or author.
            raise BadRequestError(f"this filter cannot be combined with search: {error}") from None


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing an offset no database can take (an offset
    of 10**23 reaches SQLite as a 'datatype mismatch' error)."""

    MAX_OFFSET = 10**9

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {self.MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class AlwaysJSON(BaseContentNegotiation):
    """JSON whatever the Accept header asks for (no 406, no HTML)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
