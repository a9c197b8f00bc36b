"""Old WordPress addresses kept alive: a permanent Wagtail redirect for each one.

Permalinks (``/2012/01/03/template-comments/``), the numeric forms (``/?p=1148``,
``/?page_id=2``, ``/?attachment_id=611``), attachment pages, category, tag and author archives
all lead to the new page. Wagtail's redirect middleware answers only requests that would
otherwise be a 404, and ``/`` is the front page, so the query forms on the front page are
answered by :func:`query_link_response` from a ``before_serve_page`` hook instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

if TYPE_CHECKING:
    from dateline.importers.wxr import Author, Post

    from .job import Job

#: WordPress query variables that name a post, page, attachment or archive.
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")
MAX_PATH = 255  # Redirect.old_path
LOOKUP_CHUNK = 500  # paths per query: inside every database's parameter limit


def query_link_response(request):
    """A redirect for a WordPress query link (``/?p=1149``) to a served page, or None."""
    if request.method not in ("GET", "HEAD") or not any(k in request.GET for k in QUERY_KEYS):
        return None
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None:
        # Tracking and paging parameters added to an old link should not hide it.
        kept = [(k, request.GET[k]) for k in QUERY_KEYS if k in request.GET]
        bare = Redirect.normalise_path(f"{request.path}?{urlencode(kept)}", decode_unicode=False)
        redirect = get_redirect(request, bare) if bare != path else None
    if redirect is None or redirect.link is None:
        return None
    if redirect.is_permanent:
        return HttpResponsePermanentRedirect(redirect.link)
    return HttpResponseRedirect(redirect.link)


class Redirects:
    """Creates the redirects of one import, counting them in the report."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def _path(self, url: str) -> str | None:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        if host and self.job.site_host and host != self.job.site_host:
            return None  # another site's address can never reach this one
        if not parts.path.strip("/") and not parts.query:
            return None  # the front page stays the front page
        # "//greek/x" would be read as a host name by every URL parser on the way back in.
        path = re.sub(r"/{2,}", "/", parts.path)
        return Redirect.normalise_path(f"{path}?{parts.query}" if parts.query else path)

    def add(self, url: str, target: Page | str, label: str = "") -> None:
        """Redirect ``url`` (an old address or path) permanently to a page or a file URL."""
        self.add_many([([url], target, label)])

    def add_all(self, urls: list[str], target: Page | str, label: str) -> None:
        """Redirect several old addresses, each distinct path once."""
        self.add_many([(urls, target, label)])

    def add_many(self, groups: list[tuple[list[str], Page | str, str]]) -> None:
        """Redirect each group's old addresses to its target: one query finds the addresses
        that redirect already, one insert writes the rest. An address already taken (in the
        database, or by an earlier group) is left alone and reported."""
        report = self.job.report
        planned: list[tuple[str, Page | str, str]] = []
        for urls, target, label in groups:
            seen = set()
            for url in urls:
                old = self._path(url)
                if old is None or old in seen:
                    continue
                seen.add(old)
                if len(old) > MAX_PATH:
                    report.add(
                        "redirects", "skipped", old[:80], "the old address is over 255 characters"
                    )
                else:
                    planned.append((old, target, label))
        paths = [old for old, _, _ in planned]
        existing: dict[str, Redirect] = {}
        for start in range(0, len(paths), LOOKUP_CHUNK):
            found = Redirect.objects.filter(
                old_path__in=paths[start : start + LOOKUP_CHUNK], site__isnull=True
            )
            existing.update((r.old_path, r) for r in found)
        new = []
        for old, target, label in planned:
            redirect = existing.get(old)
            if redirect is None:
                redirect = existing[old] = Redirect(old_path=old, site=None, is_permanent=True)
                if isinstance(target, Page):
                    redirect.redirect_page = target
                else:
                    redirect.redirect_link = target
                new.append(redirect)
                report.add("redirects", "created", old)
            elif (
                redirect.redirect_page_id == target.pk
                if isinstance(target, Page)
                else redirect.redirect_link == target
            ):
                report.add("redirects", "unchanged", old)
            else:
                report.add(
                    "redirects",
                    "skipped",
                    f"{old} ({label})",
                    "the old address redirects elsewhere",
                )
        Redirect.objects.bulk_create(new, batch_size=LOOKUP_CHUNK)

    def post_urls(self, post: Post) -> list[str]:
        """Every old address of a post or page: its permalink, its numeric forms and the
        attachment pages of its images (which lead to the story they belong to)."""
        prefix = self.job.site_prefix
        urls = [post.link] if post.link else []
        if post.post_id is not None:
            urls.append(f"{prefix}/?p={post.post_id}")
            if post.post_type == "page":
                urls.append(f"{prefix}/?page_id={post.post_id}")
        for attachment_id in self.job.scan.children.get(post.post_id, ()):
            urls.append(f"{prefix}/?attachment_id={attachment_id}")
            link = self.job.scan.attachments[attachment_id].link
            if link:
                urls.append(link)
        return urls

    def for_post(self, post: Post, page: Page) -> None:
        self.for_posts([(post, page)])

    def for_page(self, post: Post, page: Page) -> None:
        """A page's old addresses, except the one it is served at now: a plain page often keeps
        its WordPress address (``/about/``), and a redirect to itself would loop while the page
        is a draft or private."""
        own = self._path(page.url or "") if page.url else None
        urls = [u for u in self.post_urls(post) if self._path(u) != own]
        self.add_all(urls, page, f"page {post.post_id}")

    def for_posts(self, pairs: list[tuple[Post, Page]]) -> None:
        """The old addresses of a batch of posts, each to its new page."""
        self.add_many([(self.post_urls(p), page, f"post {p.post_id}") for p, page in pairs])

    def for_attachment(self, post: Post, file_url: str) -> None:
        """An attachment with no imported parent: its page and file lead to the file."""
        prefix = self.job.site_prefix
        urls = [f"{prefix}/?attachment_id={post.post_id}", post.link]
        self.add_all([u for u in urls if u], file_url, f"attachment {post.post_id}")

    def for_file(self, old_url: str, file_url: str) -> None:
        """The old file address (``/wp-content/uploads/...``) leads to the imported file."""
        self.add(old_url, file_url, "file")

    def for_term(self, taxonomy: str, path: str, page: Page) -> None:
        prefix = self.job.site_prefix
        base = "category" if taxonomy == "category" else "tag"
        urls = [f"{prefix}/{base}/{path}/"]
        if taxonomy == "tag":
            urls.append(f"{prefix}/?tag={path}")
        self.add_all(urls, page, f"{taxonomy} {path}")

    def for_author(self, record: Author, page: Page) -> None:
        prefix = self.job.site_prefix
        urls = [f"{prefix}/author/{record.login}/"] if record.login else []
        if record.author_id:
            urls.append(f"{prefix}/?author={record.author_id}")
        self.add_all(urls, page, f"author {record.login}")
