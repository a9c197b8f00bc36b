"""Every reader page answers, renders in bounded queries, and turns bad input into a 404."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _fill(newsroom, count, start=0):
    return [
        newsroom.article(days_old=start + i, title=f"Story number {start + i}")
        for i in range(count)
    ]


def _reader_urls(newsroom, article):
    day = timezone.localtime(article.first_published_at)
    return [
        "/",
        newsroom.section.url,
        newsroom.topic.url,
        newsroom.author.url,
        "/topics/",
        "/authors/",
        f"/{day:%Y}/",
        f"/{day:%Y}/{day:%m}/",
        f"/{day:%Y}/{day:%m}/{day:%d}/",
        article.url,
    ]


def test_every_reader_page_answers_200(client, newsroom):
    article = _fill(newsroom, 3)[0]
    for url in _reader_urls(newsroom, article):
        assert client.get(url).status_code == 200, url


def test_every_date_shown_is_a_time_element(client, newsroom):
    article = _fill(newsroom, 2)[0]
    for url in _reader_urls(newsroom, article):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for stamp in soup.find_all("time"):
            assert stamp.get("datetime"), (url, stamp)


def test_front_page_leads_with_the_newest_story(client, newsroom):
    _fill(newsroom, 3, start=1)
    newest = newsroom.article(days_old=0, title="The newest story of all")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".lead-story h2").get_text(strip=True) == newest.title


def test_archive_lists_only_that_day(client, newsroom):
    today = newsroom.article(days_old=0, title="Today's story")
    newsroom.article(days_old=3, title="Older story")
    day = timezone.localtime(today.first_published_at)
    text = client.get(f"/{day:%Y}/{day:%m}/{day:%d}/").content.decode()
    assert "Today&#x27;s story" in text or "Today's story" in text
    assert "Older story" not in text


@pytest.mark.parametrize("count", [3, 30])
def test_reader_pages_render_in_bounded_queries(
    client, newsroom, count, django_assert_max_num_queries
):
    article = _fill(newsroom, count)[0]
    client.get("/")  # warm Wagtail's per-process caches (site root paths)
    for url in _reader_urls(newsroom, article):
        with django_assert_max_num_queries(40):
            assert client.get(url).status_code == 200


def test_query_count_does_not_grow_with_the_archive(client, newsroom, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = _fill(newsroom, 3)[0]
    client.get("/")
    small = {}
    for url in _reader_urls(newsroom, first):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        small[url] = len(ctx)
    _fill(newsroom, 25, start=3)
    for url in _reader_urls(newsroom, first):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        assert len(ctx) <= small[url], (url, small[url], len(ctx))


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?page=0", "?page=", "?page=1.5"])
def test_junk_page_numbers_give_the_first_page(client, newsroom, query):
    _fill(newsroom, 2)
    assert client.get(newsroom.section.url + query).status_code == 200


@pytest.mark.parametrize("query", ["?page=" + "1" + "0" * 30, "?page=99"])
def test_page_numbers_past_the_end_are_404(client, newsroom, query):
    _fill(newsroom, 2)
    assert client.get(newsroom.section.url + query).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/2024/13/",
        "/2024/02/30/",
        "/2024/00/",
        "/0000/",
        "/9999/12/31/",
        "/2024/1/",
        "/no-such-page/",
        "/world/no-such-story/",
        "/%00/",
        "/topics/%ff/",
    ],
)
def test_unknown_or_malformed_urls_get_the_styled_404(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    if response.get("Content-Type", "").startswith("text/html") and url != "/9999/12/31/":
        assert b"Page not found" in response.content


def test_pagination_links_between_pages(client, newsroom):
    from dateline.core.models import NewsroomSettings

    row = NewsroomSettings.for_site(newsroom.home.get_site())
    row.articles_per_page = 2
    row.save()
    _fill(newsroom, 5)
    soup = BeautifulSoup(client.get(newsroom.section.url).content, "html.parser")
    assert soup.find("a", rel="next")["href"] == "?page=2"
    assert client.get(newsroom.section.url + "?page=3").status_code == 200
    assert client.get(newsroom.section.url + "?page=4").status_code == 404


def test_drafts_and_future_stories_stay_off_listings(client, newsroom):
    newsroom.article(title="A draft nobody should see", publish=False)
    newsroom.article(title="Tomorrow's story", published_at=timezone.now() + timedelta(hours=3))
    for url in ["/", newsroom.section.url, newsroom.topic.url, newsroom.author.url]:
        body = client.get(url).content.decode()
        assert "A draft nobody should see" not in body
        assert "Tomorrow" not in body


def test_public_pages_carry_no_inline_script(client, newsroom):
    article = _fill(newsroom, 1)[0]
    for url in _reader_urls(newsroom, article):
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        soup = BeautifulSoup(response.content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        assert not soup.find_all(style=True), url


def test_cards_name_reporters_not_photographers(client, newsroom):
    newsroom.article(
        title="Ferry returns to service",
        bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
    )
    soup = BeautifulSoup(client.get(newsroom.section.url).content, "html.parser")
    meta = soup.select_one(".card__meta").get_text()
    assert "By Amina Diallo" in meta
    assert "Luc Martin" not in meta


@pytest.mark.parametrize("query", ["?page=%00", "?q=a%00b", "?topic=%00"])
def test_nul_bytes_in_the_query_get_a_clear_400(client, newsroom, query):
    for url in ["/", newsroom.section.url, "/search/", "/api/v2/articles/"]:
        response = client.get(url + query)
        assert response.status_code == 400
        assert b"NUL" in response.content


def test_a_password_protected_story_asks_in_the_sites_layout_and_tells_nothing_of_it(
    client, newsroom
):
    from dateline.news import services

    story = newsroom.article(title="Sealed verdict", standfirst="What the court decided.")
    services.restrict_page(story, password="open sesame")

    asked = client.get(story.url)
    html = asked.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert asked.status_code == 200
    assert soup.select_one("header.masthead") and soup.title.text.startswith("Password required")
    assert "Sealed verdict" not in html and "What the court decided" not in html
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    form = soup.select_one("form")
    fields = {f["name"]: f.get("value", "") for f in form.select("input")}

    refused = client.post(form["action"], {**fields, "password": "wrong"})
    assert refused.status_code == 200
    assert BeautifulSoup(refused.content, "html.parser").select_one("#password-error")

    opened = client.post(form["action"], {**fields, "password": "open sesame"}, follow=True)
    assert "What the court decided" in opened.content.decode()
