"""Shared fixtures: a newsroom built through the same services that the product uses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

# What gives a test the database of the run (DATABASE_URL): pytest-django's marker or fixtures.
_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


# The phases of scripts/test. Tests that share the machine run first, in several worker processes;
# tests that need it to themselves then run one at a time: browser tests (Lighthouse scores
# speed) and drills whose servers must answer within deadlines.
PHASES = ("all", "shared", "exclusive")


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the run's database (CI's second pass, on PostgreSQL: "
        "the others, servers started on databases of their own included, ran in the first)",
    )
    parser.addoption(
        "--phase",
        choices=PHASES,
        default="all",
        help="shared: only the tests that may run beside others (scripts/test runs these in "
        "worker processes); exclusive: only the browser tests and the drills that need the "
        "machine to themselves; all (the default): both",
    )


def needs_the_machine(item) -> bool:
    return bool(item.get_closest_marker("exclusive") or item.get_closest_marker("browser"))


def uses_the_runs_database(item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or _DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    keep = []
    if config.getoption("--database-tests-only"):
        keep.append(uses_the_runs_database)
    phase = config.getoption("--phase")
    if phase == "shared":
        keep.append(lambda item: not needs_the_machine(item))
    elif phase == "exclusive":
        keep.append(needs_the_machine)
    if not keep:
        return
    kept, dropped = [], []
    for item in items:
        (kept if all(rule(item) for rule in keep) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_kept_site_copies():
    """Each test's database is rolled back without a purge: forget copies kept from the last."""
    from dateline.core import sitewide

    sitewide._kept.clear()


@pytest.fixture
def newsroom(db):
    """A small newsroom: one section, two topics, two authors, no stories yet."""
    from dateline.news import services

    class Newsroom:
        home = services.ensure_site_tree()
        section = services.create_section("World", description="News from everywhere")
        topic = services.create_topic("Mali", kind="place")
        other_topic = services.create_topic("Barkhane", kind="operation")
        author = services.create_author("Amina Diallo", job_title="West Africa correspondent")
        photographer = services.create_author("Luc Martin", job_title="Photographer")

        def article(self, days_old=0, **overrides):
            fields = {
                "title": f"Story {timezone.now().timestamp()}",
                "standfirst": "What happened, in brief.",
                "bylines": [(self.author, "reporting")],
                "body": [("paragraph", "<p>The body of the story.</p>")],
                "topics": [self.topic],
                "dateline_place": "Bamako",
                "published_at": timezone.now() - timedelta(days=days_old),
            }
            fields.update(overrides)
            section = fields.pop("section", self.section)
            return services.create_article(section, **fields)

    return Newsroom()
