"""Template tags every public page uses: the masthead date and machine-readable times."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from wagtail.models import Page

from dateline.core.dates import masthead_date, newsroom_today

register = template.Library()


@register.simple_tag(takes_context=True)
def masthead_today(context):
    """<time> for today in the newsroom's zone, formatted as the newsroom chose."""
    newsroom = context.get("newsroom")
    fmt = getattr(newsroom, "masthead_date_format", None)
    today = newsroom_today()
    return format_html(
        '<time datetime="{}">{}</time>', today.isoformat(), masthead_date(today, fmt)
    )


@register.simple_tag
def time_tag(value, fmt="j F Y, H:i T", css_class=""):
    """Every date a reader sees is a <time datetime> in the newsroom's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    from django.utils import dateformat

    return format_html(
        '<time datetime="{}"{}>{}</time>',
        local.isoformat(timespec="minutes") if hasattr(local, "hour") else local.isoformat(),
        format_html(' class="{}"', css_class) if css_class else "",
        dateformat.format(local, fmt),
    )


# The fields a page type describes itself with, most specific first (a page type without the
# field simply lacks it).
DESCRIPTION_FIELDS = ("search_description", "standfirst", "description", "bio", "intro")


@register.simple_tag(takes_context=True)
def meta_description(context):
    """<meta name="description">: the page's own summary, or one made from its title and the
    newsroom's name, so that no page a search engine lists goes without one."""
    page, newsroom = context.get("page"), context.get("newsroom")
    if not isinstance(page, Page):  # an error page, or a paginator's page in a listing
        page = None
    for field in DESCRIPTION_FIELDS:
        text = getattr(page, field, "") or ""
        if isinstance(text, str) and text.strip():
            return format_html('<meta name="description" content="{}">', text.strip())
    name = getattr(newsroom, "name", "") or "Dateline"
    tagline = getattr(newsroom, "tagline", "") or ""
    # The front page (depth 2, under Wagtail's root) is the newsroom itself: no title before it.
    summary = f"{page.title} | {name}" if page is not None and page.depth > 2 else name
    return format_html(
        '<meta name="description" content="{}">', f"{summary}. {tagline}" if tagline else summary
    )
