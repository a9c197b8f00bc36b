"""Editors and reviewers see a draft before readers do, in the admin's own preview panel.

The preview panel shows the page in a frame of the admin; public pages refuse to be framed
(frame-ancestors 'none'), previews must not, or the reviewer approves a story blind.
"""

from __future__ import annotations

from .conftest import screenshot
from .journeys import admin_login, click_through
from .test_editor_journey import _open_section

STORY = "Northbridge Observatory picks up a repeating radio burst"
DRAFT_HEADLINE = "Northbridge signal repeats again, astronomers confirm (draft)"


def _preview_frame_text(tab) -> str:
    """Open the side panel's preview and return the text the framed page shows."""
    tab.get_by_role("button", name="Toggle preview").click()
    frame = tab.frame_locator("iframe#w-preview-iframe")
    frame.locator("h1").wait_for()
    return frame.locator("h1").inner_text()


def test_editor_previews_a_changed_headline_in_the_panel(page, live_server_url):
    base = live_server_url
    admin_login(page, base, "journey-editor")
    _open_section(page, base)
    click_through(page, page.get_by_role("link", name=STORY, exact=True))
    headline = page.get_by_role("textbox", name="Headline")
    headline.fill(DRAFT_HEADLINE)
    headline.blur()
    assert _preview_frame_text(page) == DRAFT_HEADLINE
    screenshot(page, "preview", "editor-panel")
    # Nothing was saved: readers still see the published headline.
    page.goto(base + "/science/")
    assert page.get_by_role("link", name=STORY).count() >= 1
    assert page.get_by_role("link", name=DRAFT_HEADLINE).count() == 0


REVIEW_STORY = "Drought-tolerant sorghum lifts harvests in Kenyan field trial"
REVIEW_HEADLINE = "Sorghum trial: harvests up in a dry season (in review)"


def test_reviewer_previews_a_story_submitted_for_review(browser, live_server_url):
    from .test_editor_journey import _footer_action

    base = live_server_url
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    admin_login(editor, base, "journey-editor")
    _open_section(editor, base)
    click_through(editor, editor.get_by_role("link", name=REVIEW_STORY, exact=True))
    editor.get_by_role("textbox", name="Headline").fill(REVIEW_HEADLINE)
    _footer_action(editor, "Submit to Moderators approval")
    assert "submitted for moderation" in editor.locator(".messages").inner_text()
    editor_context.close()

    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer = reviewer_context.new_page()
    admin_login(reviewer, base, "journey-publisher")
    awaiting = reviewer.locator("#awaiting-review-section tr", has_text=REVIEW_HEADLINE)
    click_through(reviewer, awaiting.get_by_role("link", name=REVIEW_HEADLINE).first)
    assert _preview_frame_text(reviewer) == REVIEW_HEADLINE
    screenshot(reviewer, "preview", "reviewer-panel")
    reviewer_context.close()
