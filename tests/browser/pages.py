"""Finding the demo newsroom's public page types on a live server, as a reader would."""

from __future__ import annotations

import re
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
        "search": "/search/?q=Barkhane",
        "not-found": "/no-such-page/",
    }


def old_article(base: str) -> str:
    _, archive = fetch(base + "/2022/08/15/")
    return re.search(r'class="card__headline"><a href="([^"]+)"', archive).group(1)
