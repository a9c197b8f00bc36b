"""Site, settings and menu are kept per process between changes, and a change shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from dateline.core.models import NewsroomSettings
from dateline.news import services


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in ctx.captured_queries]


def rename_newsroom(name, on_commit):
    with on_commit(execute=True):
        newsroom = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
        newsroom.name = name
        newsroom.save()


def test_a_repeat_page_reads_no_site_settings_or_menu_rows(client, newsroom):
    article = newsroom.article(title="Troops leave Gao")
    first = queries_of(client, article.url)
    again = queries_of(client, article.url)

    kept_tables = ("wagtailcore_site", "core_newsroomsettings", "discussion_discussionsettings")
    assert any(t in sql for sql in first for t in kept_tables)
    assert not [sql for sql in again if any(t in sql for t in kept_tables)]
    assert len(again) < len(first)


def test_a_renamed_newsroom_shows_on_the_very_next_page(
    client, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom.article()
    assert "The Dateline" in client.get(article.url).content.decode()

    rename_newsroom("The Evening Wire", django_capture_on_commit_callbacks)

    page = client.get(article.url).content.decode()
    assert "The Evening Wire" in page and "The Dateline" not in page


def test_a_new_section_joins_the_menu_on_the_very_next_page(
    client, newsroom, django_capture_on_commit_callbacks
):
    assert ">Science</a>" not in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.create_section("Science")

    assert ">Science</a>" in client.get("/").content.decode()


def test_each_request_gets_its_own_copy_of_the_settings(client, newsroom, rf):
    article = newsroom.article()
    first = client.get(article.url).context["newsroom"]
    second = client.get(article.url).context["newsroom"]
    assert first is not second and first.name == second.name
    assert first._request is not second._request


def test_without_a_cache_pages_read_the_database_and_stay_right(
    client, newsroom, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "down": {"BACKEND": "tests.discussion.failing_cache.FailingCache"},
    }
    settings.DATELINE_PAGE_CACHE_ALIAS = "down"
    article = newsroom.article()
    assert client.get(article.url).status_code == 200

    rename_newsroom("The Evening Wire", django_capture_on_commit_callbacks)

    assert "The Evening Wire" in client.get(article.url).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_saving_a_setting_refreshes_cached_pages(
    client, newsroom, settings, django_capture_on_commit_callbacks
):
    settings.DATELINE_PAGE_CACHE = True
    cache.clear()
    for _ in range(2):  # the first page after a cache restart starts the epoch, then stores
        client.get("/")
    assert client.get("/")["X-Dateline-Cache"] == "hit"

    rename_newsroom("The Evening Wire", django_capture_on_commit_callbacks)

    fresh = client.get("/")
    assert fresh["X-Dateline-Cache"] == "miss"
    assert "The Evening Wire" in fresh.content.decode()
    cache.clear()


def test_a_flood_of_host_names_cannot_grow_the_kept_copies_without_bound(
    client, newsroom, settings
):
    from dateline.core import sitewide

    settings.ALLOWED_HOSTS = [".example.org"]
    article = newsroom.article()
    for n in range(sitewide.MAX_KEPT + 50):
        assert client.get(article.url, HTTP_HOST=f"h{n}.example.org").status_code == 200
    assert len(sitewide._kept) <= sitewide.MAX_KEPT


def test_an_ipv6_host_is_kept_under_its_own_address(client, newsroom, settings):
    from dateline.core import sitewide

    settings.ALLOWED_HOSTS = ["[::1]", "[2001:db8::1]"]
    article = newsroom.article()
    client.get(article.url, HTTP_HOST="[::1]:8000")
    client.get(article.url, HTTP_HOST="[2001:db8::1]:8000")
    hosts = {key for (name, key) in sitewide._kept if name == "site"}
    assert hosts == {("[::1]", "8000"), ("[2001:db8::1]", "8000")}


def test_a_site_with_no_private_page_asks_no_restriction_query(client, newsroom):
    article = newsroom.article(title="Troops leave Gao")
    queries_of(client, article.url)
    again = queries_of(client, article.url)
    assert not [sql for sql in again if "wagtailcore_pageviewrestriction" in sql]


@pytest.mark.parametrize("where", ["article", "section"])
def test_a_page_made_private_is_private_on_the_very_next_request(client, newsroom, settings, where):
    """The restriction list is kept per process; adding one must reach readers, listings and
    the comment form at once (no after-commit purge is run here: it must not be needed)."""
    from wagtail.models import PageViewRestriction

    from dateline.news.queries import public_articles

    settings.DATELINE_PAGE_CACHE = False  # the kept list alone, not the page cache, is tested
    article = newsroom.article(title="Troops leave Gao")
    assert client.get(article.url).status_code == 200
    assert public_articles().filter(pk=article.pk).exists()

    target = article if where == "article" else newsroom.section
    restriction = PageViewRestriction.objects.create(page=target, restriction_type="login")

    assert client.get(article.url).status_code == 302  # to the login page
    assert not public_articles().filter(pk=article.pk).exists()
    form = client.post("/discussion/post/", {"page": article.pk, "comment": "Hello"})
    assert form.status_code == 404

    restriction.delete()
    assert client.get(article.url).status_code == 200
    assert public_articles().filter(pk=article.pk).exists()


def test_an_article_is_routed_to_without_reading_its_section_row(client, newsroom):
    article = newsroom.article(title="Troops leave Gao")
    queries_of(client, article.url)
    again = queries_of(client, article.url)
    section_reads = [sql for sql in again if '"news_sectionpage"' in sql]
    assert not section_reads


def test_a_section_given_a_new_address_answers_there_on_the_very_next_request(
    client, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom.article(title="Troops leave Gao")
    assert client.get(article.url).status_code == 200

    section = newsroom.section
    section.slug = "international"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()

    article.refresh_from_db()
    assert article.url.startswith("/international/")
    assert client.get(article.url).status_code == 200
    old = client.get("/world/" + article.slug + "/")  # Wagtail's automatic redirect
    assert old.status_code == 301 and old["Location"] == article.url
