"""The moderation desk in a real browser: WordPress's keyboard shortcuts (j/k, x, a, s, d) and the
queue on a phone's width (cards, nothing scrolling sideways, the bulk form usable by touch). And
the reader's side of the desk's fill-time check: focusing the comment box fetches the writing
stamp (decision 0005) without any script."""

from __future__ import annotations

import json
import uuid

from .conftest import manage_live, screenshot
from .journeys import admin_login, click_through
from .pages import threaded_articles

SEED_SCRIPT = """
import json
from dateline.news.models import ArticlePage
from dateline.discussion import services
article = ArticlePage.objects.live().order_by("pk").first()
ids = [services.create_comment(article, text=f"{marker} comment {n}", name=f"Reader {n}",
       email=f"reader{n}.{marker}@example.org", status="pending", source="test").pk
       for n in range(1, 5)]
print(json.dumps(ids))
"""

STATUS_SCRIPT = """
import json
from dateline.discussion.models import Comment
print(json.dumps(dict(Comment.objects.filter(text__startswith=marker).values_list("pk", "status"))))
"""


def _shell(script: str):
    """Run a script in the live server's data folder; its last printed line, as JSON."""
    return json.loads(manage_live("shell", "-c", script).strip().splitlines()[-1])


def _seed(marker: str) -> list[int]:
    return _shell(f"marker = {marker!r}\n" + SEED_SCRIPT)


def _statuses(marker: str) -> dict[int, str]:
    raw = _shell(f"marker = {marker!r}\n" + STATUS_SCRIPT)
    return {int(pk): status for pk, status in raw.items()}


def _current(tab) -> str:
    return tab.evaluate("() => document.querySelector('tr.desk-current')?.dataset.comment || ''")


def test_a_moderator_works_the_queue_with_the_keyboard(browser, live_server_url):
    marker = f"kbd{uuid.uuid4().hex[:8]}"
    first, second, third, fourth = _seed(marker)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    admin_login(tab, live_server_url, "journey-moderator")
    queue = f"{live_server_url}/admin/discussion/?q={marker}"
    tab.goto(queue)
    assert tab.locator("#desk-keys").is_visible()  # the help shows only where the keys work

    tab.keyboard.press("j")
    assert _current(tab) == str(first)
    tab.keyboard.press("j")
    tab.keyboard.press("j")
    tab.keyboard.press("k")
    assert _current(tab) == str(second)
    screenshot(tab, "moderation", "keyboard-current-row")

    tab.locator("#f-q").focus()  # typing in a field is typing, not a shortcut
    tab.keyboard.press("j")
    assert _current(tab) == str(second)
    tab.locator("#f-q").evaluate("e => e.blur()")

    with tab.expect_navigation():
        tab.keyboard.press("a")  # nothing ticked: the current comment
    assert "Approve: 1 comment changed." in tab.locator(".messages").inner_text()
    assert _statuses(marker)[second] == "approved"

    tab.keyboard.press("j")  # the queue now opens on the first comment again
    assert _current(tab) == str(first)
    with tab.expect_navigation():
        tab.keyboard.press("s")
    assert "Mark as spam: 1 comment changed." in tab.locator(".messages").inner_text()

    tab.keyboard.press("j")
    tab.keyboard.press("x")
    tab.keyboard.press("j")
    tab.keyboard.press("x")
    assert tab.locator('input[name="ids"]:checked').count() == 2
    with tab.expect_navigation():
        tab.keyboard.press("d")  # both ticked comments, not only the current one
    assert "Move to trash: 2 comments changed." in tab.locator(".messages").inner_text()
    assert _statuses(marker) == {
        first: "spam",
        second: "approved",
        third: "trash",
        fourth: "trash",
    }
    context.close()


def test_the_queue_on_a_phone_is_cards_and_its_bulk_form_works_by_touch(browser, live_server_url):
    marker = f"phone{uuid.uuid4().hex[:8]}"
    ids = _seed(marker)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    admin_login(tab, live_server_url, "journey-moderator")
    tab.goto(f"{live_server_url}/admin/discussion/?q={marker}")

    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the queue scrolls sideways by {overflow}px on a phone"
    header = tab.locator(".discussion-queue thead").bounding_box()
    assert header is None or header["x"] + header["width"] <= 0  # the column heads step aside
    row = tab.locator(f'tr[data-comment="{ids[0]}"]')
    label = row.locator('td[data-label="Article"]').evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert label == '"Article: "'  # each value says what it is, as a card
    cells = [row.locator(f'td[data-label="{n}"]').bounding_box() for n in ("Comment", "Author")]
    assert cells[1]["y"] >= cells[0]["y"] + cells[0]["height"] - 1  # stacked, not side by side
    box = row.locator('input[name="ids"]').bounding_box()
    assert box["width"] >= 23 and box["height"] >= 23  # a finger can hit it
    screenshot(tab, "moderation", "phone-queue")

    row.locator('input[name="ids"]').tap()
    tab.locator(f'tr[data-comment="{ids[1]}"] input[name="ids"]').tap()
    tab.select_option("#bulk-action", "approve")
    click_through(tab, tab.get_by_role("button", name="Apply"))
    assert "Approve: 2 comments changed." in tab.locator(".messages").inner_text()
    statuses = _statuses(marker)
    assert [statuses[i] for i in ids] == ["approved", "approved", "pending", "pending"]
    context.close()


def test_focusing_the_comment_box_fetches_the_writing_stamp_without_script(
    browser, live_server_url
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    tab = context.new_page()
    # A story whose discussion is still open (old stories' threads close with age).
    article = threaded_articles(live_server_url, 1)[0]
    tab.goto(live_server_url + article)
    cookie_names = lambda: {c["name"] for c in context.cookies()}  # noqa: E731
    assert "dateline_writing" not in cookie_names()  # reading alone stamps nothing
    with tab.expect_request(lambda r: r.url.endswith("/discussion/writing/")):
        tab.locator("#comment").focus()
    tab.wait_for_timeout(300)
    assert "dateline_writing" in cookie_names()
    context.close()
