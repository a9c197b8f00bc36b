"""Steps several journeys share: signing in to the admin and writing a comment as a reader."""

from __future__ import annotations

import time
from contextlib import contextmanager

from .conftest import EDITOR_PASSWORD, manage_live

# The comment form refuses a post sooner than 3 s after it was rendered (a bot's speed).
FILL_SECONDS = 3.5


def admin_login(tab, base: str, username: str, password: str = EDITOR_PASSWORD) -> None:
    """Sign in at /admin/login/ as one of the journey accounts (or with another password)."""
    tab.goto(base + "/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(base + "/admin/")


# The journeys' publisher is in Wagtail's Moderators group, which the demo does not let take
# wire copy (its editors do); the wire journeys give that group the permission first.
WIRE_DESK_GRANT = """
from django.contrib.auth.models import Group, Permission
Group.objects.get(name="Moderators").permissions.add(
    Permission.objects.get(codename="change_wireitem", content_type__app_label="wire"))
"""


@contextmanager
def wire_desk_tab(browser, base: str):
    """A desktop tab signed in as the journeys' publisher, allowed to work the wire desk."""
    manage_live("shell", "-c", WIRE_DESK_GRANT)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    admin_login(tab, base, "journey-publisher")
    try:
        yield tab
    finally:
        context.close()


def open_page(tab, url: str) -> float:
    """Go to a page that holds the comment form; returns when it was rendered, at the latest."""
    tab.goto(url)
    return time.monotonic()


def write_comment(tab, *, text: str, name: str, email: str) -> None:
    """Fill in 'Leave a Reply' on the page the tab shows."""
    tab.fill("#comment", text)
    tab.fill("#author", name)
    tab.fill("#email", email)


def wait_like_a_person(tab, since: float) -> None:
    """Let the form's minimum fill time pass since `since` (a time.monotonic())."""
    left = FILL_SECONDS - (time.monotonic() - since)
    if left > 0:
        tab.wait_for_timeout(left * 1000)


def comment_id_from_url(url: str) -> int:
    """The id in the '#comment-123' anchor the form redirects to."""
    assert "#comment-" in url, f"no comment anchor in {url}"
    return int(url.rsplit("#comment-", 1)[1])


def click_through(tab, locator) -> None:
    """Click something that loads a new page (a link, a form's button) and wait for that page."""
    with tab.expect_navigation():
        locator.click()
