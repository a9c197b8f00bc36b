"""The banner that ends a run whose browser tests skipped names the real cause and the fix.

A clone without ../shared/corpora ended with "2 BROWSER TESTS SKIPPED", which read as if
Chromium were missing although it was installed.
"""

from types import SimpleNamespace

from tests.browser.conftest import pytest_terminal_summary
from tests.corpora import CORPORA


class Terminal:
    def __init__(self, skipped):
        self.stats = {"skipped": skipped}
        self.lines: list[str] = []

    def write_sep(self, sep, title, **markup):
        self.lines.append(f"{sep * 3} {title} {sep * 3}")

    def write_line(self, line, **markup):
        self.lines.append(line)


def _skipped(nodeid, reason):
    return SimpleNamespace(nodeid=nodeid, longrepr=("file.py", 1, f"Skipped: {reason}"))


def _summary(*skipped) -> str:
    terminal = Terminal(list(skipped))
    pytest_terminal_summary(terminal)
    return "\n".join(terminal.lines)


def test_a_missing_corpus_is_named_as_the_cause_with_where_to_get_it():
    reason = f"shared corpus not found at {CORPORA}/wxr/themeunittestdata.wordpress.xml (...)"
    text = _summary(
        _skipped("tests/browser/test_wordpress_import_journey.py::test_a", reason),
        _skipped("tests/browser/test_wordpress_import_journey.py::test_b", reason),
    )
    assert "=== 2 BROWSER TESTS SKIPPED: A SHARED CORPUS IS MISSING (NOT THE BROWSER) ===" in text
    assert text.count(reason) == 1
    assert "WPTRT/theme-unit-test" in text and str(CORPORA) in text
    assert "DATELINE_REQUIRE_CORPORA=1 makes this a failure" in text
    assert "Chromium" not in text.replace("NOT THE BROWSER", "")


def test_a_missing_browser_and_a_missing_corpus_get_a_banner_each():
    text = _summary(
        _skipped(
            "tests/browser/test_reader_journey.py::test_a",
            "browser tests skipped: "
            "Chromium not found at /usr/bin/chromium (apt-get install chromium)",
        ),
        _skipped(
            "tests/browser/test_wordpress_import_journey.py::test_b",
            "shared corpus not found at /nowhere",
        ),
    )
    assert "1 BROWSER TEST SKIPPED: CHROMIUM IS MISSING" in text
    assert "1 BROWSER TEST SKIPPED: A SHARED CORPUS IS MISSING" in text
    assert "DATELINE_REQUIRE_BROWSER=1 makes this a failure" in text


def test_no_banner_when_only_other_tests_skipped():
    assert _summary(_skipped("tests/news/test_x.py::test_y", "shared corpus not found")) == ""
