"""How an article's parts read in the API: each a read-only field over the whole article.

Listing fields read only what the viewset prefetched (bylines, topics, corrections, sections),
so a page of articles costs the same queries whatever its length; the body and lead image, which
need images and link look-ups, are on the single-article view only.
"""

from __future__ import annotations

from rest_framework import serializers

from dateline.news.body_text import (
    absolute_urls,
    expand_paragraphs,
    images_in,
    list_items,
    raw_blocks,
)
from dateline.news.structured_data import absolute, iso, site_root_url

API_IMAGE_FILTER = "width-1200"


def _image(image, request, caption: str = "") -> dict:
    rendition = image.get_rendition(API_IMAGE_FILTER)
    return {
        "id": image.pk,
        "url": absolute(rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
        "alt": caption or image.default_alt_text,
    }


class _ArticleField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    @property
    def request(self):
        return self.context.get("request")

    def page_ref(self, page) -> dict:
        return {
            "id": page.pk,
            "title": page.title,
            "slug": page.slug,
            "html_url": page.get_full_url(self.request),
        }


class SectionField(_ArticleField):
    def to_representation(self, article):
        section = getattr(article, "section", None)
        return self.page_ref(section) if section is not None else None


class BylinesField(_ArticleField):
    def to_representation(self, article):
        return [
            {
                "role": byline.role,
                "author": {**self.page_ref(byline.author), "job_title": byline.author.job_title},
            }
            for byline in article.bylines.all()
        ]


class TopicsField(_ArticleField):
    def to_representation(self, article):
        return [{**self.page_ref(t), "kind": t.kind} for t in article.topics.all()]


class DatelineField(_ArticleField):
    def to_representation(self, article):
        return {"place": article.dateline_place, "filed_at": iso(article.filed_at)}


class DatesField(_ArticleField):
    """First publication, and the last logged correction or update (null when there is none)."""

    def to_representation(self, article):
        return {
            "first_published_at": iso(article.first_published_at),
            "updated_at": iso(article.updated_at),
        }


class SourceField(_ArticleField):
    """For syndicated copy, the outlet that first ran it; null for the newsroom's own."""

    def to_representation(self, article):
        if not article.is_syndicated:
            return None
        return {"name": article.source_name, "canonical_url": article.canonical_url}


class CorrectionsField(_ArticleField):
    def to_representation(self, article):
        return [
            {"kind": c.kind, "noted_at": iso(c.noted_at), "text": c.text}
            for c in article.corrections.all()
        ]


class LeadImageField(_ArticleField):
    def to_representation(self, article):
        if article.lead_image is None:
            return None
        return {
            **_image(article.lead_image, self.request, article.lead_image_caption),
            "caption": article.lead_image_caption,
            "credit": article.lead_image_credit,
        }


class BodyField(_ArticleField):
    """The body as a list of blocks {type, value, id}: paragraphs as front-end HTML, images
    with their address and size, factbox facts as a plain list, embeds as their URL."""

    def to_representation(self, article):
        blocks = raw_blocks(article)
        images = images_in([article], API_IMAGE_FILTER)
        paragraphs = expand_paragraphs(
            [
                b["value"]
                for b in blocks
                if b.get("type") == "paragraph" and isinstance(b.get("value"), str)
            ]
        )
        out, n = [], 0
        for block in blocks:
            kind, value = block.get("type"), block.get("value")
            if kind == "paragraph" and isinstance(value, str):
                value, n = absolute_urls(paragraphs[n], site_root_url(self.request)), n + 1
            elif kind == "image" and isinstance(value, dict):
                image = images.get(value.get("image"))
                value = {
                    "image": _image(image, self.request, value.get("caption", ""))
                    if image
                    else None,
                    "caption": value.get("caption", ""),
                    "credit": value.get("credit", ""),
                }
            elif kind == "factbox" and isinstance(value, dict):
                value = {"title": value.get("title", ""), "facts": list_items(value.get("facts"))}
            out.append({"type": kind, "value": value, "id": block.get("id")})
        return out
