"""A reader follows an old WordPress address to an imported post and reads its threaded comments.

The session's server holds the Theme Unit Test export, imported by the conftest with
`dateline import wordpress` when the shared corpora are present.
"""

import pytest

from tests.corpora import corpus_path

from .conftest import screenshot


def test_old_wordpress_link_leads_to_the_imported_post_and_its_comment_threads(
    page, live_server_url
):
    corpus_path("wxr", "themeunittestdata.wordpress.xml")  # skips (or fails in CI) without it
    response = page.goto(live_server_url + "/?p=1148")
    assert response.ok
    assert page.url != live_server_url + "/?p=1148", "the old ?p= address did not redirect"
    assert page.locator("h1#headline").inner_text() == "Template: Comments"
    discussion = page.locator("#comments")
    assert discussion.locator("li.comment").count() >= 10
    nested = discussion.locator("ol.children li.comment")
    assert nested.count() >= 5, "the imported replies are not threaded under their parents"
    screenshot(page, "import", "template-comments")


@pytest.mark.parametrize("old_path", ["/2012/01/03/template-comments/"])
def test_old_permalink_redirects_permanently(page, live_server_url, old_path):
    corpus_path("wxr", "themeunittestdata.wordpress.xml")
    response = page.request.get(live_server_url + old_path, max_redirects=0)
    assert response.status == 301
    assert "template-comments" in response.headers["location"]
