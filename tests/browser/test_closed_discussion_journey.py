"""A reader opens the demo's 2022 story: its discussion closed with age, the comments it had are
still there, the form is gone and the page says why; related stories and the archive follow.
"""

from __future__ import annotations

from .conftest import screenshot
from .journeys import click_through
from .pages import old_article


def test_an_old_storys_discussion_is_closed_but_shown(page, live_server_url):
    base = live_server_url
    page.goto(base + old_article(base))
    closed = page.locator(".discussion__closed")
    assert "Comments are closed" in closed.inner_text()
    assert page.locator("#commentform").count() == 0
    assert page.locator(".comment__reply").count() == 0
    assert page.locator(".related .card__headline").count() > 0
    assert page.locator(".story__lead figcaption .credit").inner_text()
    screenshot(page, "closed-discussion", "old-story")

    click_through(page, page.locator("a.story__archive"))
    assert page.url.endswith("/2022/08/15/")
    click_through(page, page.get_by_role("link", name="August 2022"))
    assert page.url.endswith("/2022/08/")
    assert page.locator(".card-list .card").count() > 0
