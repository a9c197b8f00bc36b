"""The read API at /api/v2/: public articles, sections, topics and authors, and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.news import services

from .findability import (
    fresh_caches,  # noqa: F401 - an autouse fixture
    hidden_articles,
    make_image,
)

LISTS = ["/api/v2/articles/", "/api/v2/sections/", "/api/v2/topics/", "/api/v2/authors/"]


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:300])
    return response.json()


def titles(data) -> list[str]:
    return [item["title"] for item in data["items"]]


def test_articles_list_only_public_articles_with_their_fields(newsroom, client):
    hidden = hidden_articles(newsroom)
    story = newsroom.article(
        title="Floods in Mopti",
        bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
        topics=[newsroom.topic],
        dateline_place="Mopti",
        source_name="Agence",
        canonical_url="https://agence.example/floods",
    )
    story = services.add_correction(story, kind="correction", text="The river is the Niger.")

    data = get_json(client, "/api/v2/articles/")

    assert data["meta"]["total_count"] == 2
    assert titles(data) == ["Floods in Mopti", "Harbour reopens"]
    item = data["items"][0]
    assert item["headline"] == "Floods in Mopti"
    assert item["standfirst"] == "What happened, in brief."
    assert item["section"]["slug"] == "world"
    assert [(b["author"]["title"], b["role"]) for b in item["bylines"]] == [
        ("Amina Diallo", "reporting"),
        ("Luc Martin", "photographs"),
    ]
    assert item["bylines"][0]["author"]["html_url"] == newsroom.author.full_url
    assert [t["title"] for t in item["topics"]] == ["Mali"]
    assert item["dateline"] == {"place": "Mopti", "filed_at": None}
    assert item["dates"]["first_published_at"] == (
        timezone.localtime(story.first_published_at).isoformat(timespec="seconds")
    )
    assert item["dates"]["updated_at"] == (
        timezone.localtime(story.last_substantive_update).isoformat(timespec="seconds")
    )
    assert item["source"] == {"name": "Agence", "canonical_url": "https://agence.example/floods"}
    assert item["meta"]["html_url"] == story.full_url
    body = str(data)
    for text in hidden["forbidden"]:
        assert text not in body


def test_one_article_has_its_body_corrections_and_lead_image(newsroom, client):
    story = newsroom.article(
        title="Floods",
        lead_image=make_image("Flooded street"),
        body=[
            ("paragraph", f'<p>See <a linktype="page" id="{newsroom.section.pk}">World</a>.</p>'),
            ("factbox", {"title": "Toll", "facts": ["12 dead", "5,000 displaced"]}),
        ],
    )
    services.add_correction(story, kind="clarification", text="Figures are provisional.")

    item = get_json(client, f"/api/v2/articles/{story.pk}/")

    assert item["body"][0] == {
        "type": "paragraph",
        "value": f'<p>See <a href="{newsroom.section.full_url}">World</a>.</p>',
        "id": item["body"][0]["id"],
    }
    assert item["body"][1]["value"] == {"title": "Toll", "facts": ["12 dead", "5,000 displaced"]}
    assert item["lead_image"]["url"].startswith("http://localhost/media/images/flooded-street")
    assert item["lead_image"]["width"] == 1200
    assert [(c["kind"], c["text"]) for c in item["corrections"]] == [
        ("clarification", "Figures are provisional.")
    ]


def test_hidden_articles_have_no_detail_either(newsroom, client):
    hidden_articles(newsroom)
    from dateline.news.models import ArticlePage

    for article in ArticlePage.objects.exclude(title="Harbour reopens"):
        get_json(client, f"/api/v2/articles/{article.pk}/", status=404)
    revised = ArticlePage.objects.get(title="Harbour reopens")
    item = get_json(client, f"/api/v2/articles/{revised.pk}/")
    assert item["title"] == "Harbour reopens"
    assert item["standfirst"] == "The harbour reopened on Monday."


def test_no_response_includes_the_discussion_or_commenters(newsroom, client):
    discussion = pytest.importorskip("dateline.discussion.services")
    story = newsroom.article(title="Floods")
    discussion.create_comment(
        story,
        text="Pending words",
        name="Reader One",
        email="reader.one@example.org",
        status="pending",
    )
    discussion.create_comment(
        story,
        text="Approved words",
        name="Reader Two",
        email="reader.two@example.org",
    )

    responses = [client.get(url, {"fields": "*"}).content.decode() for url in LISTS]
    responses.append(client.get(f"/api/v2/articles/{story.pk}/").content.decode())

    for text in responses:
        for secret in ("example.org", "reader.", "Pending words", "Approved words", "Reader"):
            assert secret not in text
        assert "comment" not in text.lower()


def test_wagtails_generic_page_filters_cannot_widen_the_list(newsroom, client):
    hidden_articles(newsroom)
    for params in (
        {"type": "wagtailcore.Page"},
        {"child_of": newsroom.section.pk},
        {"descendant_of": 1},
        {"site": "localhost"},
        {"draft_title": "x"},
        {"has_unpublished_changes": "true"},
    ):
        get_json(client, "/api/v2/articles/", params, status=400)
    get_json(client, "/api/v2/articles/find/", {"html_path": "/world/"}, status=400)
    data = get_json(client, "/api/v2/articles/", {"fields": "*"})
    assert "draft_title" not in str(data)


def test_articles_filter_by_section_topic_author_and_date(newsroom, client):
    sport = services.create_section("Sport")
    today = timezone.localdate()
    newsroom.article(title="World story", days_old=10)
    newsroom.article(
        title="Sport story",
        section=sport,
        topics=[newsroom.other_topic],
        bylines=[(newsroom.photographer, "photographs")],
        days_old=1,
    )

    def listed(**params):
        return titles(get_json(client, "/api/v2/articles/", params))

    assert listed(section="sport") == ["Sport story"]
    assert listed(section=str(newsroom.section.pk)) == ["World story"]
    assert listed(topic="barkhane") == ["Sport story"]
    assert listed(topic=str(newsroom.topic.pk)) == ["World story"]
    assert listed(author="luc-martin") == ["Sport story"]
    assert listed(**{"from": str(today - timedelta(days=3))}) == ["Sport story"]
    assert listed(to=str(today - timedelta(days=3))) == ["World story"]
    assert listed(search="story", section="world") == ["World story"]
    for bad in ({"section": "nowhere"}, {"topic": "999999"}, {"from": "2024-02-30"}, {"to": "x"}):
        get_json(client, "/api/v2/articles/", bad, status=400)


def test_lists_are_paginated(newsroom, client):
    for n in range(5):
        newsroom.article(title=f"Story {n}", days_old=n)

    first = get_json(client, "/api/v2/articles/", {"limit": 2})
    last = get_json(client, "/api/v2/articles/", {"limit": 2, "offset": 4})

    assert first["meta"]["total_count"] == 5
    assert titles(first) == ["Story 0", "Story 1"]
    assert titles(last) == ["Story 4"]
    for bad in ({"limit": "-1"}, {"offset": "x"}, {"limit": "1000"}):
        get_json(client, "/api/v2/articles/", bad, status=400)


def test_sections_topics_and_authors_list_public_pages(newsroom, client):
    from wagtail.models import PageViewRestriction

    secret = services.create_section("Internal")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")

    sections = get_json(client, "/api/v2/sections/")
    topics = get_json(client, "/api/v2/topics/", {"kind": "place"})
    authors = get_json(client, "/api/v2/authors/")

    assert titles(sections) == ["World"]
    assert sections["items"][0]["description"] == "News from everywhere"
    assert titles(topics) == ["Mali"]
    assert titles(authors) == ["Amina Diallo", "Luc Martin"]
    assert authors["items"][0]["job_title"] == "West Africa correspondent"


@pytest.mark.corpora
def test_hostile_searches_give_results_or_a_clear_error(client, newsroom):
    from tests.corpora import lines_of

    newsroom.article(title="Millet prices")
    for payload in lines_of("hostile", "sqli", "patt-Generic_Fuzz.txt") + [
        '"unterminated',
        "NEAR(",
    ]:
        response = client.get("/api/v2/articles/", {"search": payload})
        assert response.status_code in (200, 400), payload


def _add(newsroom, kind, n):
    if kind == "articles":
        newsroom.article(
            title=f"Story {n}",
            days_old=n,
            bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
            topics=[newsroom.topic, newsroom.other_topic],
            corrections=[("update", timezone.now(), "More")],
        )
    elif kind == "sections":
        services.create_section(f"Section {n}")
    elif kind == "topics":
        services.create_topic(f"Topic {n}", kind="place")
    else:
        services.create_author(f"Author {n}", job_title="Reporter")


@pytest.mark.parametrize("kind", ["articles", "sections", "topics", "authors"])
def test_api_lists_take_the_same_queries_for_3_or_30_items(
    newsroom, client, kind, django_assert_max_num_queries
):
    url = f"/api/v2/{kind}/"

    def count():
        client.get(url, {"fields": "*"})
        with django_assert_max_num_queries(20) as ctx:
            assert client.get(url, {"fields": "*", "limit": 20}).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        _add(newsroom, kind, n)
    few = count()
    for n in range(3, 30):
        _add(newsroom, kind, n)
    assert count() == few


@pytest.mark.parametrize(
    "path",
    [
        "?first_published_at=soon",
        "?id=abc",
        "?offset=99999999999999999999999",
        "?limit=99999999999999999999999",
        "?section=99999999999999999999999",
        "?topic=%00",
        "?from=%00",
        "?title=%00",
        "?search=a&search_operator=xor",
        "?fields=body",
        "?order=draft_title",
        "find/",
        "find/?id=x",
        "find/?id=99999999999999999999999",
        "find/?html_path=/world/",
        "99999999999999999999999/",
    ],
)
def test_malformed_requests_get_a_clear_error_never_a_500(newsroom, client, path):
    newsroom.article(title="Floods")
    for kind in ("articles", "sections", "topics", "authors"):
        response = client.get(f"/api/v2/{kind}/{path}")
        assert response.status_code in (400, 404), (kind, path, response.status_code)
        assert "message" in response.json()


def test_the_api_answers_json_even_to_a_browser(newsroom, client):
    for accept in ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html", "image/png"):
        response = client.get("/api/v2/articles/", HTTP_ACCEPT=accept)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json()["meta"]["total_count"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "articles/abc/",
        "sections/abc/",
        "topics/abc/",
        "authors/abc/",
        "articles/-1/",
        "articles/1/extra/",
        "nothing-here/",
        "",
    ],
)
def test_every_unknown_api_address_answers_a_json_404(newsroom, client, path):
    response = client.get(f"/api/v2/{path}", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()


@pytest.mark.parametrize(
    "kind, path",
    [
        ("topics", "?kind=bogus"),
        ("topics", "?kind="),
        ("sections", "?show_in_menus=maybe"),
        ("articles", "?slug=%00"),
    ],
)
def test_a_bad_filter_value_is_a_400_not_an_empty_list(newsroom, client, kind, path):
    newsroom.article(title="Floods")
    data = get_json(client, f"/api/v2/{kind}/{path}", status=400)
    assert data["message"]


def test_a_valid_kind_still_filters_topics(newsroom, client):
    assert titles(get_json(client, "/api/v2/topics/", {"kind": "place"})) == ["Mali"]


def test_search_combines_with_every_documented_filter(newsroom, client):
    today = timezone.localdate()
    newsroom.article(title="Mali harvest fails", days_old=1)
    newsroom.article(title="Mali harvest elsewhere", topics=[newsroom.other_topic], days_old=1)
    newsroom.article(title="Unrelated story", days_old=1)

    def found(**params):
        return titles(get_json(client, "/api/v2/articles/", {"search": "harvest", **params}))

    assert found(topic="mali") == ["Mali harvest fails"]
    assert found(topic=str(newsroom.other_topic.pk)) == ["Mali harvest elsewhere"]
    assert sorted(found(author="amina-diallo")) == ["Mali harvest elsewhere", "Mali harvest fails"]
    assert found(author="luc-martin") == []
    assert sorted(found(section="world", order="title")) == [
        "Mali harvest elsewhere",
        "Mali harvest fails",
    ]
    assert len(found(**{"from": str(today - timedelta(days=2)), "to": str(today)})) == 2
    assert found(topic="mali", search_operator="or") == ["Mali harvest fails"]
