"""What search engines and social sites read in a page's head: JSON-LD and sharing tags.

Builders return plain dicts and lists; `json_ld` turns one into the text of a
<script type="application/ld+json"> element, escaped so that nothing in a headline can close the
element or open another one. The dates follow the newsroom's honesty rule: datePublished is the
first publication, dateModified the last logged correction or update (else the first
publication), never a silent republish.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from dateline.news.xmltext import xml_safe

# Bylines in these roles are the story's authors; photographers and editors are contributors.
AUTHOR_ROLES = ("reporting", "additional reporting")
# Corrections and clarifications are what schema.org's `correction` means; an "update" adds news
# and shows in dateModified instead.
CORRECTION_KINDS = ("correction", "clarification")
LEAD_IMAGE_FILTER = "width-1200"
LOGO_FILTER = "max-600x600"
DEFAULT_LOGO = "news/publisher-logo.png"
DEFAULT_LOGO_SIZE = 512
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data) -> SafeString:
    """`data` as JSON safe to place inside a <script> element (as Django's json_script does)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


def iso(value) -> str | None:
    """An aware datetime as ISO 8601 in the newsroom's zone, to the second."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def article_authors(bylines) -> list:
    """The bylines that make someone an author; every byline when none does."""
    bylines = list(bylines)
    authors = [b for b in bylines if b.role in AUTHOR_ROLES]
    return authors or bylines


def site_root_url(request) -> str:
    """Scheme and host of the Wagtail site answering `request` (page links use the same)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def site_home_url(request) -> str | None:
    """The address of the front page of the site that answers `request`."""
    return site_root_url(request) + "/" if request is not None else None


def absolute(url: str, request) -> str:
    """`url` (a path, or already absolute as from object storage) as an absolute address."""
    if url.startswith(("http://", "https://")):
        return url
    return site_root_url(request) + url


def image_object(
    image, request, spec: str = LEAD_IMAGE_FILTER, caption: str = "", credit: str = ""
) -> dict:
    rendition = image.get_rendition(spec)
    data = {
        "@type": "ImageObject",
        "url": absolute(rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
    }
    if caption:
        data["caption"] = xml_safe(caption)
    if credit:
        data["creditText"] = xml_safe(credit)
    return data


def credits_newsroom(credit: str, newsroom) -> bool:
    """Whether an image credit names the newsroom itself ('Illustration: The Dateline'): only
    then do we know who holds the copyright. A photographer's or an agency's credit says who
    to name, not whether they or their agency hold the rights, so it stays creditText alone."""
    name = (getattr(newsroom, "name", "") or "").strip().lower()
    return bool(name) and name in credit.lower()


def organization(newsroom, request, home_url: str | None) -> dict:
    """The newsroom as publisher, with its logo (a neutral default until one is uploaded)."""
    logo = getattr(newsroom, "publisher_logo", None)
    if logo is not None:
        logo_data = image_object(logo, request, LOGO_FILTER)
    else:
        logo_data = {
            "@type": "ImageObject",
            "url": absolute(static(DEFAULT_LOGO), request),
            "width": DEFAULT_LOGO_SIZE,
            "height": DEFAULT_LOGO_SIZE,
        }
    data = {"@type": "NewsMediaOrganization", "name": xml_safe(newsroom.name), "logo": logo_data}
    if home_url:
        data["url"] = home_url
    return data


def person(author, request) -> dict:
    data = {"@type": "Person", "name": xml_safe(author.title), "url": author.get_full_url(request)}
    if author.job_title:
        data["jobTitle"] = xml_safe(author.job_title)
    return data


def news_article(page, request, *, newsroom, section, bylines, corrections, topics) -> dict:
    """schema.org NewsArticle for `page`, with everything Google's article guidelines list."""
    home_url = site_home_url(request)
    url = page.get_full_url(request)
    authors = article_authors(bylines)
    contributors = [b for b in bylines if b not in authors]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": xml_safe(page.title),
        "description": xml_safe(page.search_description or page.standfirst),
        "url": page.canonical_url or url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(page.first_published_at),
        "dateModified": iso(page.updated_at or page.first_published_at),
        "author": [person(b.author, request) for b in authors],
        "publisher": organization(newsroom, request, home_url),
        "isAccessibleForFree": True,
        # The story's own language when it is not the site's (a taken wire story in French).
        "inLanguage": page.language or newsroom.language,
    }
    if page.copyright_notice:
        data["copyrightNotice"] = xml_safe(page.copyright_notice)
    if contributors:
        data["contributor"] = [person(b.author, request) for b in contributors]
    if page.lead_image:
        credit = page.lead_image_credit
        image = image_object(
            page.lead_image, request, caption=page.lead_image_caption, credit=credit
        )
        if credit and credits_newsroom(credit, newsroom):
            image["copyrightHolder"] = data["publisher"]
        data["image"] = [image]
    if section is not None:
        data["articleSection"] = xml_safe(section.title)
    if topics:
        data["keywords"] = [xml_safe(t.title) for t in topics]
    if page.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": xml_safe(page.dateline_place)}
    fixes = [c for c in corrections if c.kind in CORRECTION_KINDS]
    if fixes:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": xml_safe(f"{c.get_kind_display()}: {c.text}"),
                "datePublished": iso(c.noted_at),
            }
            for c in fixes
        ]
    if page.source_name:
        data["sourceOrganization"] = {"@type": "Organization", "name": xml_safe(page.source_name)}
    return data


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, absolute url) pairs, outermost first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": xml_safe(name), "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def website(newsroom, request, home_url: str, search_url: str) -> dict:
    """WebSite with a SearchAction: search engines may offer a search box for the site."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": xml_safe(newsroom.name),
        "url": home_url,
        "inLanguage": newsroom.language,
        "publisher": organization(newsroom, request, home_url),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def sharing_tags(
    page, request, *, newsroom, section, bylines, topics
) -> list[tuple[str, str, str]]:
    """OpenGraph and Twitter card tags as (attribute, name, content) triples."""
    url = page.canonical_url or page.get_full_url(request)
    description = page.search_description or page.standfirst
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", newsroom.name),
        ("property", "og:title", page.title),
        ("property", "og:description", description),
        ("property", "og:url", url),
    ]
    if "-" in newsroom.language:
        language, region = newsroom.language.split("-", 1)
        tags.append(("property", "og:locale", f"{language.lower()}_{region.upper()}"))
    image = None
    if page.lead_image:
        image = image_object(page.lead_image, request)
        alt = page.lead_image_caption or page.lead_image.default_alt_text
        tags += [
            ("property", "og:image", image["url"]),
            ("property", "og:image:width", str(image["width"])),
            ("property", "og:image:height", str(image["height"])),
            ("property", "og:image:alt", alt),
        ]
    if page.first_published_at:
        tags.append(("property", "article:published_time", iso(page.first_published_at)))
        modified = page.updated_at or page.first_published_at
        tags.append(("property", "article:modified_time", iso(modified)))
    if section is not None:
        tags.append(("property", "article:section", section.title))
    tags += [("property", "article:tag", topic.title) for topic in topics]
    tags += [
        ("property", "article:author", b.author.get_full_url(request))
        for b in article_authors(bylines)
    ]
    tags += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", description),
    ]
    if newsroom.twitter_site:
        tags.append(("name", "twitter:site", newsroom.twitter_site))
    if image:
        tags += [("name", "twitter:image", image["url"]), ("name", "twitter:image:alt", alt)]
    return [(attr, name, xml_safe(content)) for attr, name, content in tags]
