"""RSS and Atom feeds: what feed readers get from the site, each section, topic and author."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from dateline.core.models import NewsroomSettings
from dateline.news import services

from .findability import (
    fresh_caches,  # noqa: F401 - an autouse fixture
    hidden_articles,
    make_image,
)

FEED_URLS = [
    "/feed/",
    "/feed/atom/",
    "/feeds/section/world/",
    "/feeds/section/world/atom/",
    "/feeds/topic/mali/",
    "/feeds/topic/mali/atom/",
    "/feeds/author/amina-diallo/",
    "/feeds/author/amina-diallo/atom/",
]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("url", FEED_URLS)
def test_every_feed_parses_and_lists_only_public_articles(newsroom, client, url):
    hidden = hidden_articles(newsroom)
    story = newsroom.article(title="Floods in Mopti")
    response, feed = parse(client, url)

    titles = [entry.title for entry in feed.entries]
    assert titles == ["Floods in Mopti", "Harbour reopens"]
    assert story.full_url in [entry.link for entry in feed.entries]
    text = response.content.decode()
    for forbidden in hidden["forbidden"]:
        assert forbidden not in text


@pytest.mark.parametrize("url", FEED_URLS)
def test_a_headline_with_control_characters_breaks_no_feed(newsroom, client, url):
    newsroom.author.title = "Amina\x1f Diallo"
    newsroom.author.save()
    newsroom.topic.title = "Ma\x08li"
    newsroom.topic.save()
    newsroom.article(
        title="Wire\x0b copy \x1fwith\x0c controls",
        standfirst="A standfirst\x0b with a vertical tab.",
        body=[("paragraph", "<p>Body\x0b text.</p>")],
        dateline_place="Gao\x1f",
    )
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"feed_full_text": True}
    )

    _response, feed = parse(client, url)

    entry = feed.entries[0]
    assert entry.title == "Wire copy with controls"
    assert "Mali" in [tag.term for tag in entry.tags]
    assert entry.author == "Amina Diallo"


def test_items_carry_honest_dates_authors_categories_and_the_lead_image(newsroom, client):
    image = make_image("Mopti floods")
    published = timezone.now() - timedelta(days=3)
    story = newsroom.article(
        title="Floods in Mopti",
        published_at=published,
        bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
        topics=[newsroom.topic, newsroom.other_topic],
        lead_image=image,
    )
    story = services.add_correction(story, kind="correction", text="The river is the Niger.")
    story = services.republish(story)  # a silent republish: not an update

    _response, rss = parse(client, "/feed/")
    _response, atom = parse(client, "/feed/atom/")
    rendition = image.get_rendition("width-1200")

    for feed in (rss, atom):
        entry = feed.entries[0]
        assert entry.published_parsed[:6] == published.utctimetuple()[:6]
        assert [tag.term for tag in entry.tags] == ["World", "Barkhane", "Mali"]
        enclosure = entry.enclosures[0]
        assert enclosure.href.endswith(rendition.url)
        assert enclosure.href.startswith("http")
        assert int(enclosure.length) == rendition.file.size
        assert enclosure.type == "image/jpeg"
    # Atom: updated is the logged correction, one <author> per author-role byline.
    entry = atom.entries[0]
    assert entry.updated_parsed[:6] == story.last_substantive_update.utctimetuple()[:6]
    assert [a.name for a in entry.authors] == ["Amina Diallo"]
    assert entry.authors[0].href == newsroom.author.full_url
    assert rss.entries[0].author == "Amina Diallo"
    assert not rss.entries[0].guidislink  # a tag URI, stable when the slug changes


def test_an_article_without_updates_is_updated_when_first_published(newsroom, client):
    published = timezone.now() - timedelta(days=2)
    story = newsroom.article(title="Quiet day", published_at=published)
    services.republish(story)

    _response, atom = parse(client, "/feed/atom/")

    entry = atom.entries[0]
    assert entry.updated_parsed[:6] == published.utctimetuple()[:6]


def test_summary_feeds_carry_the_standfirst_and_no_body(newsroom, client):
    newsroom.article(
        title="Floods", standfirst="Rivers rose.", body=[("paragraph", "<p>Secret body.</p>")]
    )

    response, feed = parse(client, "/feed/")

    assert feed.entries[0].summary == "Rivers rose."
    assert "Secret body" not in response.content.decode()
    assert "content" not in feed.entries[0]


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_full_text_feeds_carry_the_body_with_absolute_links(newsroom, client, url):
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"feed_full_text": True}
    )
    inline = make_image("River")
    newsroom.article(
        title="Floods",
        standfirst="Rivers rose.",
        body=[
            ("paragraph", f'<p>See <a linktype="page" id="{newsroom.section.pk}">World</a>.</p>'),
            ("quote", {"text": "We <lost> all", "speaker": "A farmer", "role": ""}),
            ("image", {"image": inline, "caption": "The river", "credit": "Luc Martin"}),
            ("factbox", {"title": "Key facts", "facts": ["5,000 displaced"]}),
        ],
    )

    _response, feed = parse(client, url)

    entry = feed.entries[0]
    assert entry.summary == "Rivers rose."
    body = entry.content[0].value
    assert f'href="{newsroom.section.full_url}"' in body
    assert "We &lt;lost&gt; all" in body
    assert 'src="http' in body and "The river" in body
    assert "5,000 displaced" in body


def test_an_unknown_section_topic_or_author_feed_is_404(newsroom, client):
    for url in ("/feeds/section/nowhere/", "/feeds/topic/nothing/atom/", "/feeds/author/nobody/"):
        assert client.get(url).status_code == 404


def test_every_page_offers_the_site_feeds_and_its_own(newsroom, client):
    story = newsroom.article(title="Floods")

    front = client.get("/").content.decode()
    section = client.get(newsroom.section.url).content.decode()
    article = client.get(story.url).content.decode()
    topic = client.get(newsroom.topic.url).content.decode()
    author = client.get(newsroom.author.url).content.decode()

    for html in (front, section, article, topic, author):
        assert 'rel="alternate" type="application/rss+xml" title="The Dateline (RSS)"' in html
        assert 'type="application/atom+xml" title="The Dateline (Atom)" href="/feed/atom/"' in html
    assert 'href="/feeds/section/world/"' in section
    assert 'href="/feeds/section/world/"' in article
    assert 'href="/feeds/topic/mali/atom/"' in topic
    assert 'href="/feeds/author/amina-diallo/"' in author
    assert "/feeds/section/" not in front


def _publish_many(newsroom, count, image):
    for n in range(count):
        newsroom.article(
            title=f"Story {n}",
            days_old=n,
            lead_image=image,
            bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
            topics=[newsroom.topic, newsroom.other_topic],
            body=[
                (
                    "paragraph",
                    f'<p>Read <a linktype="page" id="{newsroom.section.pk}">more</a>.</p>',
                ),
                ("image", {"image": image, "caption": "c", "credit": "d"}),
            ],
        )


def _count_queries(client, url, django_assert_max_num_queries):
    client.get(url)  # warm: renditions exist from here on, as they do once a story is read
    with django_assert_max_num_queries(1000) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/feed/", "/feeds/topic/mali/atom/", "/feeds/author/amina-diallo/"]
)
def test_feeds_take_the_same_queries_for_3_or_30_items(
    newsroom, client, url, django_assert_max_num_queries
):
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"feed_full_text": True}
    )
    image = make_image("Shared lead")
    _publish_many(newsroom, 3, image)
    few = _count_queries(client, url, django_assert_max_num_queries)
    _publish_many(newsroom, 27, image)
    many = _count_queries(client, url, django_assert_max_num_queries)

    assert many == few
    assert many <= 15
