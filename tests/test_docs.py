"""The README documents every environment variable the settings read and every CLI verb."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _environment_names():
    names = set()
    for module in (ROOT / "dateline" / "settings").glob("*.py"):
        names |= set(
            re.findall(
                r'"((?:DATELINE|DATABASE|REDIS|SECRET|ALLOWED)_[A-Z_]+)"', module.read_text()
            )
        )
    return names


def test_every_environment_variable_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    missing = sorted(n for n in _environment_names() if f"`{n}`" not in readme)
    assert not missing, f"undocumented environment variables: {missing}"
    assert len(_environment_names()) >= 10


def test_every_cli_verb_is_in_the_readme():
    from dateline.cli import VERBS

    readme = (ROOT / "README.md").read_text()
    for verb in VERBS:
        assert f"dateline {verb}" in readme


def test_architecture_doc_names_every_app():
    text = (ROOT / "docs" / "architecture.md").read_text()
    for app in (ROOT / "dateline").iterdir():
        if (app / "apps.py").exists() or app.name in {"importers"}:
            assert f"{app.name}/" in text, app.name
