"""Browser journeys: Playwright driving Debian's Chromium against a real `dateline serve`.

The server is the production server (granian) on a free loopback port, over a fresh SQLite
database in a temporary data folder, seeded with the demo newsroom. Without Chromium these
tests skip and say so; under DATELINE_REQUIRE_BROWSER=1 (CI) they fail instead.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.corpora import HOW_TO_GET

CHROMIUM = Path("/usr/bin/chromium")
DATELINE = str(Path(sys.executable).with_name("dateline"))
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WXR_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "wxr" / "themeunittestdata.wordpress.xml"
EDITOR_PASSWORD = "journey-editor-pass-1"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# What a browser test's skip reason says -> what the banner names as the cause, and the fix.
SKIP_CAUSES = [
    ("shared corpus", "A SHARED CORPUS IS MISSING (NOT THE BROWSER)", HOW_TO_GET),
    ("Chromium not found", "CHROMIUM IS MISSING", "apt-get install chromium"),
    ("playwright", "PLAYWRIGHT IS MISSING", "scripts/test installs it with the test extras"),
    ("axe-core", "AXE-CORE IS MISSING", "npm ci (scripts/test runs it when npm is present)"),
    ("vnu.jar", "THE HTML CHECKER IS MISSING", "npm ci (scripts/test runs it when npm is present)"),
    ("Lighthouse", "LIGHTHOUSE IS MISSING", "npm ci (scripts/test runs it when npm is present)"),
]
FAILS_INSTEAD = {
    "A SHARED CORPUS IS MISSING (NOT THE BROWSER)": "DATELINE_REQUIRE_CORPORA=1",
}


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def _cause(reason: str) -> tuple[str, str]:
    for words, cause, fix in SKIP_CAUSES:
        if words.lower() in reason.lower():
            return cause, fix
    return "", ""


def pytest_terminal_summary(terminalreporter):
    """Say it loudly at the end of the run when browser tests did not run, and why: a missing
    corpus once read as if Chromium were missing."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "tests/browser/" in r.nodeid]
    by_cause: dict[tuple[str, str], list[str]] = {}
    for report in skipped:
        reason = _skip_reason(report)
        by_cause.setdefault(_cause(reason), []).append(reason)
    for (cause, fix), reasons in by_cause.items():
        count = f"{len(reasons)} BROWSER TEST{'S' if len(reasons) > 1 else ''} SKIPPED"
        terminalreporter.write_sep("=", f"{count}: {cause}" if cause else count, yellow=True)
        for reason in dict.fromkeys(reasons):
            terminalreporter.write_line(reason)
        if fix:
            terminalreporter.write_line(f"To run them: {fix}")
        switch = FAILS_INSTEAD.get(cause, "DATELINE_REQUIRE_BROWSER=1")
        terminalreporter.write_line(f"{switch} makes this a failure (as in CI).")


def _require_browser():
    reason = None
    if not CHROMIUM.exists():
        reason = (
            f"browser tests skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "browser tests skipped: playwright is not installed (scripts/test installs it)"
    if reason:
        if os.environ.get("DATELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(data_dir: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL", "SECRET_KEY"}
    }
    env.update(DATELINE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dateline.settings.dev")
    return env


def _manage(env, *args, stdin: str | None = None) -> str:
    result = subprocess.run(
        [DATELINE, *args], env=env, capture_output=True, text=True, input=stdin, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# Journey accounts. Wagtail's "Editors" write pages and "Moderators" may publish them (page
# workflow); reader comments are moderated by the discussion app's own "Comment moderators".
# The chief is in both page groups, as the demo's 'editor': writes, publishes and curates.
# The discussion's flood limits are lifted (a site setting the newsroom may change too): every
# browser request comes from 127.0.0.1, and the journeys post several comments in a minute.
# First comments are kept waiting (the setting a newsroom may keep on) so that the journeys can
# follow a comment through the moderation queue; by default the spam filter would publish them.
USERS_SCRIPT = f"""
from django.contrib.auth.models import Group, User
from wagtail.models import Site
from dateline.discussion.models import DiscussionSettings
for name, groups in [("journey-editor", ["Editors"]), ("journey-publisher", ["Moderators"]),
                     ("journey-moderator", ["Comment moderators"]),
                     ("journey-chief", ["Editors", "Moderators"])]:
    user = User.objects.create_user(name, password={EDITOR_PASSWORD!r}, is_staff=True,
                                    first_name=name.split("-")[1].title(), last_name="Journey")
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
rules = DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
rules.flood_interval_seconds = rules.max_per_minute = rules.max_per_hour = 0
rules.hold_first_time = True
rules.save()
"""


# The live server's environment, for journeys that run a command beside it (`dateline ingest`).
LIVE_SERVER_ENV: dict = {}
# The logins `seed_demo` printed (username -> password), as a newcomer would copy them.
DEMO_LOGINS: dict[str, str] = {}
PRINTED_LOGIN = re.compile(r"\w+ login \(.*?\) for \S+: (\S+) / (\S+) \(shown once")


def demo_password(username: str) -> str:
    """The password the demo printed for one of its accounts ('editor', 'reviewer', ...)."""
    assert username in DEMO_LOGINS, f"the demo printed no login for {username}: {DEMO_LOGINS}"
    return DEMO_LOGINS[username]


def manage_live(*args, stdin: str | None = None) -> str:
    """Run a `dateline` command against the live server's data folder."""
    return _manage(LIVE_SERVER_ENV, *args, stdin=stdin)


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory):
    _require_browser()
    data_dir = tmp_path_factory.mktemp("dateline-data")
    env = _server_env(data_dir)
    LIVE_SERVER_ENV.clear()
    LIVE_SERVER_ENV.update(env)
    _manage(env, "migrate", "--no-input", "-v", "0")
    DEMO_LOGINS.clear()
    DEMO_LOGINS.update(PRINTED_LOGIN.findall(_manage(env, "seed_demo")))
    _manage(env, "shell", "-c", USERS_SCRIPT)
    # A newsroom that moved from WordPress: the Theme Unit Test export, when the shared corpora
    # are present (its categories become topics, so the section menu stays the demo's own).
    if WXR_CORPUS.exists():
        _manage(
            env,
            "import",
            "wordpress",
            str(WXR_CORPUS),
            "--categories-as",
            "topics",
            "--section",
            "Archive",
        )
    port = _free_port()
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [DATELINE, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    # A first start collects the static files (fingerprinted and compressed) before it listens.
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310 - loopback
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(
                    "dateline serve did not start: " + (data_dir / "server.log").read_text()[-2000:]
                )
            time.sleep(0.3)
    yield url
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(tab, journey: str, name: str) -> None:
    """Save the page at desktop and phone widths, and check nothing scrolls sideways at 360px."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9-]+", "-", f"{journey}-{name}".lower())
    original = tab.viewport_size
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.screenshot(path=str(SCREENSHOTS / f"{slug}-desktop.png"), full_page=True)
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.screenshot(path=str(SCREENSHOTS / f"{slug}-phone.png"), full_page=True)
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if original:
        tab.set_viewport_size(original)
    assert overflow <= 0, f"{slug}: the page scrolls sideways by {overflow}px at 360px wide"
