"""The demo's editorial content, checked as data: no database needed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import BytesIO

from PIL import Image

from dateline.demo import content
from dateline.demo.builder import story_slug
from dateline.demo.images import draw_picture, draw_portrait
from dateline.news.models import ArticleByline, ArticleCorrection, TopicPage

ROLES = dict(ArticleByline.ROLE_CHOICES)
AUTHOR_KEYS = {a.key for a in content.AUTHORS}
TOPIC_TITLES = {t.title for t in content.TOPICS}
SECTION_KEYS = {s.key for s in content.SECTIONS}


def _blocks(story, kind):
    return [value for block_kind, value in story.body if block_kind == kind]


def test_every_story_reads_like_wire_copy():
    for story in content.STORIES:
        assert story.headline and story.standfirst and story.place, story.headline
        assert 3 <= len(_blocks(story, "paragraph")) <= 8, story.headline
        assert story.section in SECTION_KEYS, story.headline
        assert story.bylines and story.bylines[0][1] == "reporting", story.headline
        assert all(key in AUTHOR_KEYS and role in ROLES for key, role in story.bylines)
        assert story.topics and set(story.topics) <= TOPIC_TITLES, story.headline
        assert story.lead.caption and story.lead.credit, story.headline


def test_quotes_figures_and_pictures_say_whose_they_are():
    quotes = [q for s in content.STORIES for q in _blocks(s, "quote")]
    figures = [f for s in content.STORIES for f in _blocks(s, "figure")]
    pictures = [p for s in content.STORIES for p in _blocks(s, "image")]
    assert len(quotes) >= 30 and all(q["speaker"] and q["role"] for q in quotes)
    assert len(figures) >= 25 and all(f["value"] and f["label"] and f["source"] for f in figures)
    assert pictures and all(p.caption and p.credit for p in pictures)
    assert sum(bool(_blocks(s, "factbox")) for s in content.STORIES) >= 5


def test_the_desk_has_five_sections_six_authors_and_twenty_topics_of_every_kind():
    assert len(content.SECTIONS) >= 5
    assert len(content.AUTHORS) == 6
    assert all(a.job_title and a.bio for a in content.AUTHORS)
    assert len(content.TOPICS) == 20
    kinds = Counter(t.kind for t in content.TOPICS)
    assert {"place", "organisation", "operation", "person"} <= set(kinds)
    assert set(kinds) <= {k for k, _ in TopicPage.KIND_CHOICES}
    used = {t for s in content.STORIES for t in s.topics}
    assert used == TOPIC_TITLES, "every topic has at least one story"


def test_story_slugs_are_unique_and_never_cut_mid_word():
    slugs = [story_slug(s.headline) for s in content.STORIES]
    assert len(set(slugs)) == len(slugs)
    assert max(len(slug) for slug in slugs) <= 80
    assert story_slug(content.MALI_WITHDRAWAL.headline).endswith("-move-to-niger")
    assert story_slug("gazette " * 30) == "-".join(["gazette"] * 10)


def test_corrections_and_syndication_are_written_in():
    notes = [n for s in content.STORIES for n in s.notes]
    assert len(notes) >= 3
    assert {n.kind for n in notes} <= {k for k, _ in ArticleCorrection.KIND_CHOICES}
    syndicated = [s for s in content.STORIES if s.source]
    assert len(syndicated) == 1
    name, url = syndicated[0].source
    assert name and url.startswith("https://partner-wire.example/")


def test_the_mali_story_is_pinned_to_15_august_2022():
    mali = content.MALI_WITHDRAWAL
    assert mali.published.date() == date(2022, 8, 15)
    assert mali.place in {"Gao", "Niamey"}
    assert set(mali.topics) == {"Mali", "Niger", "France", "Operation Barkhane", "Operation Serval"}
    text = " ".join(v for k, v in mali.body if k == "paragraph")
    assert "Serval" in text and "2013" in text and "2014" in text
    assert all(s.published is None for s in content.STORIES if s is not mali)


def test_pictures_are_drawn_locally_at_a_fixed_size_and_the_same_seed_draws_the_same():
    first = draw_picture("Gao · Illustration", "seed")
    assert first == draw_picture("Gao · Illustration", "seed")
    assert first != draw_picture("Gao · Illustration", "other seed")
    image = Image.open(BytesIO(first))
    assert (image.format, image.size) == ("JPEG", (1200, 675))
    assert len(first) < 120_000
    portrait = Image.open(BytesIO(draw_portrait("Sophie Marchand")))
    assert portrait.size[0] == portrait.size[1]
