"""Tags for news templates: the section menu and article cards."""

from django import template

register = template.Library()


@register.inclusion_tag("news/includes/section_nav.html", takes_context=True)
def section_nav(context):
    from dateline.news.models import HomePage

    request = context.get("request")
    home = HomePage.objects.live().first()
    sections = list(home.sections()) if home else []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "sections": sections,
        "current_path": current_path,
        "request": request,
    }


@register.inclusion_tag("news/includes/article_card.html", takes_context=True)
def article_card(context, article, heading_level=3, show_image=True):
    return {
        "article": article,
        "heading_level": heading_level,
        "show_image": show_image,
        "request": context.get("request"),
    }
