"""axe-core finds no serious or critical WCAG 2.2 AA violation on the public page types."""

from pathlib import Path

import pytest

from .conftest import REPO_ROOT
from .journeys import click_through, write_comment
from .pages import public_pages, threaded_articles

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> list[dict]:
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: run `npm ci` (scripts/test does when npm exists)"
        import os

        if os.environ.get("DATELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Evaluated through DevTools, so the page's strict CSP (no inline script) stays on.
    page.evaluate(Path(AXE).read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


@pytest.mark.parametrize(
    "kind",
    [
        "front",
        "section",
        "topic",
        "article",
        "old-article",
        "discussed-article",
        "search",
        "not-found",
        "author",
        "archive",
    ],
)
def test_public_page_has_no_serious_accessibility_violation(page, live_server_url, kind):
    url = live_server_url + public_pages(live_server_url)[kind]
    page.goto(url)
    violations = run_axe(page)
    assert not violations, _describe(violations)


def test_comment_form_in_its_error_state_has_no_serious_accessibility_violation(
    page, live_server_url
):
    page.goto(live_server_url + threaded_articles(live_server_url)[0])
    write_comment(page, text="A fair point.", name="Ada Reader", email="ada@gmail")
    click_through(page, page.get_by_role("button", name="Post Comment"))
    assert page.locator("#email-error").is_visible()
    violations = run_axe(page)
    assert not violations, _describe(violations)
