"""The wire desk's Merge: an editor picks the story with Wagtail's page chooser (a search in
its modal), not by typing a page id, and the agency's copy joins that story."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import manage_live, screenshot
from .journeys import click_through, wire_desk_tab

HEADLINE = "Second ferry added on the Mopti crossing"
STORY = """
from dateline.news.models import ArticlePage
story = ArticlePage.objects.live().order_by("-first_published_at").first()
print(story.pk, story.title, sep="|")
"""


@pytest.fixture
def editor(browser, live_server_url):
    with wire_desk_tab(browser, live_server_url) as tab:
        yield tab


def test_an_editor_merges_wire_copy_into_a_story_chosen_in_the_page_chooser(
    editor, live_server_url, tmp_path
):
    base, tab = live_server_url, editor
    story_id, story_title = manage_live("shell", "-c", STORY).strip().splitlines()[-1].split("|")
    copy = tmp_path / "ferry.json"
    copy.write_text(
        json.dumps(
            {
                "uri": "urn:sahel-press:2026:second-ferry",
                "headline": HEADLINE,
                "body_text": "A second boat now makes the crossing twice a day.",
                "copyrightholder": "Sahel Press",
            }
        )
    )
    assert "1 new" in manage_live("ingest", str(copy))

    tab.goto(base + "/admin/wire/")
    click_through(tab, tab.get_by_role("link", name=HEADLINE))
    tab.get_by_role("button", name="Choose a page (Article)").click()
    modal = tab.locator(".modal-content")
    search = modal.locator("input[name=q]")
    search.fill(" ".join(story_title.split()[:3]))
    result = modal.get_by_role("link", name=story_title, exact=True)
    result.wait_for()
    screenshot(tab, "wire", "merge-chooser")
    result.click()
    modal.wait_for(state="hidden")
    assert story_title in tab.locator(".chooser__title").inner_text()
    click_through(tab, tab.get_by_role("button", name="Merge"))

    assert re.search(rf"/admin/pages/{story_id}/edit/$", tab.url)
    assert "Merged into" in tab.locator(".messages").inner_text()
    assert "twice a day" in manage_live(
        "shell",
        "-c",
        f"from dateline.news.models import ArticlePage; "
        f"print(ArticlePage.objects.get(pk={story_id}).get_latest_revision_as_object().body)",
    )
