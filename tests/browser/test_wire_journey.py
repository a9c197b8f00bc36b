"""The wire desk: agency copy arrives, an editor takes, edits and publishes it with its
attribution, the agency's correction shows in the log, and a kill leaves 410 everywhere."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from .conftest import manage_live, screenshot
from .journeys import click_through, wire_desk_tab
from .pages import fetch

HEADLINE = "Ferry service to Djenné resumes after the river rises"
# ninjs has no link property: an http(s) uri is the original's address.
URI = "https://sahelpress.example/ferry-djenne"
CORRECTION = "Corrects the number of ferries to three, not two."


def agency_sends(folder, version: int, **extra) -> str:
    doc = {
        "uri": URI,
        "version": str(version),
        "headline": HEADLINE,
        "description_text": "Boats cross again after two dry months.",
        "body_text": "Ferries left Mopti for Djenné on Monday.\n\nTraders welcomed the news.",
        "located": "Mopti",
        "urgency": 3,
        "copyrightholder": "Sahel Press",
        **extra,
    }
    path = folder / f"ferry-v{version}.json"
    path.write_text(json.dumps(doc))
    return manage_live("ingest", str(path))


@pytest.fixture(scope="module")
def publisher(browser, live_server_url):
    with wire_desk_tab(browser, live_server_url) as tab:
        yield tab


def _publish(tab) -> None:
    footer = tab.locator("footer.footer").last
    footer.locator("[data-w-dropdown-target=toggle]").click()
    click_through(tab, footer.get_by_role("button", name="Publish"))


def test_wire_copy_is_taken_published_with_attribution_corrected_and_killed(
    publisher, live_server_url, tmp_path
):
    base, tab = live_server_url, publisher
    assert "1 new" in agency_sends(tmp_path, 1)

    tab.goto(base + "/admin/wire/")
    screenshot(tab, "wire", "queue")
    click_through(tab, tab.get_by_role("link", name=HEADLINE))
    assert "Sahel Press" in tab.locator(".wire-item").inner_text()
    click_through(tab, tab.get_by_role("button", name="Take"))
    page_id = int(re.search(r"/admin/pages/(\d+)/edit/", tab.url)[1])
    tab.get_by_role("textbox", name="Standfirst").fill("Boats cross to Djenné again.")
    _publish(tab)
    assert "published" in tab.locator(".messages").inner_text()

    status, api = fetch(f"{base}/api/v2/articles/{page_id}/")
    assert status == 200
    # The API names the public address (DATELINE_BASE_URL); the journey's server is elsewhere.
    url = base + urlsplit(json.loads(api)["meta"]["html_url"]).path
    tab.goto(url)
    assert tab.locator("h1").inner_text() == HEADLINE
    assert "Sahel Press" in tab.locator(".byline").inner_text()
    original = tab.locator(".syndication a")
    assert original.get_attribute("href") == "https://sahelpress.example/ferry-djenne"
    assert "Boats cross to Djenné again." in tab.content()
    screenshot(tab, "wire", "published")

    assert "1 updated" in agency_sends(tmp_path, 2, ednote=CORRECTION)
    tab.goto(url)
    assert CORRECTION in tab.locator("#corrections").inner_text()

    tab.goto(f"{base}/admin/news/kill/{page_id}/")
    tab.get_by_label("Reason").fill("Complaint from the ferry company; legal advice")
    click_through(tab, tab.get_by_role("button", name="Kill this story"))
    assert "410" in tab.locator(".messages").inner_text()

    gone_status, gone = fetch(url)
    assert gone_status == 410 and "removed" in gone
    assert fetch(f"{base}/api/v2/articles/{page_id}/")[0] == 410
    for surface in ["/", "/feed/", "/feed/atom/", "/news-sitemap.xml", "/search/?q=Djenn%C3%A9"]:
        status, text = fetch(base + surface)
        assert status == 200 and HEADLINE not in text, surface
    tab.goto(url)
    screenshot(tab, "wire", "killed")
