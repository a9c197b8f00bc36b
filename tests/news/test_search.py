"""Reader search at /search/: full text, filters, highlighting, hostile queries, index upkeep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from lxml import html as lxml_html

from dateline.news import services
from dateline.news.search import highlight
from tests.corpora import corpus_path, lines_of

from .findability import (
    fresh_caches,  # noqa: F401 - an autouse fixture
    hidden_articles,
)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200, params
    return response


def found(response) -> list[str]:
    tree = lxml_html.fromstring(response.content)
    return [h.text_content() for h in tree.xpath("//section[@class='search-results']//h3")]


@pytest.fixture
def archive(newsroom):
    sport = services.create_section("Sport")
    return {
        "drought": newsroom.article(
            title="Drought in the Sahel",
            standfirst="Herders move south.",
            body=[("paragraph", "<p>Farmers of Ségou lost their millet harvest.</p>")],
            days_old=10,
        ),
        "election": newsroom.article(
            title="Election night",
            standfirst="Counting went on until dawn.",
            body=[("quote", {"text": "Every ballot counts", "speaker": "An observer"})],
            topics=[newsroom.other_topic],
            days_old=2,
        ),
        "match": newsroom.article(
            section=sport,
            title="Cup final in Bamako",
            standfirst="The harvest festival crowd filled the stadium.",
            body=[("paragraph", "<p>A late goal settled it.</p>")],
            days_old=1,
        ),
        "sport": sport,
    }


def test_search_finds_words_in_the_body_standfirst_headline_and_topics(client, archive):
    assert found(search(client, q="millet")) == ["Drought in the Sahel"]
    assert found(search(client, q="dawn")) == ["Election night"]
    assert found(search(client, q="ballot")) == ["Election night"]
    assert found(search(client, q="Sahel drought")) == ["Drought in the Sahel"]
    assert found(search(client, q="Barkhane")) == ["Election night"]
    assert sorted(found(search(client, q="harvest"))) == [
        "Cup final in Bamako",
        "Drought in the Sahel",
    ]
    assert found(search(client, q="nothing-like-this")) == []


def test_search_never_shows_what_readers_may_not_see(newsroom, client):
    hidden = hidden_articles(newsroom)

    response = search(client, q="Zanzibar")
    reopened = search(client, q="harbour")

    assert found(response) == []
    assert found(reopened) == ["Harbour reopens"]
    for text in hidden["forbidden"]:
        assert text not in reopened.content.decode()


def test_the_index_follows_publication_and_corrections(newsroom, client):
    story = newsroom.article(title="Bridge closed", body=[("paragraph", "<p>Traffic stopped.</p>")])
    assert found(search(client, q="traffic")) == ["Bridge closed"]

    latest = story.get_latest_revision_as_object()
    latest.body = [("paragraph", "<p>Ferries replaced the bridge.</p>")]
    latest.save_revision()
    assert found(search(client, q="ferries")) == []  # a draft is not searchable

    latest.save_revision().publish()
    assert found(search(client, q="ferries")) == ["Bridge closed"]
    assert found(search(client, q="traffic")) == []


def test_matches_are_highlighted_and_everything_is_escaped(newsroom, client):
    newsroom.article(
        title="Millet & <b>sorghum</b> prices",
        standfirst="Millet doubled.",
        body=[("paragraph", "<p>In Mopti, millet &amp; rice <i>both</i> rose.</p>")],
    )

    html = search(client, q="millet").content.decode()

    assert "<mark>Millet</mark> &amp; &lt;b&gt;sorghum&lt;/b&gt; prices" in html
    assert "<mark>Millet</mark> doubled." in html
    assert "In Mopti, <mark>millet</mark> &amp; rice both rose." in html


def test_only_the_bare_search_form_may_be_indexed(newsroom, client):
    bare = client.get("/search/")
    tree = lxml_html.fromstring(bare.content)
    assert "X-Robots-Tag" not in bare
    assert tree.xpath("//meta[@name='robots']") == []
    root = newsroom.home.get_site().root_url
    assert tree.xpath("//link[@rel='canonical']/@href") == [root + "/search/"]
    # Results, filters, an empty query, a tracking parameter: noindex twice, no canonical.
    for params in ({"q": "cheap pills"}, {"section": "x"}, {"q": ""}, {"utm_source": "mail"}):
        response = client.get("/search/", params)
        tree = lxml_html.fromstring(response.content)
        assert response["X-Robots-Tag"] == "noindex, follow", params
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex, follow"], params
        assert tree.xpath("//link[@rel='canonical']") == [], params


def test_highlighting_never_marks_inside_an_entity():
    assert highlight("Tom & Jerry <amp>", ["amp"]) == "Tom &amp; Jerry &lt;<mark>amp</mark>&gt;"
    assert highlight("Elections and election", ["elections"]) == (
        "<mark>Elections</mark> and <mark>election</mark>"
    )
    assert highlight("a <script>", []) == "a &lt;script&gt;"


def test_search_filters_by_section_and_date_range(client, archive):
    today = timezone.localdate()
    assert found(search(client, q="harvest", section="sport")) == ["Cup final in Bamako"]
    assert found(search(client, q="harvest", section="world")) == ["Drought in the Sahel"]
    since = str(today - timedelta(days=3))
    assert found(search(client, q="harvest", **{"from": since})) == ["Cup final in Bamako"]
    until = str(today - timedelta(days=5))
    assert found(search(client, q="harvest", to=until)) == ["Drought in the Sahel"]
    day = str(today - timedelta(days=10))
    assert found(search(client, q="harvest", **{"from": day, "to": day})) == [
        "Drought in the Sahel"
    ]


def test_newest_first_orders_by_publication(client, archive):
    results = found(search(client, q="harvest", sort="newest"))
    assert results == ["Cup final in Bamako", "Drought in the Sahel"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2024-13-45"},
        {"to": "yesterday"},
        {"from": "0001-01-01", "to": "9999-12-31"},
        {"from": "2024-05-01", "to": "2024-01-01"},
        {"section": "no-such-section"},
        {"sort": "sideways"},
        {"page": "abc"},
        {"page": "-3"},
    ],
)
def test_bad_filters_are_reported_not_fatal(client, archive, params):
    response = search(client, q="harvest", **params)

    assert len(found(response)) == 2  # the valid part of the query still runs


def test_a_page_past_the_end_is_404_not_500(client, archive):
    assert client.get("/search/", {"q": "harvest", "page": "99"}).status_code == 404
    assert client.get("/search/", {"q": "harvest", "page": "9" * 40}).status_code == 404


def test_a_query_of_no_words_searches_nothing(client, archive):
    for q in ("", "   ", "--", "'\"", "*"):
        assert found(search(client, q=q)) == []
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200
    # A NUL byte is never typed by a reader; it gets a clear 400 before any query runs.
    assert client.get("/search/", {"q": "\x00millet"}).status_code == 400


def test_results_are_paginated_keeping_the_query(newsroom, client):
    from dateline.core.models import NewsroomSettings

    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"articles_per_page": 2}
    )
    for n in range(5):
        newsroom.article(title=f"Quarry report {n}", days_old=n)

    first = search(client, q="quarry", sort="newest")
    third = search(client, q="quarry", sort="newest", page="3")

    assert found(first) == ["Quarry report 0", "Quarry report 1"]
    assert found(third) == ["Quarry report 4"]
    assert 'href="?q=quarry&amp;sort=newest&amp;page=2"' in first.content.decode()


@pytest.mark.corpora
def test_sql_injection_payloads_give_normal_results_or_none(client, archive):
    payloads = []
    for path in sorted(corpus_path("hostile", "sqli").glob("*.txt")):
        payloads += lines_of("hostile", "sqli", path.name)
    assert len(payloads) > 400

    for payload in payloads:
        response = client.get("/search/", {"q": payload})
        assert response.status_code == 200, payload
    # The archive is intact, and a payload that contains a real word still finds it.
    assert found(search(client, q="' OR 1=1-- millet")) == []
    assert found(search(client, q="millet' --")) == ["Drought in the Sahel"]


def test_search_takes_the_same_queries_for_3_or_30_results(
    newsroom, client, django_assert_max_num_queries
):
    def count():
        client.get("/search/", {"q": "quarry"})
        with django_assert_max_num_queries(25) as ctx:
            assert client.get("/search/", {"q": "quarry"}).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        newsroom.article(title=f"Quarry {n}", bylines=[(newsroom.author, "reporting")])
    few = count()
    for n in range(3, 30):
        newsroom.article(
            title=f"Quarry {n}",
            bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
        )
    assert count() == few


def test_update_index_rebuilds_an_archive_loaded_without_the_worker(newsroom, client):
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from dateline.news.models import ArticlePage

    newsroom.article(title="Granary report", body=[("paragraph", "<p>Sorghum stocks.</p>")])
    # As if the stories had been loaded while no worker ran to index them:
    get_search_backend().get_index_for_model(ArticlePage).reset()
    assert found(search(client, q="sorghum")) == []

    call_command("update_index", verbosity=0)

    assert found(search(client, q="sorghum")) == ["Granary report"]


def test_a_bad_date_is_explained_and_not_echoed_into_the_date_field(client, archive):
    html = search(client, q="harvest", **{"from": "2024-13-45"}).content.decode()

    assert 'name="from" value=""' in html
    assert 'aria-invalid="true" aria-describedby="search-from-error"' in html
    assert "Enter a valid date." in html


def test_search_stems_words_both_ways(newsroom, client):
    if connection.vendor == "postgresql":  # stemming must not rest on the server's default
        with connection.cursor() as cursor:
            cursor.execute("SET default_text_search_config TO 'pg_catalog.simple'")
    newsroom.article(title="Ferries stop at dusk", body=[("paragraph", "<p>No crossings.</p>")])
    newsroom.article(title="Port news", body=[("paragraph", "<p>The old ferry sank.</p>")])
    newsroom.article(title="Harvests fail", body=[("paragraph", "<p>Rains came late.</p>")])

    assert sorted(found(search(client, q="ferry"))) == ["Ferries stop at dusk", "Port news"]
    assert sorted(found(search(client, q="ferries"))) == ["Ferries stop at dusk", "Port news"]
    assert found(search(client, q="harvesting")) == ["Harvests fail"]
    api = client.get("/api/v2/articles/", {"search": "ferry"}).json()
    assert sorted(item["title"] for item in api["items"]) == ["Ferries stop at dusk", "Port news"]
