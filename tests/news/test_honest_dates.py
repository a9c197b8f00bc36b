"""Age banners, 'Updated' dates, corrections and canonical links appear exactly when they should."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.news import services

pytestmark = pytest.mark.django_db


def _soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_fresh_article_has_no_age_banner(client, newsroom):
    soup = _soup(client, newsroom.article(days_old=30))
    assert soup.select_one(".age-banner") is None


def test_article_older_than_a_year_says_how_old_it_is(client, newsroom):
    soup = _soup(client, newsroom.article(days_old=365 * 4 + 10))
    banner = soup.select_one(".age-banner")
    assert "This article is more than 4 years old" in banner.get_text()
    assert banner.find("time")["datetime"]


def test_article_just_over_one_year_says_one_year(client, newsroom):
    soup = _soup(client, newsroom.article(days_old=370))
    assert "more than 1 year old" in soup.select_one(".age-banner").get_text()


def test_age_threshold_is_a_site_setting(client, newsroom):
    from dateline.core.models import NewsroomSettings

    row = NewsroomSettings.for_site(newsroom.home.get_site())
    row.age_banner_days = 90
    row.save()
    soup = _soup(client, newsroom.article(days_old=100))
    assert "This article is more than 3 months old" in soup.select_one(".age-banner").get_text()


def test_published_date_is_a_time_element_with_the_first_publication(client, newsroom):
    article = newsroom.article(days_old=10)
    stamp = _soup(client, article).select_one(".story__dates time.published")
    assert stamp["datetime"].startswith(
        timezone.localtime(article.first_published_at).date().isoformat()
    )


def test_silent_republish_moves_neither_date(client, newsroom):
    article = newsroom.article(days_old=10)
    first = article.first_published_at
    article = services.republish(article)
    assert article.first_published_at == first
    assert article.updated_at is None
    assert "Updated" not in _soup(client, article).select_one(".story__dates").get_text()


def test_logged_correction_shows_updated_date_and_the_correction(client, newsroom):
    article = newsroom.article(days_old=10)
    first = article.first_published_at
    article = services.add_correction(
        article, kind="correction", text="An earlier version misspelt the minister's name."
    )
    assert article.first_published_at == first
    assert article.updated_at is not None and article.updated_at > first
    soup = _soup(client, article)
    dates = soup.select_one(".story__dates")
    assert "Published" in dates.get_text() and "Updated" in dates.get_text()
    assert dates.select_one("time.updated")["datetime"]
    corrections = soup.select_one("#corrections")
    assert "misspelt the minister" in corrections.get_text()
    assert "Correction" in corrections.get_text()


def test_update_and_clarification_are_listed_with_their_kind(client, newsroom):
    article = newsroom.article(days_old=3)
    article = services.add_correction(article, kind="update", text="Casualty figures revised.")
    article = services.add_correction(article, kind="clarification", text="Quote clarified.")
    text = _soup(client, article).select_one("#corrections").get_text()
    assert "Update" in text and "Clarification" in text


def test_unknown_correction_kind_is_refused(newsroom):
    with pytest.raises(ValueError, match="unknown correction kind"):
        services.add_correction(newsroom.article(), kind="rumour", text="x")


def test_own_article_is_its_own_canonical(client, newsroom):
    article = newsroom.article()
    link = _soup(client, article).find("link", rel="canonical")
    assert link["href"] == article.full_url


def test_syndicated_article_names_its_source_and_points_canonical_to_it(client, newsroom):
    article = newsroom.article(
        source_name="Sahel Wire", canonical_url="https://sahel-wire.example/story/42"
    )
    soup = _soup(client, article)
    assert soup.find("link", rel="canonical")["href"] == "https://sahel-wire.example/story/42"
    assert "Sahel Wire" in soup.select_one(".syndication").get_text()


def test_own_article_has_no_syndication_note(client, newsroom):
    assert _soup(client, newsroom.article()).select_one(".syndication") is None


def test_future_dated_article_is_not_public(client, newsroom):
    article = newsroom.article(published_at=timezone.now() + timedelta(days=1))
    from dateline.news.queries import public_articles

    assert not public_articles().filter(pk=article.pk).exists()


def test_correction_logged_in_the_minute_of_publication_still_shows_updated(client, newsroom):
    article = newsroom.article(days_old=0)
    same_minute = article.first_published_at.replace(second=0, microsecond=0)
    article = services.add_correction(
        article, kind="correction", text="Typo in the name.", noted_at=same_minute
    )
    assert article.updated_at is not None
    assert "Updated" in _soup(client, article).select_one(".story__dates").get_text()
