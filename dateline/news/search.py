"""Reader search: full text over headline, standfirst, body and topics, on Wagtail's search.

The backend is whatever WAGTAILSEARCH_BACKENDS names (the database backend by default: SQLite
FTS5 or PostgreSQL full-text search; OpenSearch or Elasticsearch for large archives, see
docs/search.md). A reader's query is reduced to its words before it reaches the backend, so
quotes, operators and SQL fragments are searched for as words or not at all, and results come
from `public_articles()` like every other list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.query import PlainText

from dateline.news.body_text import plain_text
from dateline.news.models import ArticleByline, SectionPage
from dateline.news.queries import attach_sections, public_articles

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
EXCERPT_CHARS = 220
# Dates outside these bounds are typos; refusing them also keeps date arithmetic from overflowing.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
_WORD = re.compile(r"\w+")


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=MAX_QUERY_LENGTH, required=False)
    section = forms.ChoiceField(label="Section", required=False)
    to = forms.DateField(label="To", required=False, input_formats=["%Y-%m-%d"])
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("relevance", "Best match"), ("newest", "Newest first")],
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so this field cannot be declared as a class attribute.
        self.fields["from"] = forms.DateField(
            label="From", required=False, input_formats=["%Y-%m-%d"]
        )
        self.fields["section"].choices = [("", "All sections")] + [
            (s.slug, s.title) for s in sections
        ]

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                f"Enter a date between {EARLIEST:%Y} and {LATEST:%Y}.", code="out_of_range"
            )
        return value

    def clean_from(self):
        return self._clean_date("from")

    def clean_to(self):
        return self._clean_date("to")

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", "The end date is before the start date.")
        return data


def query_terms(text: str) -> list[str]:
    """The words of a reader's query, lower-cased, each once, at most MAX_TERMS of them."""
    seen: list[str] = []
    for word in _WORD.findall(text or ""):
        word = word.lower()
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search_articles(terms, *, section=None, date_from=None, date_to=None, newest_first=False):
    """Public articles matching every term, optionally within a section and a date range."""
    articles = section.articles() if section is not None else public_articles()
    if date_from:
        articles = articles.filter(first_published_at__gte=_midnight(date_from))
    if date_to:
        articles = articles.filter(first_published_at__lt=_midnight(date_to + timedelta(days=1)))
    if newest_first:
        articles = articles.order_by("-first_published_at")
    return articles.search(
        PlainText(" ".join(terms), operator="and"), order_by_relevance=not newest_first
    )


def prepare_results(articles) -> list:
    """Bylines and sections for a page of results, in a fixed number of queries."""
    articles = list(articles)
    prefetch_related_objects(
        articles, Prefetch("bylines", queryset=ArticleByline.objects.select_related("author"))
    )
    return attach_sections(articles)


def _stem(term: str) -> str:
    # A rough English stem, so that a query for "elections" also marks "election"; the backend
    # matched on stems too, so a few extra marks are closer to what it did than too few.
    return term if len(term) <= 4 else term[: max(4, len(term) - 2)]


def _pattern(terms) -> re.Pattern | None:
    stems = sorted({_stem(t) for t in terms}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)


def highlight(text: str, terms) -> SafeString:
    """`text` escaped, with each matched word wrapped in <mark>.

    The text is split at the matches first and every piece is escaped before any markup is
    added, so a match can never fall inside an entity and no unescaped text is marked up.
    """
    text = text or ""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def excerpt(text: str, terms, size: int = EXCERPT_CHARS) -> str:
    """About `size` characters of `text` around its first match (its start if none), cut at
    word boundaries, with an ellipsis where text was left out."""
    if len(text) <= size:
        return text
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - size // 3) if match else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


@dataclass
class SearchHit:
    article: object
    headline: SafeString
    standfirst: SafeString
    excerpt: SafeString


def hits(articles, terms) -> list[SearchHit]:
    """Each result with its headline, standfirst and a body excerpt highlighted."""
    return [
        SearchHit(
            article=a,
            headline=highlight(a.title, terms),
            standfirst=highlight(a.standfirst, terms),
            excerpt=highlight(excerpt(plain_text(a), terms), terms),
        )
        for a in articles
    ]


def searchable_sections():
    return SectionPage.objects.live().public().order_by("position", "title")
