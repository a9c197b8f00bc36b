"""Reader pages that only a form or a mailed link leads to, reached the way the reader gets there.

A reader (no JavaScript, cookies kept) posts a comment asking for reply notifications, follows
the links the site mails, appeals a moderator's removal, asks for their data and erases it.
Every token is made by the product: the development settings of the live server send mail to
the console, so what the server mails is in its log (server.log in its data folder), and what a
command run beside it mails (`dateline shell`, for a moderator's removal) is in the command's
output. Nothing is signed by the test.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from .conftest import LIVE_SERVER_ENV, manage_live
from .journeys import FILL_SECONDS

Page = tuple[int, str]
# A link in a plain-text mail, to one of the discussion's own pages (on any host: the mail says
# DATELINE_BASE_URL, which is not the live server's port).
MAILED_LINK = re.compile(r"https?://[^/\s]+(/discussion/[^\s>]+)")


class Reader:
    """A browser without JavaScript: keeps its cookies, follows redirects, posts forms with the
    CSRF token the form carries."""

    def __init__(self, base: str):
        self.base = base
        self.url = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def _open(self, path: str, data: dict | None = None) -> Page:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - loopback
        try:
            with self.opener.open(request, timeout=30) as response:
                self.url = response.geturl()
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            self.url = error.geturl()
            return error.code, error.read().decode()

    def get(self, path: str) -> Page:
        return self._open(path)

    def submit(self, path: str, fields: dict | None = None) -> Page:
        """Open the form at `path` and send it with `fields` (and its CSRF token, if any)."""
        _, form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        data = dict(fields or {})
        if token:
            data["csrfmiddlewaretoken"] = token.group(1)
        return self._open(path, data)


class ServerMail:
    """The mail the live server sends from now on (its console backend writes to its log)."""

    def __init__(self):
        self.log = Path(LIVE_SERVER_ENV["DATELINE_DATA_DIR"]) / "server.log"
        self.start = self.log.stat().st_size

    def links(self) -> list[str]:
        with self.log.open("rb") as log:
            log.seek(self.start)
            return MAILED_LINK.findall(log.read().decode(errors="replace"))


def link_to(links: list[str], part: str) -> str:
    found = [link for link in links if part in link]
    assert found, f"no mailed link to {part} in {links}"
    return found[0]


def post_comment(reader: Reader, article: str, email: str) -> Page:
    """Send the article's comment form as a first-time commenter asking to hear of replies."""
    _, html = reader.get(article)
    fields = {
        "page": re.search(r'name="page" value="(\d+)"', html).group(1),
        "token": re.search(r'name="token" value="([^"]*)"', html).group(1),
        "parent": "",
        "comment": "The timetable was already late before the ferry was sold.",
        "author": "Vera Valid",
        "email": email,
        "url": "",
        "homepage": "",
        "notify": "on",
    }
    time.sleep(FILL_SECONDS)  # the form refuses a post sooner than a person could write one
    return reader._open("/discussion/post/", fields)


# A moderator removes the comment with a statement of reasons, as the desk's remove form does;
# the statement and its appeal link are mailed to the commenter (printed by the console backend).
REMOVE_SCRIPT = """
from dateline.discussion.models import Comment
from dateline.discussion.services import dsa
dsa.remove_with_statement(Comment.objects.get(pk={pk}), category="off_topic",
                          explanation="The comment is about another story.")
"""
# The 'is this your comment?' mail, which the site sends a returning commenter held for proof.
VERIFY_SCRIPT = """
from dateline.discussion import tasks
tasks.send_verification.enqueue({pk})
"""


def mailed_by_command(script: str) -> list[str]:
    return MAILED_LINK.findall(manage_live("shell", "-c", script))


def commenter_pages(base: str, article: str) -> dict[str, Page]:
    """Every page a commenter meets after posting, in the order they meet them."""
    pages: dict[str, Page] = {}
    reader = Reader(base)
    email = f"vera.{uuid.uuid4().hex[:12]}@example.org"

    mail = ServerMail()
    pages["comment-awaiting"] = post_comment(reader, article, email)
    awaiting = re.search(r"[?&]awaiting=(\d+)", reader.url)
    assert awaiting, f"the comment was not held for moderation: {reader.url}"
    comment_id = int(awaiting.group(1))
    mailed = mail.links()
    confirm = link_to(mailed, "/discussion/notifications/confirm/")
    unsubscribe = link_to(mailed, "/discussion/unsubscribe/")
    pages["subscription-confirm"] = reader.get(confirm)
    pages["subscription-confirmed"] = reader.submit(confirm)

    verify = link_to(mailed_by_command(VERIFY_SCRIPT.format(pk=comment_id)), "/discussion/verify/")
    pages["verify"] = reader.get(verify)
    pages["verified"] = reader.submit(verify)

    appeal = link_to(mailed_by_command(REMOVE_SCRIPT.format(pk=comment_id)), "/discussion/appeal/")
    pages["appeal"] = reader.get(appeal)  # the statement of reasons, and the appeal form
    pages["appeal-form-error"] = reader.submit(appeal, {"text": ""})
    pages["appeal-sent"] = reader.submit(appeal, {"text": "It answers the story's last line."})
    pages["appeal-made"] = reader.get(appeal)

    pages["unsubscribe"] = reader.get(unsubscribe)
    pages["unsubscribed"] = reader.submit(unsubscribe)

    pages["privacy-form-error"] = reader.submit("/discussion/privacy/", {"email": "vera@"})
    mail = ServerMail()
    pages["privacy-link-sent"] = reader.submit("/discussion/privacy/", {"email": email})
    mailed = mail.links()
    status, export = reader.get(link_to(mailed, "/discussion/privacy/export/"))
    assert status == 200 and json.loads(export), export[:200]  # a JSON download, not a page
    erase = link_to(mailed, "/discussion/privacy/erase/")
    pages["erase-confirm"] = reader.get(erase)
    pages["erased"] = reader.submit(erase)
    pages["link-used"] = reader.get(erase)
    pages["link-expired"] = reader.get("/discussion/appeal/not-a-token/")
    return pages


# Pages of their own, back-dated so that no other journey's pages change: a story with an
# approved comment (to report), one killed (410 Gone at its address), one behind a password.
SEED_SCRIPT = """
import json
from datetime import UTC, datetime
from urllib.parse import urlsplit
from dateline.discussion.services.posting import create_comment
from dateline.news import services
from dateline.news.models import AuthorPage, HomePage, InfoPage, SectionPage

section = SectionPage.objects.live().first()
byline = [(AuthorPage.objects.live().first(), "")]

def story(title, day):
    return services.create_article(section, title=title, standfirst="Checked by vnu.jar.",
        bylines=byline, published_at=datetime(2020, 3, day, 9, tzinfo=UTC))

reported = story("A comment to report", 2)
comment = create_comment(reported, name="Rita Reported", text="A comment to report.",
                         email="rita.reported@example.org", status="approved")
killed = story("A story taken down", 3)
path = urlsplit(killed.url).path
services.kill_article(killed, reason="Checking the 410 page.", notice="This story was removed.")
private = story("A story behind a password", 4)
services.restrict_page(private, password="checked-by-vnu")
plain = InfoPage.objects.live().first() or services.create_info_page(
    HomePage.objects.first(), title="About this newsroom", intro="How we work.")
print(json.dumps({"report": f"/discussion/report/{comment.pk}/", "killed": path,
                  "private": urlsplit(private.url).path, "plain": urlsplit(plain.url).path}))
"""


# What the server answers when a view fails (core.views.server_error: the template alone, with no
# context, since whatever failed may fail again); a healthy server has no address that fails.
SERVER_ERROR_SCRIPT = """
from django.test import RequestFactory
from dateline.core.views import server_error
print(server_error(RequestFactory().get("/")).content.decode())
"""


def wrong_password(reader: Reader, path: str) -> Page:
    """Send the password form of a restricted page with a wrong password."""
    _, asked = reader.get(path)
    action = re.search(r'<form action="([^"]+)"', asked).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', asked))
    return reader._open(action, {**fields, "password": "not the password"})


def _from_doctype(output: str) -> str:
    """The page a command printed, without what `dateline shell` says before it."""
    return output[output.index("<!DOCTYPE") :]


def seeded_pages(base: str) -> dict[str, Page]:
    found = json.loads(manage_live("shell", "-c", SEED_SCRIPT).strip().splitlines()[-1])
    reader = Reader(base)
    return {
        "server-error": (500, _from_doctype(manage_live("shell", "-c", SERVER_ERROR_SCRIPT))),
        "gone": reader.get(found["killed"]),
        "password-required": reader.get(found["private"]),
        "password-refused": wrong_password(reader, found["private"]),
        "plain-page": reader.get(found["plain"]),
        "report": reader.get(found["report"]),
        "report-form-error": reader.submit(found["report"], {"category": ""}),
        "report-sent": reader.submit(found["report"], {"category": "spam"}),
    }
