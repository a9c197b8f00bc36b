"""`seed_demo --dry-run` and the scale data set (`--articles N`)."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Page

from dateline.news.models import ArticlePage, SectionPage
from dateline.news.queries import public_articles


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_says_what_it_would_create_and_writes_nothing(db):
    out = seed("--dry-run")
    assert "Would create" in out and "41 articles" in out and "nothing written" in out
    assert "100000 articles" in seed("--articles", "100000", "--dry-run")
    assert not ArticlePage.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    "args", [["--articles", "0"], ["--append"], ["--articles", "5", "--batch-size", "0"]]
)
def test_nonsense_options_are_refused_with_a_clear_error(db, args):
    with pytest.raises(CommandError):
        seed(*args)
    assert not ArticlePage.objects.exists()


@pytest.fixture
def scaled(db):
    return seed("--articles", "300", "--batch-size", "120")


def test_scale_mode_creates_valid_live_wagtail_articles(scaled):
    articles = ArticlePage.objects.all()
    assert articles.count() == public_articles().count() == 300
    assert Page.find_problems() == ([], [], [], [], [])  # paths, depth and numchild agree
    article_type = ContentType.objects.get_for_model(ArticlePage)
    sections = {s.pk: s for s in SectionPage.objects.all()}
    assert sum(s.numchild for s in sections.values()) == 300
    for article in articles:
        section = article.get_parent()
        assert section.pk in sections and article.depth == section.depth + 1
        assert article.url_path == f"{section.url_path}{article.slug}/"
        assert article.content_type_id == article_type.pk and article.live
        assert article.first_published_at < timezone.now()
        assert article.bylines.exists() and article.topics.exists()
        assert sum(block.block_type == "paragraph" for block in article.body) >= 3
    oldest = articles.order_by("first_published_at").first().first_published_at
    assert oldest < timezone.now() - timedelta(days=2 * 365)
    assert re.search(
        r"Created 5 sections, 20 topics, 6 authors, 300 articles, \d+ images, 0 comments in "
        r"[\d.]+s \([\d,]+ articles/s\)",
        scaled,
    )
    assert "editor / " in scaled


def test_scale_articles_render_are_listed_by_their_sections_and_found_by_search(
    scaled, client, django_assert_max_num_queries
):
    article = public_articles().order_by("-first_published_at").first()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    section = article.get_parent()
    client.get(section.url)  # the first view makes the image renditions
    with django_assert_max_num_queries(25):
        listing = client.get(section.url)
    assert listing.status_code == 200 and article.title in listing.content.decode()
    assert ArticlePage.objects.live().search(article.title.split()[0]).count() >= 1


def test_an_editor_can_open_a_scale_article_in_the_admin(scaled, client):
    editor = get_user_model().objects.get(username="editor")
    client.force_login(editor)
    article = ArticlePage.objects.first()
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_scale_mode_leaves_a_newsroom_with_articles_alone_unless_asked_to_append(scaled):
    assert "already has 300 articles" in seed("--articles", "50")
    assert ArticlePage.objects.count() == 300
    out = seed("--articles", "50", "--append")
    assert "Created 0 sections, 0 topics, 0 authors, 50 articles" in out
    assert "already exists; its password is unchanged" in out
    assert ArticlePage.objects.count() == 350
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_demo_build_that_fails_halfway_leaves_nothing_behind(db, monkeypatch):
    from dateline.demo import builder

    real, calls = builder.create_story, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 10:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(builder, "create_story", failing)
    sections_before = SectionPage.objects.count()
    with pytest.raises(RuntimeError, match="disk full"):
        seed()
    assert not ArticlePage.objects.exists()
    assert SectionPage.objects.count() == sections_before
    assert not get_user_model().objects.exists()
