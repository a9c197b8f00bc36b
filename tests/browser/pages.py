"""Finding the demo newsroom's public page types on a live server, as a reader would."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def first_link(html: str, css_class: str) -> str:
    match = re.search(rf'class="{css_class}"[^>]*>\s*<a href="([^"]+)"', html)
    if not match:
        match = re.search(rf'<(?:h2|h3) class="{css_class}"><a href="([^"]+)"', html)
    assert match, f"no link with class {css_class}"
    return match.group(1)


def public_pages(base: str) -> dict[str, str]:
    """One URL per public page type of the demo newsroom."""
    _, front = fetch(base + "/")
    section = re.search(r'<nav class="section-nav".*?<a href="([^"]+)"', front, re.S).group(1)
    article = re.search(r'class="card__headline"><a href="([^"]+)"', front).group(1)
    _, topics = fetch(base + "/topics/")
    topic = re.search(r'<ul class="topic-list"><li><a href="([^"]+)"', topics).group(1)
    _, authors = fetch(base + "/authors/")
    author = re.search(r'<ul class="author-list"><li><a href="([^"]+)"', authors).group(1)
    return {
        "front": "/",
        "section": section,
        "topic": topic,
        "topics": "/topics/",
        "author": author,
        "authors": "/authors/",
        "archive": "/2022/08/",
        "article": article,
        "old-article": old_article(base),
        "discussed-article": most_discussed_article(base),
        "search": "/search/?q=Barkhane",
        "search-form": "/search/",
        "not-found": "/no-such-page/",
    }


NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]+)"')


def next_page(base: str, path: str) -> str | None:
    """The address of the page after `path` in its pagination, if it has one."""
    _, html = fetch(base + path)
    found = NEXT_PAGE.search(html)
    if not found:
        return None
    return urllib.parse.urljoin(path, found.group(1).replace("&amp;", "&")).split("#")[0]


# One page and one story more of a month of its own (February 2020, which the demo leaves
# empty), so that its archive has a second page whatever else is in the demo.
FULL_MONTH_SCRIPT = """
from datetime import UTC, datetime
from dateline.core.models import NewsroomSettings
from dateline.news import services
from dateline.news.models import AuthorPage, SectionPage
from wagtail.models import Site

section = SectionPage.objects.live().first()
byline = [(AuthorPage.objects.live().first(), "")]
per_page = NewsroomSettings.for_site(Site.objects.get(is_default_site=True)).articles_per_page
for n in range(per_page + 1):
    services.create_article(section, title=f"A story of February 2020, number {n + 1}",
        standfirst="One of a month of stories.", bylines=byline,
        published_at=datetime(2020, 2, 1 + n % 28, 9, tzinfo=UTC))
"""


def a_listing_of_two_pages() -> str:
    from .conftest import manage_live

    manage_live("shell", "-c", FULL_MONTH_SCRIPT)
    return "/2020/02/"


def more_page_states(base: str) -> dict[str, str]:
    """The states of the listings and of search that `public_pages` leaves out: every archive
    granularity, a second page of a listing, of search results and of a discussion, and search
    with no result and with refused filters."""
    pages = public_pages(base)
    listings = [pages["section"], pages["topic"], pages["author"], "/2022/"]
    _, front = fetch(base + "/")
    nav = re.search(r'<nav class="section-nav".*?</nav>', front, re.S).group(0)
    listings += re.findall(r'href="(/[^"]*)"', nav)
    second = next(filter(None, (next_page(base, path) for path in listings)), None)
    if second is None:  # the demo's listings fit on one page (no other journey added stories)
        second = next_page(base, a_listing_of_two_pages())
    assert second, f"no listing has a second page: {listings}"
    search_second = next(
        filter(None, (next_page(base, f"/search/?q={word}") for word in ["the", "and", "of"]))
    )
    discussion_second = next_page(base, most_discussed_article(base))
    assert discussion_second, "the demo's longest discussion has no second page"
    return {
        "archive-year": "/2022/",
        "archive-day": "/2022/08/15/",
        "listing-page-2": second,
        "search-page-2": search_second,
        "search-no-results": "/search/?q=zyxwvutsrq",
        "search-refused-filters": "/search/?q=Mali&from=2022-02-30&section=nowhere",
        "discussion-page-2": discussion_second,
    }


def old_article(base: str) -> str:
    _, archive = fetch(base + "/2022/08/15/")
    return re.search(r'class="card__headline"><a href="([^"]+)"', archive).group(1)


def front_page_discussions(base: str) -> list[tuple[str, int]]:
    """The front page's stories with their approved comment counts (as their cards say)."""
    _, front = fetch(base + "/")
    found = {}
    cards = re.findall(
        r'class="card__headline"><a href="([^"]+)".*?class="card__meta">(.*?)</p>', front, re.S
    )
    for href, meta in cards:
        count = re.search(r"(\d+) comments?\b", meta)
        found.setdefault(href, int(count.group(1)) if count else 0)
    return list(found.items())


def most_discussed_article(base: str) -> str:
    """The story with the longest discussion (the demo's paginated, deeply threaded one)."""
    return max(front_page_discussions(base), key=lambda item: item[1])[0]


def threaded_articles(base: str, wanted: int = 2) -> list[str]:
    """Stories whose discussion fits on one page, holds a reply to a comment and is still open
    (the front page also shows stories whose discussion closed with age)."""
    found = []
    for href, count in front_page_discussions(base):
        if 3 <= count <= 40:
            _, html = fetch(base + href)
            threaded = 'class="children"' in html and "comment-pagination" not in html
            if threaded and 'id="commentform"' in html:
                found.append(href)
                if len(found) == wanted:
                    return found
    raise AssertionError(f"the front page has fewer than {wanted} threaded discussions")


def comment_form_error_page(base: str, path: str) -> tuple[int, str]:
    """POST the article's comment form with a malformed email, as a browser would."""
    _, html = fetch(base + path)
    fields = {
        "page": re.search(r'name="page" value="(\d+)"', html).group(1),
        "token": re.search(r'name="token" value="([^"]*)"', html).group(1),
        "parent": "",
        "comment": "A fair point about the timetable.",
        "author": "Ada Reader",
        "email": "ada@gmail",
        "url": "",
        "homepage": "",
    }
    return _post_comment(base, fields)


def closed_discussion_refusal(base: str, path: str) -> tuple[int, str]:
    """A comment sent to a story whose discussion has closed since the reader opened the form:
    the story again, with the reader's text kept beside the notice (HTTP 400)."""
    _, html = fetch(base + path)
    assert 'id="commentform"' not in html, f"the discussion of {path} is open"
    fields = {
        "page": re.search(r'href="/discussion/(\d+)/feed/rss/"', html).group(1),
        "token": "",
        "comment": "Still worth saying.",
        "author": "Ada Reader",
        "email": "ada@example.org",
    }
    return _post_comment(base, fields)


def _post_comment(base: str, fields: dict) -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310 - our own server on loopback
        base + "/discussion/post/", data=urllib.parse.urlencode(fields).encode(), method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
