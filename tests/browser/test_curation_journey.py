"""An editor previews a draft, publishes it, pins it as the front page's lead for a short time,
sees it lead while a newer story goes live, and sees the front fall back when the pin expires.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

from .conftest import screenshot
from .journeys import admin_login, click_through
from .pages import fetch
from .test_editor_journey import _footer_action
from .test_preview_journey import _preview_frame_text

SPLASH = "Coalition talks collapse as the finance minister walks out"
NEWER = "Ring road reopens after three weeks of repairs"
LEAD_HEADLINE = r'class="lead-story".*?card__headline"><a href="[^"]+">([^<]+)</a>'
PIN_SECONDS = 75  # the pin's lifetime: long enough to check it leads, short enough to wait out


def _lead_on_front(base: str) -> str:
    _, html = fetch(base + "/")
    lead = re.search(
        r'class="lead-story".*?card__headline"><a href="[^"]+">([^<]+)</a>', html, re.S
    )
    return lead.group(1) if lead else ""


def _write_and_publish(tab, base: str, headline: str, preview: bool = False) -> None:
    tab.goto(base + "/admin/pages/")
    click_through(tab, tab.get_by_role("link", name="Explore child pages of 'The Dateline'"))
    click_through(tab, tab.get_by_role("link", name="Explore child pages of 'Politics'"))
    click_through(tab, tab.get_by_role("link", name="Add child page").first)
    field = tab.get_by_role("textbox", name="Headline")
    field.fill(headline)
    field.blur()
    tab.get_by_role("textbox", name="Standfirst").fill("What happened, in brief.")
    tab.get_by_role("button", name="Choose a page (Author page)").first.click()
    tab.locator(".modal a.choose-page", has_text="Sophie Marchand").click()
    if preview:
        assert _preview_frame_text(tab) == headline
        screenshot(tab, "curation", "draft-preview")
    _footer_action(tab, "Publish")
    assert "published" in tab.locator(".messages").inner_text()


def test_editor_pins_a_lead_that_falls_back_when_the_pin_expires(page, live_server_url):
    base = live_server_url
    admin_login(page, base, "journey-chief")
    _write_and_publish(page, base, SPLASH, preview=True)

    page.goto(base + "/admin/pages/")
    click_through(page, page.get_by_role("link", name="The Dateline", exact=True).first)
    pins = page.locator("#panel-child-content-front_page_lead_and_pinned_stories-section")
    pins.get_by_role("button", name="Add Pin").click()
    page.select_option("#id_pins-0-slot", "lead")
    pins.get_by_role("button", name="Choose a page (Article)").click()
    page.locator(".modal input[name=q]").fill("Coalition talks")
    page.locator(".modal a.choose-page", has_text=SPLASH).click()
    page.locator(".modal").wait_for(state="hidden")
    until = datetime.now(UTC) + timedelta(seconds=PIN_SECONDS)
    page.fill("#id_pins-0-expires_at", until.strftime("%Y-%m-%d %H:%M:%S"))
    _footer_action(page, "Publish")
    assert "published" in page.locator(".messages").inner_text()
    pinned_at = time.monotonic()

    _write_and_publish(page, base, NEWER)  # newer, but not the editors' choice
    assert _lead_on_front(base) == SPLASH
    page.goto(base + "/")
    screenshot(page, "curation", "pinned-lead")

    time.sleep(max(0, PIN_SECONDS + 2 - (time.monotonic() - pinned_at)))
    assert _lead_on_front(base) == NEWER
