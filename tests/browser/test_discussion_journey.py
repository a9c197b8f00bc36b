"""Readers comment with and without JavaScript, a moderator approves, a reader replies to a reply.

Every comment is held at first (the journeys' newsroom keeps first-time commenters waiting
for a moderator, a setting; by default the spam filter publishes a confident genuine one), shown
to its author alone while it waits, and shown to everyone once approved: the approval purges
the cached page.
"""

from __future__ import annotations

import re
import time

from .conftest import screenshot
from .journeys import (
    admin_login,
    click_through,
    comment_id_from_url,
    open_page,
    wait_like_a_person,
    write_comment,
)
from .pages import threaded_articles

READERS = {
    "js": ("Jess Script", "jess.script@example.org"),
    "nojs": ("Nora Plain", "nora@example.net"),
}


def _post(tab) -> int:
    tab.get_by_role("button", name="Post Comment").click()
    tab.wait_for_url(re.compile(r"#comment-\d+$"))
    return comment_id_from_url(tab.url)


def _approve_in_the_admin(browser, base: str, marker: str, ids: dict) -> None:
    """The moderator finds both comments in the queue: one approved from its file, one in bulk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    mod = context.new_page()
    admin_login(mod, base, "journey-moderator")
    click_through(mod, mod.get_by_role("link", name="Comments", exact=True))
    mod.fill("#f-q", marker)
    click_through(mod, mod.get_by_role("button", name="Filter"))
    rows = mod.locator("table.listing tbody tr")
    assert rows.count() == 2, rows.all_inner_texts()
    assert "First-time commenter" in rows.first.inner_text()
    screenshot(mod, "discussion", "moderation-queue")

    click_through(mod, mod.locator(f'a[href$="/admin/discussion/{ids["js"]}/"]'))
    assert "Pending" in mod.locator("dl").inner_text()
    screenshot(mod, "discussion", "moderation-comment")
    click_through(mod, mod.get_by_role("button", name="Approve", exact=True))
    assert "Approve: done." in mod.locator(".messages").inner_text()
    assert "Approved" in mod.locator("dl").inner_text()

    mod.goto(f"{base}/admin/discussion/?q={marker}")
    mod.get_by_label(f"Select comment {ids['nojs']}").check()
    mod.select_option("#bulk-action", "approve")
    click_through(mod, mod.get_by_role("button", name="Apply"))
    assert "Approve: 1 comment changed." in mod.locator(".messages").inner_text()
    context.close()


def test_comments_wait_for_a_moderator_then_everyone_sees_them(
    browser, page, no_js_page, live_server_url
):
    base = live_server_url
    article = base + threaded_articles(base)[0]
    marker = f"pool{int(time.time())}"  # one word to find both comments in the queue by
    tabs = {"js": page, "nojs": no_js_page}
    loaded = 0.0
    for label, tab in tabs.items():
        loaded = open_page(tab, article)
        name, email = READERS[label]
        write_comment(
            tab,
            text=f"A floating pool for the old port ({label}), {marker}.",
            name=name,
            email=email,
        )
    wait_like_a_person(page, loaded)
    ids = {}
    for label, tab in tabs.items():
        ids[label] = _post(tab)
        assert "awaiting moderation" in tab.locator("#awaiting").inner_text()
        mine = tab.locator(f"#comment-{ids[label]}")
        assert "comment--awaiting" in mine.get_attribute("class")
        assert marker in mine.inner_text()
        screenshot(tab, "discussion", f"awaiting-{label}")
        # Back on the article's own address, the reader still sees their waiting comment.
        tab.goto(article)
        assert tab.locator(f"#comment-{ids[label]}.comment--awaiting").count() == 1

    stranger_context = browser.new_context(viewport={"width": 1280, "height": 900})
    stranger = stranger_context.new_page()
    stranger.goto(article)
    for comment_id in ids.values():
        assert stranger.locator(f"#comment-{comment_id}").count() == 0, "shown before approval"

    _approve_in_the_admin(browser, base, marker, ids)

    for label, tab in tabs.items():
        tab.goto(article)
        mine = tab.locator(f"#comment-{ids[label]}")
        assert "comment--awaiting" not in mine.get_attribute("class")
        assert tab.locator("#awaiting").count() == 0
    stranger.goto(article)
    for comment_id in ids.values():
        assert marker in stranger.locator(f"#comment-{comment_id}").inner_text()
    screenshot(stranger, "discussion", "approved")

    # Nora, without JavaScript, answers a reply: the Reply link is a plain link to the form.
    reply_link = no_js_page.locator(".comment-list .children .comment__reply").first
    parent = reply_link.evaluate("a => a.closest('li.comment').id")
    click_through(no_js_page, reply_link)
    assert "Leave a Reply to" in no_js_page.locator("#reply-title").inner_text()
    assert no_js_page.locator("#comment_parent").input_value() == parent.removeprefix("comment-")
    loaded = time.monotonic()
    write_comment(
        no_js_page,
        text=f"Replying to the reply, {marker}.",
        name=READERS["nojs"][0],
        email=READERS["nojs"][1],
    )
    screenshot(no_js_page, "discussion", "reply-form")
    wait_like_a_person(no_js_page, loaded)
    reply = _post(no_js_page)
    # Nora's browser holds the cookie of her approved comment: proof enough to publish at once.
    nested = no_js_page.locator(f"#{parent} > ol.children > #comment-{reply}")
    assert "comment--awaiting" not in nested.get_attribute("class")
    screenshot(no_js_page, "discussion", "reply-published")
    stranger.goto(article)
    assert stranger.locator(f"#{parent} > ol.children > #comment-{reply}").count() == 1
    stranger_context.close()


def test_bad_email_is_marked_next_to_the_field_and_the_text_is_kept(page, live_server_url):
    base = live_server_url
    open_page(page, base + threaded_articles(base)[0])
    text = "The timetable deserves a second look.\n\nEspecially on Sundays."
    # 'ada@gmail' passes the browser's own check for an email field; the server knows better.
    write_comment(page, text=text, name="Ada Reader", email="ada@gmail")
    click_through(page, page.get_by_role("button", name="Post Comment"))

    email = page.locator("#email")
    assert email.get_attribute("aria-invalid") == "true"
    error = page.locator("#email-error")
    assert "valid email address" in error.inner_text()
    assert "email-error" in email.get_attribute("aria-describedby").split()
    # The message sits in the field's own paragraph, right after the input.
    assert error.evaluate("e => e.previousElementSibling.id") == "email"
    assert page.locator("#comment").input_value() == text
    assert page.locator("#author").input_value() == "Ada Reader"
    assert email.input_value() == "ada@gmail"
    assert page.locator("#comment-form-error").is_visible()
    screenshot(page, "discussion", "form-error")
