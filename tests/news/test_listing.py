"""Story listings page by "Newer" and "Older" without counting the archive."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.core.models import NewsroomSettings


@pytest.fixture
def two_per_page(newsroom):
    row = NewsroomSettings.for_site(newsroom.home.get_site())
    row.articles_per_page = 2
    row.save()


@pytest.fixture
def five_stories(newsroom, two_per_page):
    return [newsroom.article(days_old=i, title=f"Story number {i}") for i in range(5)]


def headlines(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".card-list h2, .card-list h3")]


def links(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["rel"][0]: a["href"] for a in soup.select(".pagination a[rel]")}


@pytest.mark.parametrize("listing", ["section", "topic", "author"])
def test_each_listing_pages_newest_first_with_newer_and_older_links(
    client, newsroom, five_stories, listing
):
    url = getattr(newsroom, listing).url
    first, second, last = (client.get(f"{url}?page={n}") for n in (1, 2, 3))

    assert headlines(first) == ["Story number 0", "Story number 1"]
    assert links(first) == {"next": "?page=2"}
    assert headlines(second) == ["Story number 2", "Story number 3"]
    assert links(second) == {"prev": "?page=1", "next": "?page=3"}
    assert headlines(last) == ["Story number 4"]
    assert links(last) == {"prev": "?page=2"}
    assert "Page 3" in last.content.decode()
    assert client.get(f"{url}?page=4").status_code == 404


def test_a_listing_that_fits_on_one_page_has_no_page_links(client, newsroom, two_per_page):
    newsroom.article(title="Only story")
    response = client.get(newsroom.section.url)
    assert headlines(response) == ["Only story"]
    assert not BeautifulSoup(response.content, "html.parser").select(".pagination")


def test_an_empty_section_is_a_page_not_a_404(client, newsroom):
    response = client.get(newsroom.section.url)
    assert response.status_code == 200
    assert "No stories in this section yet." in response.content.decode()


def test_a_story_with_two_bylines_by_one_author_is_listed_once(client, newsroom):
    newsroom.article(
        title="Reported and photographed",
        bylines=[(newsroom.author, "reporting"), (newsroom.author, "photographs")],
    )
    assert headlines(client.get(newsroom.author.url)) == ["Reported and photographed"]


@pytest.mark.parametrize("listing", ["section", "topic", "author"])
def test_listings_never_count_the_archive(client, newsroom, five_stories, listing):
    url = getattr(newsroom, listing).url
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    # Comment counts on the cards are per story shown; nothing counts the stories.
    assert counts and all("discussion_comment" in sql for sql in counts)


def test_an_archive_page_names_its_own_address_not_the_readers_query(client, newsroom):
    from django.utils import timezone

    story = newsroom.article()
    day = timezone.localtime(story.first_published_at)
    url = f"/{day:%Y}/{day:%m}/"
    soup = BeautifulSoup(client.get(url + "?utm_source=mail&fbclid=x").content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost{url}"


@pytest.mark.parametrize("few_stories", [1000, 3], ids=["few: IN list", "many: EXISTS"])
def test_the_author_page_lists_newest_first_in_a_bounded_number_of_queries(
    client, newsroom, two_per_page, monkeypatch, few_stories
):
    """The author page picks one of two queries by the author's number of stories (AuthorPage.
    articles); both list the same stories, once each, in the same number of queries."""
    from dateline.news.models import AuthorPage

    monkeypatch.setattr(AuthorPage, "FEW_STORIES", few_stories)
    counts = []
    for start, end in [(0, 2), (2, 12)]:
        for i in range(start, end):
            newsroom.article(days_old=20 - i, title=f"Story number {i}")
        client.get(newsroom.author.url)  # warm the per-process site-wide copies
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(newsroom.author.url)
        counts.append(len(ctx))
        assert headlines(response) == [f"Story number {end - 1}", f"Story number {end - 2}"]
    newsroom.article(
        title="Reported and photographed",
        bylines=[(newsroom.author, "reporting"), (newsroom.author, "photographs")],
    )
    assert headlines(client.get(newsroom.author.url))[:2] == [
        "Reported and photographed",
        "Story number 11",
    ]
    assert counts[0] == counts[1] <= 12, counts
