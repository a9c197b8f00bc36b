"""Tags for news templates: the section menu and article cards."""

import copy

from django import template
from django.utils import dateformat
from wagtail.models import Site

from dateline.core import sitewide
from dateline.news.archive import archive_path
from dateline.news.archive import local_day as archive_day

register = template.Library()


@register.inclusion_tag("news/includes/section_nav.html", takes_context=True)
def section_nav(context):
    request = context.get("request")
    current = context.get("page")
    return {
        "sections": _menu_sections(request),
        "current_path": getattr(current, "path", ""),
        "request": request,
    }


def _menu_sections(request) -> list:
    """The sections of the menu, from the site's front page; kept per site version."""
    from dateline.news.models import HomePage

    site = Site.find_for_request(request) if request is not None else None
    home = site.root_page.specific if site is not None else HomePage.objects.live().first()
    if not isinstance(home, HomePage):
        return []
    kept = sitewide.kept(request, "sections", home.pk, lambda: list(home.sections()))
    return [copy.copy(section) for section in kept]  # nothing a template caches is shared


@register.inclusion_tag("news/includes/article_card.html", takes_context=True)
def article_card(context, article, heading_level=3, show_image=True, eager=False):
    # eager: the card at the top of the page, whose image is the largest thing on first paint;
    # it loads at once with high priority, every other card's image lazily.
    return {
        "eager": eager,
        "article": article,
        "heading_level": heading_level,
        "show_image": show_image,
        "request": context.get("request"),
    }


@register.filter
def archive_url(value, granularity="month") -> str:
    """The address of the date archive (year, month or day) that holds a date or datetime."""
    if not value:
        return ""
    return archive_path(value, granularity)


ARCHIVE_LABELS = {"year": "Y", "month": "F Y", "day": "j F Y"}


@register.filter
def archive_label(value, granularity="month") -> str:
    """How a date archive names itself: '2024', 'November 2024', '21 November 2024'."""
    if not value:
        return ""
    return dateformat.format(archive_day(value), ARCHIVE_LABELS.get(granularity, "F Y"))
