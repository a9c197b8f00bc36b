"""An editor writes a story in the Wagtail admin; another publishes it; readers find it.

The editor (Wagtail's "Editors" group) may write but not publish, so the story goes through the
default workflow ("Moderators approval"); the publisher (Wagtail's "Moderators") approves it from
the dashboard. The story is then on the front page, in its section's feed and in search; a
correction logged later shows on the story with its "Updated" date.
"""

from __future__ import annotations

import re

import pytest
from defusedxml import ElementTree

from .conftest import screenshot
from .journeys import admin_login, click_through
from .pages import fetch

HEADLINE = "Lighthouse keepers return to Utsira as the old beacon is lit again"
STANDFIRST = "Two keepers will live on the island for the first time in forty years."
QUOTE = "We keep the light because ships still need it."
SPEAKER = "Ingrid Haugland"
CORRECTION = "An earlier version gave the wrong year for the beacon's last lighting."
SECTION = "Science"


def _open_section(tab, base: str) -> None:
    """The admin's page explorer, from the top of the tree down to the section."""
    tab.goto(base + "/admin/pages/")
    click_through(tab, tab.get_by_role("link", name="Explore child pages of 'The Dateline'"))
    click_through(tab, tab.get_by_role("link", name=f"Explore child pages of '{SECTION}'"))


def _write_story(tab, base: str) -> None:
    """The editor fills in the article form, block by block, as a person does."""
    _open_section(tab, base)
    # A section takes articles only, so "Add child page" goes straight to the article form.
    click_through(tab, tab.get_by_role("link", name="Add child page").first)
    assert "/admin/pages/add/news/articlepage/" in tab.url

    headline = tab.get_by_role("textbox", name="Headline")
    headline.fill(HEADLINE)
    headline.blur()  # Wagtail fills in the slug from the headline
    tab.get_by_role("textbox", name="Standfirst").fill(STANDFIRST)
    tab.get_by_role("button", name="Choose a page (Author page)").first.click()
    tab.locator(".modal a.choose-page", has_text="Sophie Marchand").click()
    assert "Sophie Marchand" in tab.locator("#panel-child-content-bylines-section").inner_text()
    tab.get_by_role("textbox", name="Dateline place").fill("Utsira")

    body = tab.locator("#panel-child-content-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    tab.get_by_role("option", name="Paragraph", exact=True).click()
    body.locator(".Draftail-Editor [contenteditable=true]").first.click()
    tab.keyboard.type("The lighthouse on the island was automated in 1985.")
    body.get_by_role("button", name="Insert a block").last.click()
    tab.get_by_role("option", name="Quote", exact=True).click()
    tab.fill("#body-1-value-text", QUOTE)
    tab.fill("#body-1-value-speaker", SPEAKER)
    tab.fill("#body-1-value-role", "lighthouse keeper")
    body.get_by_role("button", name="Insert a block").last.click()
    tab.get_by_role("option", name="Image", exact=True).click()
    body.get_by_role("button", name="Choose an image").click()
    tab.locator(".modal a.image-choice").first.click()
    tab.locator(".modal").wait_for(state="hidden")
    tab.fill("#body-2-value-caption", "The beacon at dusk.")
    tab.fill("#body-2-value-credit", "Dateline")
    screenshot(tab, "editor", "article-form")


def _footer_action(tab, name: str) -> None:
    """Wagtail's save bar: the main button saves a draft; the rest sit behind the arrow."""
    footer = tab.locator("footer.footer").last
    footer.locator("[data-w-dropdown-target=toggle]").click()
    click_through(tab, footer.get_by_role("button", name=name))


@pytest.fixture(scope="module")
def published_story(browser, live_server_url):
    """The story, written and submitted by one editor and published by another: its URL."""
    base = live_server_url
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    admin_login(editor, base, "journey-editor")
    _write_story(editor, base)
    _footer_action(editor, "Submit to Moderators approval")
    messages = editor.locator(".messages").inner_text()
    assert "submitted for moderation" in messages, messages
    editor_context.close()

    publisher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    publisher = publisher_context.new_page()
    admin_login(publisher, base, "journey-publisher")
    awaiting = publisher.locator("#awaiting-review-section tr", has_text=HEADLINE)
    screenshot(publisher, "editor", "awaiting-review")
    awaiting.get_by_role("button", name="Actions").click()
    click_through(publisher, awaiting.get_by_role("button", name="Approve", exact=True))
    publisher_context.close()

    _, front = fetch(base + "/")
    found = re.search(r'<a href="([^"]+)">' + re.escape(HEADLINE) + "</a>", front)
    assert found, "the published story is not on the front page"
    return found.group(1)


def test_story_is_reviewed_published_syndicated_and_corrected(
    browser, page, live_server_url, published_story
):
    base = live_server_url
    page.goto(base + "/")
    assert page.get_by_role("link", name=HEADLINE).count() >= 1
    screenshot(page, "editor", "front-page")

    status, feed = fetch(base + "/feeds/section/science/")
    assert status == 200
    titles = [item.findtext("title") for item in ElementTree.fromstring(feed).iter("item")]
    assert HEADLINE in titles

    click_through(page, page.get_by_role("link", name=HEADLINE).first)
    assert page.locator("h1").inner_text() == HEADLINE
    assert QUOTE in page.locator(".story__body").inner_text()
    assert SPEAKER in page.locator(".story__body").inner_text()
    assert page.locator(".story__body img").count() == 1
    assert "Sophie Marchand" in page.locator(".byline").inner_text()
    assert "Updated" not in page.locator(".story__dates").inner_text()
    screenshot(page, "editor", "published-article")

    publisher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    publisher = publisher_context.new_page()
    admin_login(publisher, base, "journey-publisher")
    _open_section(publisher, base)
    click_through(publisher, publisher.get_by_role("link", name=HEADLINE, exact=True))
    corrections = publisher.locator("#panel-child-content-corrections_and_updates-section")
    corrections.get_by_role("button", name="Add Entry").click()
    publisher.select_option("#id_corrections-0-kind", "correction")
    publisher.fill("#id_corrections-0-text", CORRECTION)
    _footer_action(publisher, "Publish")
    assert "published" in publisher.locator(".messages").inner_text()
    publisher_context.close()

    page.goto(base + published_story)
    assert CORRECTION in page.locator("#corrections").inner_text()
    dates = page.locator(".story__dates")
    assert "Updated" in dates.inner_text()
    assert dates.locator("time.updated").get_attribute("datetime")
    screenshot(page, "editor", "corrected-article")


def test_reader_searches_for_the_story_and_finds_it(page, live_server_url, published_story):
    page.goto(live_server_url + "/search/")
    page.get_by_label("Words to find").fill("Utsira lighthouse")
    click_through(page, page.get_by_role("button", name="Search"))
    result = page.locator(".search-results .card__headline a").first
    assert result.inner_text() == HEADLINE
    screenshot(page, "search", "results")
    click_through(page, result)
    assert page.locator("h1").inner_text() == HEADLINE
