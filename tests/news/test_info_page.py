"""Plain pages ("About us", "Contact") render as pages, not stories, and may nest."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from dateline.news import services
from dateline.news.models import InfoPage

pytestmark = pytest.mark.django_db

BODY = [("paragraph", "<p>We are a small newsroom on the harbour.</p>")]


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_plain_page_renders_its_body_without_byline_or_discussion(client, newsroom):
    about = services.create_info_page(
        newsroom.home, title="About us", intro="Who we are.", body=BODY
    )
    assert about.url == "/about-us/" and about.live
    soup = _soup(client, about.url)
    assert soup.select_one("h1").get_text() == "About us"
    assert "Who we are." in soup.select_one(".standfirst").get_text()
    assert "small newsroom on the harbour" in soup.select_one(".story__body").get_text()
    assert soup.select_one(".byline") is None
    assert soup.select_one("#comments") is None and soup.select_one("form.comment-form") is None
    assert soup.select_one("link[rel=canonical]")["href"] == about.full_url


def test_old_plain_page_shows_no_age_banner(client, newsroom):
    policy = services.create_info_page(
        newsroom.home,
        title="Corrections policy",
        body=BODY,
        published_at=timezone.now() - timedelta(days=3000),
    )
    assert _soup(client, policy.url).select_one(".age-banner") is None


def test_nested_plain_page_is_served_at_its_parents_address(client, newsroom):
    about = services.create_info_page(newsroom.home, title="About us", body=BODY)
    team = services.create_info_page(about, title="Our team", body=BODY)
    assert team.url == "/about-us/our-team/"
    assert "Our team" in _soup(client, "/about-us/our-team/").select_one("h1").get_text()
    assert isinstance(team.get_parent().specific, InfoPage)


def test_plain_page_slug_is_unique_among_its_siblings_and_a_draft_stays_unpublished(newsroom):
    first = services.create_info_page(newsroom.home, title="Contact")
    second = services.create_info_page(newsroom.home, title="Contact", publish=False)
    assert (first.slug, second.slug) == ("contact", "contact-2")
    assert not second.live and second.first_published_at is None


def test_plain_pages_may_sit_under_the_front_page_or_another_plain_page_only():
    assert InfoPage.parent_page_types == ["news.HomePage", "news.InfoPage"]
    assert InfoPage.subpage_types == ["news.InfoPage"]


def test_plain_page_is_listed_in_the_pages_sitemap(client, newsroom):
    about = services.create_info_page(newsroom.home, title="About us", body=BODY)
    services.create_info_page(newsroom.home, title="Draft", publish=False)
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    assert about.full_url in response.content.decode()
    assert "/draft/" not in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_republishing_a_plain_page_purges_it_from_the_page_cache(client, newsroom, settings):
    settings.DATELINE_PAGE_CACHE = True
    cache.clear()
    try:
        about = services.create_info_page(newsroom.home, title="About us", body=BODY)
        client.get(about.url)
        assert client.get(about.url)["X-Dateline-Cache"] == "hit"
        latest = about.get_latest_revision_as_object()
        latest.intro = "Now with an intro."
        latest.save_revision().publish()
        response = client.get(about.url)
        assert response["X-Dateline-Cache"] == "miss"
        assert "Now with an intro." in response.content.decode()
    finally:
        cache.clear()


def test_comments_a_plain_page_came_with_are_shown_closed_without_a_form(client, newsroom):
    from dateline.discussion import services as discussion

    about = services.create_info_page(newsroom.home, title="About us", body=BODY)
    first = discussion.create_comment(
        about, text="Lovely harbour office.", name="Old reader", email="old@example.org"
    )
    discussion.create_comment(
        about, text="Agreed!", name="Other reader", email="other@example.org", parent=first
    )
    soup = _soup(client, about.url)
    thread = soup.select_one("#comments").get_text(" ")
    assert "Lovely harbour office." in thread and "Agreed!" in thread
    assert "Comments are closed on this page." in soup.get_text(" ")
    assert soup.find("textarea", attrs={"name": "comment"}) is None
    assert "old@example.org" not in str(soup)
