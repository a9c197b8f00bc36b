"""The front page, which also answers the date archives (/2024/, /2024/11/, /2024/11/21/)."""

from __future__ import annotations

import calendar
import copy
from datetime import date, datetime, time, timedelta

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from dateline.core import cache_tags, pagecache, sitewide
from dateline.core.models import NewsroomSettings
from dateline.news.archive import archive_nav
from dateline.news.cache_tags import tag_listing
from dateline.news.listing import listing_page
from dateline.news.models.curation import MAX_PINNED, curation
from dateline.news.models.privacy import KeptRestrictionsMixin
from dateline.news.models.routing import ChildRouteMixin
from dateline.news.queries import attach_sections, for_listing, public_articles

STORIES_PER_SECTION_BLOCK = 4


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _archive_range(year: str, month: str | None, day: str | None) -> tuple[date, date, str]:
    """First day, day after the last, and the granularity; Http404 for a date that cannot be."""
    try:
        y = int(year)
        if month is None:
            return date(y, 1, 1), date(y + 1, 1, 1), "year"
        m = int(month)
        if day is None:
            first = date(y, m, 1)
            return first, first + timedelta(days=calendar.monthrange(y, m)[1]), "month"
        first = date(y, m, int(day))
        return first, first + timedelta(days=1), "day"
    except (ValueError, OverflowError):
        raise Http404("No such date") from None


class HomePage(RoutablePageMixin, ChildRouteMixin, KeptRestrictionsMixin, Page):
    child_route_model = "news.SectionPage"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.SectionPage",
        "news.TopicIndexPage",
        "news.AuthorIndexPage",
        "news.InfoPage",
    ]
    max_count = 1
    template = "news/home_page.html"

    content_panels = [
        *Page.content_panels,
        InlinePanel(
            "pins",
            heading="Front page: lead and pinned stories",
            label="Pin",
            max_num=MAX_PINNED + 1,
            help_text="Empty slots, and pins past their time, show the newest stories.",
        ),
    ]

    def sections(self):
        from dateline.news.models import SectionPage

        return SectionPage.objects.child_of(self).live().in_menu().order_by("position", "title")

    def routed_child(self, request, slug):
        """A section by its slug, from the copies kept per site version (sections are saved,
        published and moved a few times a year, and each of those purges the copies)."""
        from dateline.news.models import SectionPage

        kept = sitewide.kept(
            request,
            "section-routes",
            self.pk,
            lambda: {s.slug: s for s in SectionPage.objects.child_of(self)},
        )
        section = kept.get(slug)
        return copy.copy(section) if section is not None else None  # each request its own

    @path("")
    def front(self, request):
        picked = curation(self, public_articles())
        pagecache.keep_until(request, picked.next_expiry)
        lead = picked.lead or for_listing(public_articles().exclude(pk__in=picked.pks)).first()
        shown_above = [pk for pk in [*picked.pks, getattr(lead, "pk", None)] if pk is not None]
        blocks = []
        for section in self.sections():
            stories = list(
                for_listing(section.articles().exclude(pk__in=shown_above))[
                    :STORIES_PER_SECTION_BLOCK
                ]
            )
            for story in stories:
                story.section = section
            if stories:
                blocks.append((section, stories))
        top = ([lead] if lead else []) + picked.pinned
        attach_sections(top)
        shown = top + [story for _, stories in blocks for story in stories]
        tag_listing(request, cache_tags.HOME, shown)
        return self.render(
            request,
            context_overrides={
                "lead": lead,
                "pinned": picked.pinned,
                "section_blocks": blocks,
                "front_articles": shown,
            },
        )

    @re_path(r"^(?P<year>\d{4})/$", name="archive_year")
    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$", name="archive_month")
    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/$", name="archive_day")
    def archive(self, request, year, month=None, day=None):
        first, after, granularity = _archive_range(year, month, day)
        articles = public_articles().filter(
            first_published_at__gte=_local_midnight(first),
            first_published_at__lt=_local_midnight(after),
        )
        per_page = NewsroomSettings.for_request(request).articles_per_page
        page = listing_page(request, for_listing(articles), per_page)
        since, until = _local_midnight(first), _local_midnight(after)
        nav = archive_nav(first, after, granularity, since, until)
        page.object_list = attach_sections(page.object_list)
        tag_listing(request, cache_tags.ARCHIVE, page.object_list)
        return TemplateResponse(
            request,
            "news/archive_page.html",
            {
                "page": self,
                "self": self,
                "articles": page,
                "archive_date": first,
                # Not the request's own address: a cached copy must not carry one reader's
                # tracking parameters to everyone.
                "canonical_url": self.full_url
                + request.path.lstrip("/")
                + (f"?page={page.number}" if page.number > 1 else ""),
                "granularity": granularity,
                "nav": nav,
            },
        )
