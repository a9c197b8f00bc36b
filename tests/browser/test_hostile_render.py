"""XSS payloads posted through the comment form stay text in Chromium under the real CSP: no
dialog opens, no script runs, and the page reports no more CSP violations than without them."""

from __future__ import annotations

import re

from tests.corpora import lines_of

from .journeys import click_through, comment_id_from_url, open_page, wait_like_a_person
from .pages import threaded_articles


def _payloads() -> list[str]:
    found = []
    for name in ("patt-XSS_Polyglots.txt", "patt-xss_payloads_quick.txt"):
        found += lines_of("hostile", "xss", name)
    return found


def _watch(tab) -> list[str]:
    events: list[str] = []
    tab.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    tab.on(
        "console",
        lambda message: (
            events.append(f"console {message.text}")
            if "Content Security Policy" in message.text or "Refused" in message.text
            else None
        ),
    )
    return events


def test_xss_payloads_in_a_comment_stay_text_in_chromium(browser, live_server_url):
    base = live_server_url
    path = threaded_articles(base)[-1]
    context = browser.new_context()
    tab = context.new_page()
    baseline = _watch(tab)
    opened = open_page(tab, base + path)
    tab.wait_for_load_state("networkidle")
    expected = len(baseline)
    payloads = _payloads()
    tab.fill("#comment", "\n\n".join(payloads)[:4500])
    tab.fill("#author", payloads[0][:50])
    tab.fill("#email", "xss.tester@example.org")
    wait_like_a_person(tab, opened)
    click_through(tab, tab.get_by_role("button", name="Post Comment"))
    tab.wait_for_url(re.compile(r"#comment-\d+$"))
    comment_id = comment_id_from_url(tab.url)
    tab.reload()
    tab.wait_for_load_state("networkidle")
    # The author sees their held comment: it is on the page, rendered as text.
    shown = tab.locator(f"#comment-{comment_id}").inner_text()
    assert payloads[1].strip()[:20] in shown
    assert not any(e.startswith("dialog") for e in baseline), baseline
    assert len(baseline) <= 2 * expected, baseline[expected:]
    assert tab.evaluate("typeof window.xss === 'undefined'")
    context.close()
