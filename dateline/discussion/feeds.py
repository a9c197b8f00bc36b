"""Feeds of approved comments, site-wide and per article, in RSS 2.0 and Atom 1.0.

Django's XML writer raises on characters XML cannot carry, so one stray control character in
an imported comment would take the feed down: every string is cleaned on the way out.
"""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from dateline.core import cache_tags, pagecache
from dateline.discussion import rendering
from dateline.discussion.models import Comment
from dateline.news.queries import public_articles

_XML_ILLEGAL = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ITEMS = 30
MAX_PAGE_ID = 2**31 - 1


def xml_safe(value) -> str:
    return _XML_ILLEGAL.sub("", str(value or ""))


class CommentsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, page_id=None):
        pagecache.add_tags(request, cache_tags.COMMENT_FEEDS)
        if page_id is None:
            return None
        if page_id > MAX_PAGE_ID:  # beyond the column's range: no such page (not a 500)
            raise Http404("No such article.")
        article = public_articles().filter(pk=page_id).first()
        if article is None:
            raise Http404("No such article.")
        pagecache.add_tags(request, cache_tags.article(article.pk))
        return article

    def title(self, obj):
        return xml_safe(f"Comments on {obj.title}" if obj else "Latest comments")

    def link(self, obj):
        return obj.get_url() if obj else "/"

    def description(self, obj):
        return xml_safe(
            f"Approved reader comments on {obj.title}" if obj else "Approved reader comments"
        )

    def items(self, obj):
        comments = Comment.objects.approved().filter(erased_at__isnull=True)
        if obj is not None:
            comments = comments.filter(page_id=obj.pk)
        else:
            comments = comments.filter(page_id__in=public_articles().values("pk"))
        return comments.select_related("page").order_by("-created_at", "-pk")[:ITEMS]

    def item_title(self, item):
        return xml_safe(f"{item.name} on {item.page.title}")

    def item_description(self, item):
        return xml_safe(rendering.render_text(item.text))

    def item_link(self, item):
        return f"{item.page.get_url()}#{item.anchor}"

    def item_guid(self, item):
        return f"{item.page.full_url}#{item.anchor}"

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        # Atom requires <updated> on every entry. A comment's text is never edited after it is
        # posted (moderation changes only its status), so it was last updated when written.
        return item.created_at

    def item_author_name(self, item):
        return xml_safe(item.name)


class CommentsAtomFeed(CommentsRssFeed):
    feed_type = Atom1Feed
    subtitle = CommentsRssFeed.description
