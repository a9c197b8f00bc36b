"""The Reply links and the comment form work with the keyboard alone, with a visible focus."""

from __future__ import annotations

import time

from .conftest import screenshot
from .journeys import wait_like_a_person
from .pages import threaded_articles

FOCUS_IS_VISIBLE = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return el.matches(':focus-visible') && (outline || style.boxShadow !== 'none');
}"""


def _tab_to(tab, selector: str, limit: int = 400) -> int:
    """Press Tab until the element matching `selector` has the focus; returns the presses."""
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            assert tab.evaluate(FOCUS_IS_VISIBLE), f"{selector} has focus but shows no outline"
            return presses
    raise AssertionError(f"{selector} cannot be reached with Tab ({limit} presses)")


def test_reader_replies_with_the_keyboard_alone(page, live_server_url):
    article = live_server_url + threaded_articles(live_server_url, wanted=2)[1]
    page.goto(article)
    # The Reply link of a comment that is itself a reply.
    target = page.locator(".comment-list .children .comment__reply").first
    parent_id = target.evaluate("a => a.closest('li.comment').id")
    _tab_to(page, f"#{parent_id} > .comment__body .comment__reply")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Leave a Reply to" in page.locator("#reply-title").inner_text()
    loaded = time.monotonic()

    # From the form's anchor, Tab reaches each field in order; the honeypot is never reached.
    _tab_to(page, "#comment", limit=5)
    page.keyboard.type("Answered from the keyboard: the ferry times are right.")
    for selector, text in (("#author", "Kay Board"), ("#email", "kay@example.org")):
        page.keyboard.press("Tab")
        assert page.evaluate("s => document.activeElement.matches(s)", selector), selector
        assert page.evaluate(FOCUS_IS_VISIBLE), selector
        page.keyboard.type(text)
    _tab_to(page, "#consent", limit=2)
    page.keyboard.press("Space")
    assert page.locator("#consent").is_checked()
    _tab_to(page, "#submit", limit=3)
    screenshot(page, "keyboard", "reply-form-focused-submit")
    wait_like_a_person(page, loaded)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "awaiting moderation" in page.locator("#awaiting").inner_text()
    pending = page.locator(f"#{parent_id} > ol.children > li.comment--awaiting")
    assert "Answered from the keyboard" in pending.inner_text()
    screenshot(page, "keyboard", "reply-awaiting")


def test_reader_comments_from_the_skip_link_and_sends_with_space(page, live_server_url):
    page.goto(live_server_url + threaded_articles(live_server_url, wanted=2)[1])
    loaded = time.monotonic()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    _tab_to(page, "#comment")
    page.keyboard.type("Typed without a mouse, line one.")
    page.keyboard.press("Enter")  # in a text area Enter is a new line, not a submit
    page.keyboard.type("And line two.")
    for selector, text in (("#author", "Tab Reader"), ("#email", "tab.reader@example.org")):
        _tab_to(page, selector, limit=1)
        page.keyboard.type(text)
    _tab_to(page, "#submit", limit=4)
    wait_like_a_person(page, loaded)
    with page.expect_navigation():
        page.keyboard.press("Space")
    mine = page.locator(".comment-list--own .comment--awaiting")
    assert "line one.\nAnd line two." in mine.locator(".comment__text").inner_text()
