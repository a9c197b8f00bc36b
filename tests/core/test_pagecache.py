"""The page cache serves anonymous readers and purges exactly the pages that show a change."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from dateline.core.pagecache import seconds_until_local_midnight
from dateline.news import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.DATELINE_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Dateline-Cache")


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert state(client, url) == "hit", url


def test_second_anonymous_get_is_a_hit_with_validators(client, newsroom):
    newsroom.article()
    assert state(client, "/") == "miss"
    response = client.get("/")
    assert response["X-Dateline-Cache"] == "hit"
    assert "s-maxage=" in response["Cache-Control"] and response["ETag"]
    again = client.get("/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_correction_purges_the_pages_that_show_the_story_and_no_others(client, two_sections):
    newsroom, story, unrelated, other, other_topic = two_sections
    showing = [story.url, newsroom.section.url, newsroom.topic.url, newsroom.author.url, "/"]
    not_showing = [unrelated.url, other.url, other_topic.url, newsroom.photographer.url]
    warm(client, *showing, *not_showing)
    services.add_correction(story, kind="correction", text="The town is Gao, not Kidal.")
    for url in showing:
        assert state(client, url) == "miss", url
    assert "Gao, not Kidal" in client.get(story.url).content.decode()
    for url in not_showing:
        assert state(client, url) == "hit", url


def test_publishing_a_new_story_refreshes_its_section_topic_author_and_front_page(
    client, two_sections
):
    newsroom, story, unrelated, other, other_topic = two_sections
    warm(client, newsroom.section.url, newsroom.topic.url, newsroom.author.url, "/", other.url)
    newsroom.article(title="A brand new dispatch")
    for url in [newsroom.section.url, newsroom.topic.url, newsroom.author.url, "/"]:
        response = client.get(url)
        assert response["X-Dateline-Cache"] == "miss"
        assert "A brand new dispatch" in response.content.decode()
    assert state(client, other.url) == "hit"


def test_unpublishing_removes_the_story_from_every_listing_at_once(client, two_sections):
    newsroom, story, *_ = two_sections
    warm(client, "/", newsroom.section.url, story.url)
    story.unpublish()
    assert "Troops leave Gao" not in client.get("/").content.decode()
    assert "Troops leave Gao" not in client.get(newsroom.section.url).content.decode()
    assert client.get(story.url).status_code == 404


def test_moving_a_story_refreshes_both_sections(client, two_sections):
    newsroom, story, unrelated, other, _ = two_sections
    warm(client, newsroom.section.url, other.url)
    story.move(other, pos="last-child")
    assert "Troops leave Gao" not in client.get(newsroom.section.url).content.decode()
    assert "Troops leave Gao" in client.get(other.url).content.decode()


def test_logged_in_editors_bypass_the_cache(client, newsroom, django_user_model):
    newsroom.article()
    client.get("/")
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(editor)
    assert client.get("/").get("X-Dateline-Cache") is None


def test_posts_and_unknown_query_parameters_bypass_the_cache(client, newsroom):
    newsroom.article()
    assert client.get("/?replytocom=5").get("X-Dateline-Cache") is None
    assert client.get("/?utm_source=x").get("X-Dateline-Cache") == "miss"
    assert client.get("/?utm_source=y").get("X-Dateline-Cache") == "hit"


def test_cached_pages_carry_no_cookie_or_session(client, newsroom):
    article = newsroom.article()
    client.get(article.url)
    reader = Client()
    response = reader.get(article.url)
    assert response["X-Dateline-Cache"] == "hit"
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_cache_expires_by_local_midnight(settings):
    settings.TIME_ZONE = "Europe/Paris"
    with time_machine.travel(datetime(2024, 11, 21, 22, 50, tzinfo=UTC), tick=False):
        assert seconds_until_local_midnight() == 10 * 60


def test_page_cached_before_midnight_is_not_served_after_it(client, newsroom, settings):
    settings.TIME_ZONE = "UTC"
    newsroom.article()
    with time_machine.travel(datetime(2024, 11, 21, 23, 59, tzinfo=UTC)):
        client.get("/")
        assert state(client, "/") == "hit"
    with time_machine.travel(datetime(2024, 11, 22, 0, 1, tzinfo=UTC)):
        response = client.get("/")
        assert response["X-Dateline-Cache"] == "miss"
        assert "Nov 22nd, 2024" in response.content.decode()


def test_first_page_on_an_empty_cache_is_served_and_stored_from_then_on(client, newsroom):
    newsroom.article()
    cache.clear()  # no epoch, no tags: as after a cache restart
    assert client.get("/").status_code == 200
    client.get("/")
    assert state(client, "/") == "hit"


def test_a_configured_cdn_is_purged_of_every_page_that_shows_the_change(settings, two_sections):
    from unittest import mock

    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    newsroom, story, *_ = two_sections
    with mock.patch("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache") as purge:
        services.add_correction(story, kind="update", text="Convoy reached Niamey.")
    purged = {url for call in purge.call_args_list for url in call.args[0]}
    for page in [story, newsroom.section, newsroom.topic, newsroom.author, newsroom.home]:
        assert page.full_url in purged
    assert newsroom.home.full_url + "feed/" in purged


def test_a_new_release_does_not_serve_pages_the_old_code_rendered(client, newsroom, monkeypatch):
    from dateline.core import pagecache

    newsroom.article()
    client.get("/")
    assert state(client, "/") == "hit"
    monkeypatch.setattr(pagecache, "release_id", lambda: "next-release")
    assert state(client, "/") == "miss"


def test_making_a_story_private_takes_it_out_of_every_cached_page(client, two_sections):
    newsroom, story, *_ = two_sections
    warm(client, "/", newsroom.section.url, story.url)
    services.restrict_page(story)
    assert "Troops leave Gao" not in client.get("/").content.decode()
    assert "Troops leave Gao" not in client.get(newsroom.section.url).content.decode()
    assert client.get(story.url).status_code == 302  # to the login page, not the cached copy


@pytest.mark.parametrize("query", ["?page=007", "?page=abc", "?page=0", "?cpage=1.5"])
def test_page_numbers_not_written_the_one_way_are_rendered_but_never_stored(
    client, newsroom, query
):
    newsroom.article()
    warm(client, "/")
    for _ in range(2):
        response = client.get("/" + query)
        assert response.status_code == 200 and response.get("X-Dateline-Cache") is None


def test_a_purge_moves_the_epoch_before_and_after_the_tags(monkeypatch):
    """With a cache that writes keys one by one, a render that saw a new tag must also see a
    new epoch (so it is not stored), and a hit re-stamped in between must be checked again."""
    from dateline.core import pagecache

    written = []
    monkeypatch.setattr(cache, "set", lambda key, value, **kw: written.append((key, value)))
    monkeypatch.setattr(
        cache, "set_many", lambda values, **kw: written.extend(sorted(values.items()))
    )
    pagecache.purge("article:1", "home")

    keys = [key for key, _ in written]
    assert keys[0] == keys[-1] == pagecache.EPOCH_KEY
    assert sorted(keys[1:-1]) == [pagecache.TAG_PREFIX + "article:1", pagecache.TAG_PREFIX + "home"]
    assert written[0][1] != written[-1][1]  # a new value each time (compared for equality)


def test_a_cache_that_refuses_writes_forgets_the_epoch_and_the_publish_still_succeeds(
    client, two_sections, monkeypatch, caplog
):
    from dateline.core import pagecache

    newsroom, story, *_ = two_sections
    warm(client, story.url)

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(cache, "set", refuse)
    monkeypatch.setattr(cache, "set_many", refuse)
    services.add_correction(story, kind="correction", text="The town is Gao, not Kidal.")

    assert cache.get(pagecache.EPOCH_KEY) is None  # every page is checked again
    assert "page cache purge failed" in caplog.text
    monkeypatch.undo()
    assert "Gao, not Kidal" in client.get(story.url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feeds/section/{section}/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/api/v2/articles/",
    ],
)
def test_feeds_sitemaps_and_the_api_are_cached_and_a_new_story_refreshes_them(
    client, newsroom, url
):
    newsroom.article(title="The first dispatch")
    url = url.format(section=newsroom.section.slug)
    warm(client, url)
    newsroom.article(title="A brand new dispatch")
    response = client.get(url)
    assert response["X-Dateline-Cache"] == "miss", url
    if url != "/robots.txt":
        assert "A brand new dispatch" in response.content.decode() or "sitemap" in url
