"""Template tags every public page uses: the masthead date and machine-readable times."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

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
