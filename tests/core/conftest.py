"""Fixtures of the core tests."""

import pytest

from dateline.news import services


@pytest.fixture
def two_sections(newsroom):
    """A story in the newsroom's section and an unrelated one elsewhere: (newsroom, story,
    unrelated, other section, other topic). Purge tests check one refreshes, the other not."""
    other = services.create_section("Science")
    other_topic = services.create_topic("Volcanoes", kind="subject")
    story = newsroom.article(title="Troops leave Gao")
    unrelated = newsroom.article(
        title="Eruption in Iceland",
        section=other,
        topics=[other_topic],
        bylines=[(newsroom.photographer, "reporting")],
    )
    return newsroom, story, unrelated, other, other_topic
