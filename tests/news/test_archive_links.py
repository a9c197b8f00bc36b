"""The date archives are reachable: from an article's publication date, a section's foot and
the site's footer, and from one archive page to the next (up, across, and a year's months).

Found: archives existed (/2024/, /2024/11/, /2024/11/21/) but nothing linked to them.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def _at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def spread(newsroom):
    """Stories in March and August 2022 and in May 2024; none in 2023."""
    return {
        "march": newsroom.article(title="Spring story", published_at=_at(2022, 3, 4)),
        "august": newsroom.article(title="Summer story", published_at=_at(2022, 8, 15)),
        "may": newsroom.article(title="Later story", published_at=_at(2024, 5, 20)),
    }


def test_an_articles_publication_date_links_to_that_days_archive(client, spread):
    soup = _soup(client, spread["august"].url)
    link = soup.select_one(".story__dates a.story__archive")
    assert link["href"] == "/2022/08/15/"
    assert link.select_one("time.published") is not None
    day = _soup(client, link["href"])
    assert "Summer story" in day.select_one(".card-list").get_text()


def test_a_day_links_up_to_its_month_and_year(client, spread):
    up = _soup(client, "/2022/08/15/").select(".archive-nav a")
    assert [(a["href"], a.get_text()) for a in up[:2]] == [
        ("/2022/", "2022"),
        ("/2022/08/", "August 2022"),
    ]


def test_a_year_lists_its_months_with_stories(client, spread):
    months = _soup(client, "/2022/").select(".archive-nav__months a")
    assert [(a["href"], a.get_text()) for a in months] == [
        ("/2022/03/", "March"),
        ("/2022/08/", "August"),
    ]


def test_earlier_and_later_skip_to_the_nearest_period_with_stories(client, spread):
    soup = _soup(client, "/2022/08/")
    assert soup.select_one(".archive-nav__earlier")["href"] == "/2022/03/"
    assert soup.select_one(".archive-nav__later")["href"] == "/2024/05/"
    year = _soup(client, "/2022/")
    assert year.select_one(".archive-nav__earlier") is None  # nothing before 2022
    assert year.select_one(".archive-nav__later")["href"] == "/2024/"
    assert _soup(client, "/2024/").select_one(".archive-nav__earlier")["href"] == "/2022/"


def test_a_section_links_to_the_archive_of_its_oldest_story_shown(client, newsroom, spread):
    links = _soup(client, newsroom.section.url).select(".archive-link a")
    assert [(a["href"], a.get_text()) for a in links] == [
        ("/2022/03/", "March 2022"),
        ("/2022/", "2022"),
    ]


def test_every_page_footer_links_to_this_years_archive(client, newsroom, spread):
    this_year = timezone.localdate().year
    link = _soup(client, "/").select_one(f".site-footer a[href$='/{this_year}/']")
    assert link.get_text() == "Archive"
    assert client.get(link["href"]).status_code == 200


def test_every_archive_link_on_the_site_answers(client, newsroom, spread):
    seen, queue = set(), ["/", newsroom.section.url, spread["august"].url]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        soup = _soup(client, url)
        for a in soup.select(".archive-nav a, .archive-link a, a.story__archive"):
            queue.append(a["href"])
    assert {"/2022/", "/2022/03/", "/2022/08/", "/2022/08/15/", "/2024/", "/2024/05/"} <= seen


def test_an_archive_page_takes_a_fixed_number_of_queries(client, newsroom):
    newsroom.article(title="One", published_at=_at(2021, 1, 10))
    client.get("/2021/")
    with CaptureQueriesContext(connection) as few:
        client.get("/2021/")
    for month in range(2, 13):
        newsroom.article(title=f"Story {month}", published_at=_at(2021, month, 10))
    newsroom.article(title="Before", published_at=_at(2015, 6, 1))
    newsroom.article(title="After", published_at=_at(2025, 6, 1))
    client.get("/2021/")
    with CaptureQueriesContext(connection) as many:
        soup = _soup(client, "/2021/")
    assert len(soup.select(".archive-nav__months a")) == 12
    assert len(many.captured_queries) <= len(few.captured_queries)
