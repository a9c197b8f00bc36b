"""The demo's comment moderator, signed in with the login the demo printed, approves a comment
that waits in the queue; a reader who has never visited then finds it on the article.

Found: the demo's "Moderators" login was Wagtail's page-approval group and could not moderate
comments; nobody could without `createsuperuser`.
"""

from __future__ import annotations

from .conftest import demo_password, screenshot
from .journeys import admin_login, click_through


def _fresh_reader(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context, context.new_page()


def test_the_demos_moderator_approves_a_waiting_comment_and_a_reader_sees_it(
    browser, page, live_server_url
):
    base = live_server_url
    admin_login(page, base, "moderator", demo_password("moderator"))
    # The moderator's menu leads to the comments, and the queue opens on what waits.
    click_through(page, page.get_by_role("link", name="Comments", exact=True))
    rows = page.locator("table.listing tbody tr[data-comment]")
    assert rows.count() > 0, "the demo left no comment waiting for a moderator"
    comment_id = rows.first.get_attribute("data-comment")
    screenshot(page, "moderator", "queue")

    click_through(page, rows.first.locator('td[data-label="Comment"] a'))
    assert "Pending" in page.locator("dl").inner_text()
    text = page.locator(".discussion-admin-text").inner_text().strip()
    article = page.locator("a.comment-on-site").get_attribute("href").split("#")[0]
    assert text

    context, reader = _fresh_reader(browser)
    reader.goto(base + article if article.startswith("/") else article)
    assert reader.locator(f"#comment-{comment_id}").count() == 0, "shown before approval"
    context.close()

    click_through(page, page.get_by_role("button", name="Approve", exact=True))
    assert "Approve: done." in page.locator(".messages").inner_text()
    assert "Approved" in page.locator("dl").inner_text()
    on_site = page.locator("a.comment-on-site").get_attribute("href")

    # Someone who never came before: no cookie, the page as everyone gets it (the approval
    # purged the cached copy).
    context, reader = _fresh_reader(browser)
    reader.goto(base + on_site if on_site.startswith("/") else on_site)
    shown = reader.locator(f"#comment-{comment_id}")
    assert shown.count() == 1, f"comment {comment_id} is not on {on_site}"
    assert "comment--awaiting" not in (shown.get_attribute("class") or "")
    first_line = text.splitlines()[0].strip()
    assert first_line in shown.inner_text()
    screenshot(reader, "moderator", "approved-comment")
    context.close()


def test_the_demos_moderator_cannot_edit_pages(page, live_server_url):
    base = live_server_url
    admin_login(page, base, "moderator", demo_password("moderator"))
    page.goto(base + "/admin/pages/")
    # Wagtail answers a user without page permissions with its dashboard or a refusal.
    assert page.locator("a[href*='/edit/']").count() == 0
