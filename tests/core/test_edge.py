"""Edge mode: cached pages are written for nginx, and purged, expired and guarded like the cache."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dateline.core import edge, edge_index, pagecache
from dateline.discussion import services as discussion
from dateline.discussion import tokens
from dateline.news import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def edge_root(settings, tmp_path):
    settings.DATELINE_PAGE_CACHE = True
    settings.DATELINE_EDGE_ROOT = tmp_path / "edge"
    cache.clear()
    yield tmp_path / "edge"
    cache.clear()


def edge_file(url, name="index.html", host="testserver"):
    pages = edge.root() / edge.PAGES / edge.day_of(time.time())
    return pages / host / url.lstrip("/") / name


def written():
    """The addresses nginx can serve today, e.g. {"/world/", "/feed/"}."""
    today = edge.root() / edge.PAGES / edge.day_of(time.time()) / "testserver"
    if not today.is_dir():
        return set()
    folders = {p.parent.relative_to(today).as_posix() for p in today.rglob("index.*")}
    return {"/" if f == "." else f"/{f}/" for f in folders}


def warm(client, *urls):
    for url in urls:
        for _ in range(2):  # a new site's first render may create its settings (a purge)
            response = client.get(url)
            assert response.status_code == 200, url
            if edge_file(url).is_file():
                break
        assert edge_file(url).read_bytes() == response.content, url


# Writing ---------------------------------------------------------------------------------------


def test_a_stored_page_is_written_for_nginx_with_the_bytes_dateline_sent(client, newsroom):
    article = newsroom.article(title="Harmattan closes the airport")
    response = client.get(article.url)
    assert response["X-Dateline-Cache"] == "miss"
    assert edge_file(article.url).read_bytes() == response.content
    assert edge_file(article.url).stat().st_mode & 0o777 == 0o644  # nginx's user reads it
    assert not list((edge.root() / "tmp").iterdir())


def test_feeds_are_written_under_the_name_that_gives_nginx_their_type(client, newsroom):
    newsroom.article()
    for url, name in [("/feed/", "index.rss"), ("/feed/atom/", "index.atom")]:
        response = client.get(url)
        assert edge_file(url, name).read_bytes() == response.content


def test_responses_whose_headers_nginx_would_not_repeat_stay_in_python(client, newsroom):
    newsroom.article()
    for url in ["/sitemap.xml", "/robots.txt", "/news-sitemap.xml"]:
        client.get(url)
        assert client.get(url)["X-Dateline-Cache"] == "hit"  # still cached, by Python
    assert written() == set()


def test_nothing_is_written_for_editors_readers_with_cookies_posts_queries_or_errors(
    client, newsroom, django_user_model
):
    article = newsroom.article()
    client.get("/world/?page=2")
    client.get("/world/?replytocom=3")
    client.post(article.url)
    client.head(newsroom.section.url)
    client.get("/no-such-page/")
    reader = type(client)()
    reader.cookies["dateline_comments"] = "anything"
    reader.get(article.url)
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(editor)
    client.get("/")
    assert written() == set()


def test_tracking_parameters_do_not_keep_a_page_from_nginx(client, newsroom):
    newsroom.article()
    client.get("/?utm_source=newsletter")
    assert written() == {"/"}


def test_a_page_first_cached_from_a_tracking_link_reaches_nginx_on_its_next_hit(client, newsroom):
    newsroom.article()
    client.get("/?utm_source=newsletter")
    edge_file("/").unlink()
    assert client.get("/")["X-Dateline-Cache"] == "hit"
    assert edge_file("/").is_file()


def test_no_file_carries_a_readers_pending_comment_email_or_session(client, newsroom, settings):
    from wagtail.models import Site

    from dateline.discussion.models import DiscussionSettings

    settings.DATELINE_DISCUSSION_FORM_MIN_SECONDS = 0
    rules = DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
    rules.hold_first_time = True  # the comment must wait: first comments are kept held
    rules.save()
    article = newsroom.article(title="Floods reach the capital")
    data = {
        "comment": "My own words, still awaiting moderation.",
        "author": "Ada Reader",
        "email": "ada@example.org",
        "url": "",
        "page": str(article.pk),
        "parent": "",
        "token": tokens.form_token(article.pk),
        "homepage": "",
    }
    client.post(reverse("discussion:post"), data, REMOTE_ADDR="198.51.100.7")
    assert "dateline_comments" in client.cookies
    own = client.get(article.url)
    assert "My own words" in own.content.decode()
    assert written() == set()
    type(client)().get(article.url)  # an anonymous reader's copy is written
    files = list((edge.root() / edge.PAGES).rglob("index.*"))
    assert files
    for path in files:  # the pages and their gzip copies
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode()
        assert "My own words" not in text and "ada@example.org" not in text
        assert "csrfmiddlewaretoken" not in text and "sessionid" not in text


def through_middleware(view, path="/private/"):
    """A request through Dateline's whole middleware stack to a view of the test's own."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    handler = view
    for dotted in reversed(settings.MIDDLEWARE):
        handler = import_string(dotted)(handler)
    return handler(RequestFactory().get(path))


def test_a_plain_public_response_is_written():
    pagecache.purge("warm")  # an epoch, as on any running site

    def view(request):
        pagecache.add_tags(request, "article:1")
        return HttpResponse("<p>Hello</p>")

    assert through_middleware(view)["X-Dateline-Cache"] == "miss"
    assert edge_file("/private/").read_text() == "<p>Hello</p>"


@pytest.mark.parametrize(
    "header, value",
    [
        ("Cache-Control", "private"),
        ("Cache-Control", "no-store"),
        ("Vary", "Cookie"),
        ("Vary", "Accept-Language"),
        ("X-Robots-Tag", "noindex"),
        ("Content-Security-Policy", "default-src *"),
    ],
)
def test_a_response_nginx_cannot_repeat_exactly_is_never_written(header, value):
    pagecache.purge("warm")

    def view(request):
        pagecache.add_tags(request, "article:1")
        response = HttpResponse("<p>Hello</p>")
        response[header] = value
        return response

    through_middleware(view)
    assert not list((edge.root() / edge.PAGES).rglob("index.*"))


def test_a_response_that_sets_a_cookie_is_never_written():
    pagecache.purge("warm")

    def view(request):
        pagecache.add_tags(request, "article:1")
        response = HttpResponse("<p>Hello</p>")
        response.set_cookie("reader", "1")
        return response

    through_middleware(view)
    assert not list((edge.root() / edge.PAGES).rglob("index.*"))


def test_a_page_whose_render_began_before_a_purge_is_not_written_after_it(client, newsroom):
    article = newsroom.article()
    request = RequestFactory().get(article.url)
    response = client.get(article.url)
    edge_file(article.url).unlink()
    saved = edge.save(
        request,
        headers=list(response.items()),
        content=b"stale",
        tags={"site": 1},
        expires=time.time() + 60,
        started=time.time(),
        still_current=lambda: False,  # what the epoch says after a purge
    )
    assert not saved and not edge_file(article.url).exists()


# Addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host, path",
    [
        ("testserver", "/../"),
        ("testserver", "/world/../../etc/"),
        ("testserver", "//etc/"),
        ("testserver", "/a/./b/"),
        ("testserver", "/a\\b/"),
        ("testserver", "/a\x00b/"),
        ("testserver", "/a\nb/"),
        ("testserver", "/sitemap.xml"),
        ("testserver", "relative/"),
        ("testserver", "/" + "x" * 250 + "/"),
        ("evil.example", "/world/"),
        ("..", "/world/"),
        ("", "/world/"),
    ],
)
def test_only_normalised_paths_of_the_sites_own_hosts_become_files(host, path):
    assert edge.page_folder(host, path) is None


def test_a_page_folder_is_its_host_and_path():
    assert edge.page_folder("testserver", "/world/a-story/") == "testserver/world/a-story/"
    assert edge.page_folder("localhost", "/") == "localhost/"


def test_no_host_header_can_make_a_folder_even_when_every_host_is_allowed(
    client, newsroom, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    newsroom.article()
    assert client.get("/", HTTP_HOST="evil.example").status_code == 200
    client.get("/", HTTP_HOST="..")
    client.get("/", HTTP_HOST="[::1]:80/../..")
    assert not list((edge.root() / edge.PAGES).rglob("index.*"))


# Purges ----------------------------------------------------------------------------------------


def test_a_correction_deletes_the_files_of_the_pages_that_show_the_story_and_no_others(
    client, two_sections
):
    newsroom, story, unrelated, other, other_topic = two_sections
    showing = [story.url, newsroom.section.url, newsroom.topic.url, newsroom.author.url, "/"]
    not_showing = [unrelated.url, other.url, other_topic.url, newsroom.photographer.url]
    warm(client, *showing, *not_showing)
    services.add_correction(story, kind="correction", text="The town is Gao, not Kidal.")
    assert written() == set(not_showing)
    response = client.get(story.url)
    assert response["X-Dateline-Cache"] == "miss"
    assert "Gao, not Kidal" in edge_file(story.url).read_text()


def test_publishing_deletes_the_files_of_its_section_topic_author_front_page_and_feed(
    client, two_sections
):
    newsroom, story, unrelated, other, other_topic = two_sections
    lists = [newsroom.section.url, newsroom.topic.url, newsroom.author.url, "/", "/feed/"]
    warm(client, *lists[:-1], story.url, other.url)
    client.get("/feed/")
    newsroom.article(title="A brand new dispatch")
    assert not written() & set(lists)
    assert other.url in written()
    for url in lists[:-1]:
        assert "A brand new dispatch" in client.get(url).content.decode()
        assert "A brand new dispatch" in edge_file(url).read_text()


def test_unpublishing_deletes_the_story_and_every_listing_of_it(client, two_sections):
    newsroom, story, unrelated, other, _ = two_sections
    warm(client, "/", newsroom.section.url, story.url, unrelated.url)
    story.unpublish()
    assert written() == {unrelated.url}
    assert client.get(story.url).status_code == 404
    assert "Troops leave Gao" not in client.get("/").content.decode()


def test_a_silent_edit_deletes_the_pages_that_show_the_story(client, two_sections):
    newsroom, story, unrelated, other, _ = two_sections
    warm(client, story.url, newsroom.section.url, unrelated.url, other.url)
    services.revise_article(story, title="Troops leave Gao at dawn")
    assert written() == {unrelated.url, other.url}


def test_moving_a_story_deletes_both_sections(client, two_sections):
    newsroom, story, unrelated, other, other_topic = two_sections
    warm(client, newsroom.section.url, other.url, other_topic.url)
    story.move(other, pos="last-child")
    assert written() == {other_topic.url}
    assert "Troops leave Gao" in client.get(other.url).content.decode()


def test_approving_or_removing_a_comment_deletes_its_article_and_the_comment_feeds(
    client, two_sections
):
    newsroom, story, unrelated, other, _ = two_sections
    comment = discussion.create_comment(
        story, text="Seen from Gao.", name="Ada", email="ada@example.org", status="pending"
    )
    pages = [story.url, unrelated.url, other.url]
    warm(client, *pages)
    client.get("/discussion/feed/rss/")
    assert edge_file("/discussion/feed/rss/", "index.rss").is_file()
    discussion.moderate(comment, "approve")
    assert written() == {unrelated.url, other.url}
    assert "Seen from Gao." in client.get(story.url).content.decode()
    assert "Seen from Gao." in edge_file(story.url).read_text()
    discussion.moderate(comment, "trash")
    assert written() == {unrelated.url, other.url}
    assert "Seen from Gao." not in client.get(story.url).content.decode()


def test_a_purge_the_folder_missed_is_caught_by_the_next_sweep(client, two_sections, settings):
    newsroom, story, unrelated, *_ = two_sections
    warm(client, story.url, unrelated.url)
    root = settings.DATELINE_EDGE_ROOT
    settings.DATELINE_EDGE_ROOT = None  # a process started without the variable
    pagecache.purge(f"article:{story.pk}")
    settings.DATELINE_EDGE_ROOT = root
    assert story.url in written()
    call_command("edge_sweep", verbosity=0)
    assert written() == {unrelated.url}


def test_when_the_index_cannot_be_used_a_purge_empties_the_folder(client, newsroom):
    article = newsroom.article()
    warm(client, article.url)
    (edge.root() / edge.INDEX).write_bytes(b"not a database" * 100)
    pagecache.purge("nothing-shown")
    assert written() == set()


# Expiry ----------------------------------------------------------------------------------------


def test_files_expire_with_the_page_cache(client, newsroom, settings):
    settings.DATELINE_PAGE_CACHE_SECONDS = 300
    article = newsroom.article()
    start = timezone.now().replace(hour=10, minute=0)
    with time_machine.travel(start, tick=False):
        warm(client, article.url, "/")
    with time_machine.travel(start + timedelta(seconds=299), tick=False):
        call_command("edge_sweep", verbosity=0)
        assert written() == {article.url, "/"}
    with time_machine.travel(start + timedelta(seconds=301), tick=False):
        call_command("edge_sweep", "--dry-run", verbosity=0)
        assert written() == {article.url, "/"}
        call_command("edge_sweep", verbosity=0)
        assert written() == set()


def test_pages_are_filed_under_the_newsrooms_date_and_older_days_are_swept(
    client, newsroom, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    newsroom.article()
    before = datetime(2024, 11, 21, 22, 59, 30, tzinfo=UTC)  # 23:59:30 in Paris
    with time_machine.travel(before, tick=False):
        client.get("/")
    assert (edge.root() / "pages" / "2024-11-21" / "testserver" / "index.html").is_file()
    with time_machine.travel(before + timedelta(minutes=1), tick=False):
        assert edge.day_of(time.time()) == "2024-11-22"  # nginx looks in another folder now
        call_command("edge_sweep", verbosity=0)
    assert not (edge.root() / "pages" / "2024-11-21").exists()


def test_a_page_rendered_before_midnight_is_not_written_or_cached_after_it(newsroom, settings):
    settings.TIME_ZONE = "UTC"
    pagecache.purge("warm")
    midnight = datetime(2024, 11, 22, tzinfo=UTC)

    def slow_view(request):
        pagecache.add_tags(request, "home")
        traveller.shift(timedelta(seconds=2))  # the render finishes after midnight
        return HttpResponse("<p>Thu. Nov 21st, 2024</p>")

    from dateline.core.middleware import SecurityHeadersMiddleware

    with time_machine.travel(midnight - timedelta(seconds=1), tick=False) as traveller:
        response = pagecache.PageCacheMiddleware(SecurityHeadersMiddleware(slow_view))(
            RequestFactory().get("/")
        )
    assert response.get("X-Dateline-Cache") is None
    assert not list((edge.root() / edge.PAGES).rglob("index.*"))


def test_in_a_rolling_restart_old_and_new_processes_do_not_empty_each_others_files(
    client, newsroom, monkeypatch
):
    newsroom.article()
    warm(client, "/")
    old = edge_index.release_id()
    monkeypatch.setattr(edge_index, "release_id", lambda: "next-release")
    monkeypatch.setattr(pagecache, "release_id", lambda: "next-release")
    edge.EdgeMiddleware(lambda request: None)  # a process of the new release starts
    assert written() == set()
    warm(client, "/")
    assert written() == {"/"}
    monkeypatch.setattr(edge_index, "release_id", lambda: old)  # one not yet restarted
    monkeypatch.setattr(pagecache, "release_id", lambda: old)
    client.get(newsroom.section.url)
    client.get(newsroom.section.url)
    assert written() == {"/"}  # it writes nothing, and empties nothing
    edge.EdgeMiddleware(lambda request: None)  # an old worker respawned after the new ones
    assert written() == {"/"}
    monkeypatch.setattr(edge_index, "release_id", lambda: "next-release")
    monkeypatch.setattr(pagecache, "release_id", lambda: "next-release")
    client.get(newsroom.section.url)
    client.get(newsroom.section.url)
    assert written() == {"/", newsroom.section.url}  # the new release still owns the folder


def test_a_server_process_of_a_new_release_empties_the_folder_as_it_starts(
    client, newsroom, monkeypatch
):
    newsroom.article()
    warm(client, "/", newsroom.section.url)
    monkeypatch.setattr(edge_index, "release_id", lambda: "next-release")
    edge.EdgeMiddleware(lambda request: None)
    assert written() == set()


def test_files_the_index_does_not_know_are_swept(client, newsroom):
    newsroom.article()
    warm(client, "/")
    stray = edge_file("/stray/")
    stray.parent.mkdir(parents=True)
    stray.write_text("<p>left by a crash</p>")
    call_command("edge_sweep", verbosity=0)
    assert written() == {"/"}


def test_the_sweep_does_nothing_when_edge_mode_is_off(settings):
    settings.DATELINE_EDGE_ROOT = None
    call_command("edge_sweep", verbosity=0)


# Precompressed copies ----------------------------------------------------------------------------


def gzip_copy(url):
    page = edge_file(url)
    return page.with_name(page.name + edge_index.GZIP_SUFFIX)


def test_every_page_file_has_a_gzip_copy_that_goes_with_it(client, two_sections):
    newsroom, story, unrelated, *_ = two_sections
    warm(client, story.url, unrelated.url)
    for url in (story.url, unrelated.url):
        assert gzip.decompress(gzip_copy(url).read_bytes()) == edge_file(url).read_bytes()
        assert gzip_copy(url).stat().st_mode & 0o777 == 0o644
    assert not list((edge.root() / "tmp").iterdir())

    services.add_correction(story, kind="correction", text="The town is Gao, not Kidal.")

    assert not gzip_copy(story.url).exists() and not edge_file(story.url).exists()
    assert gzip_copy(unrelated.url).exists()
    call_command("edge_sweep", verbosity=0)  # a page's copy is not a file the index forgot
    assert gzip_copy(unrelated.url).exists()


def test_a_gzip_copy_without_its_page_is_swept(client, newsroom):
    newsroom.article()
    warm(client, "/")
    stray = gzip_copy("/stray/")
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"left by a crash")
    call_command("edge_sweep", verbosity=0)
    assert not stray.exists() and gzip_copy("/").exists()
