"""JSON-LD, OpenGraph and Twitter cards, read back the way search engines and social sites do."""

from __future__ import annotations

import json
import os
from datetime import timedelta

import extruct
import pytest
from django.utils import timezone
from lxml import html as lxml_html

from dateline.core.models import NewsroomSettings
from dateline.news import services

from .findability import (
    fresh_caches,  # noqa: F401 - an autouse fixture
    make_image,
)


def json_ld(client, url) -> dict[str, dict]:
    response = client.get(url)
    assert response.status_code == 200
    items = extruct.extract(response.content, base_url="http://localhost/", syntaxes=["json-ld"])
    return {item["@type"]: item for item in items["json-ld"]}


def meta_tags(client, url) -> dict[str, list[str]]:
    tree = lxml_html.fromstring(client.get(url).content)
    tags: dict[str, list[str]] = {}
    for meta in tree.xpath("//head/meta[@property or @name]"):
        key = meta.get("property") or meta.get("name")
        tags.setdefault(key, []).append(meta.get("content"))
    return tags


def iso(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


@pytest.fixture
def story(newsroom):
    published = timezone.now() - timedelta(days=3)
    article = newsroom.article(
        title="Floods in Mopti",
        standfirst="The Niger burst its banks.",
        published_at=published,
        bylines=[(newsroom.author, "reporting"), (newsroom.photographer, "photographs")],
        topics=[newsroom.topic, newsroom.other_topic],
        dateline_place="Mopti",
        lead_image=make_image("Flooded street"),
        lead_image_caption="A flooded street in Mopti",
        corrections=[("update", published + timedelta(hours=2), "Toll rose to 12.")],
    )
    return services.add_correction(
        article,
        kind="correction",
        text="The river is the Niger, not the Bani.",
        noted_at=published + timedelta(days=1),
    )


def test_an_article_carries_a_complete_news_article(newsroom, client, story):
    logo = make_image("Masthead logo", width=600, height=120)
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"publisher_logo": logo}
    )

    article = json_ld(client, story.url)["NewsArticle"]

    assert article["@context"].rstrip("/") in ("https://schema.org", "http://schema.org")
    assert article["headline"] == "Floods in Mopti"
    assert article["description"] == "The Niger burst its banks."
    assert article["datePublished"] == iso(story.first_published_at)
    assert article["dateModified"] == iso(story.last_substantive_update)
    assert article["dateModified"] == iso(story.first_published_at + timedelta(days=1))
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Amina Diallo",
            "url": newsroom.author.full_url,
            "jobTitle": "West Africa correspondent",
        }
    ]
    assert [p["name"] for p in article["contributor"]] == ["Luc Martin"]
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "The Dateline"
    assert publisher["logo"]["url"].startswith("http://localhost/media/images/masthead-logo")
    assert publisher["logo"]["width"] == 600
    image = article["image"][0]
    assert image["url"].startswith("http://localhost/media/images/flooded-street")
    assert (image["width"], image["height"]) == (1200, 675)
    assert image["caption"] == "A flooded street in Mopti"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": story.full_url}
    assert article["url"] == story.full_url
    assert article["isAccessibleForFree"] is True
    assert article["locationCreated"] == {"@type": "Place", "name": "Mopti"}
    assert article["articleSection"] == "World"
    assert article["keywords"] == ["Barkhane", "Mali"]
    # The correction is a CorrectionComment; the "update" entry is news, not a correction.
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Correction: The river is the Niger, not the Bani.",
            "datePublished": iso(story.first_published_at + timedelta(days=1)),
        }
    ]


def test_the_publisher_has_a_default_logo_until_one_is_uploaded(client, story):
    publisher = json_ld(client, story.url)["NewsArticle"]["publisher"]

    assert publisher["logo"]["url"] == "http://localhost/static/news/publisher-logo.png"
    assert client.get("/static/news/publisher-logo.png").status_code == 200


def test_date_modified_is_first_publication_when_nothing_was_logged(newsroom, client):
    story = newsroom.article(title="Quiet", published_at=timezone.now() - timedelta(days=5))
    services.republish(story)  # silent: must not count as a modification

    article = json_ld(client, story.url)["NewsArticle"]

    assert article["dateModified"] == article["datePublished"] == iso(story.first_published_at)
    assert "correction" not in article
    assert "image" not in article


def test_breadcrumbs_run_home_section_article(newsroom, client, story):
    crumbs = json_ld(client, story.url)["BreadcrumbList"]

    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "The Dateline", "http://localhost/"),
        (2, "World", newsroom.section.full_url),
        (3, "Floods in Mopti", story.full_url),
    ]


def test_the_front_page_describes_the_site_and_its_search(newsroom, client):
    website = json_ld(client, "/")["WebSite"]

    assert website["name"] == "The Dateline"
    assert website["url"] == "http://localhost/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"].replace("http://localhost", "")
    assert client.get(template.replace("{search_term_string}", "floods")).status_code == 200


def test_a_hostile_headline_cannot_break_out_of_the_json_ld(newsroom, client):
    headline = 'Ends </script><script>alert("x")</script> & <!-- here'
    story = newsroom.article(title=headline, standfirst="</SCRIPT> too\x0b")

    response = client.get(story.url)
    html = response.content.decode()
    article = json_ld(client, story.url)["NewsArticle"]

    assert article["headline"] == headline
    assert article["description"] == "</SCRIPT> too"
    scripts = html.split('<script type="application/ld+json">')[1:]
    for script in scripts:
        body = script.split("</script>", 1)[0]
        assert "<" not in body and ">" not in body
        json.loads(body)


def test_sharing_tags_describe_the_article(newsroom, client, story):
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"twitter_site": "@dateline", "language": "en-GB"}
    )

    tags = meta_tags(client, story.url)

    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == ["Floods in Mopti"]
    assert tags["og:description"] == ["The Niger burst its banks."]
    assert tags["og:url"] == [story.full_url]
    assert tags["og:site_name"] == ["The Dateline"]
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:image"][0].startswith("http://localhost/media/images/flooded-street")
    assert tags["og:image:width"] == ["1200"]
    assert tags["og:image:alt"] == ["A flooded street in Mopti"]
    assert tags["article:published_time"] == [iso(story.first_published_at)]
    assert tags["article:modified_time"] == [iso(story.last_substantive_update)]
    assert tags["article:section"] == ["World"]
    assert tags["article:tag"] == ["Barkhane", "Mali"]
    assert tags["article:author"] == [newsroom.author.full_url]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:site"] == ["@dateline"]
    assert tags["twitter:title"] == ["Floods in Mopti"]
    assert tags["twitter:image"] == tags["og:image"]


def test_syndicated_copy_points_its_canonical_and_og_url_at_the_original(newsroom, client):
    story = newsroom.article(
        title="Wire story", source_name="Agence", canonical_url="https://agence.example/story"
    )

    tags = meta_tags(client, story.url)
    article = json_ld(client, story.url)["NewsArticle"]
    html = client.get(story.url).content.decode()

    assert tags["og:url"] == ["https://agence.example/story"]
    assert tags["twitter:card"] == ["summary"]
    assert article["url"] == "https://agence.example/story"
    assert article["mainEntityOfPage"]["@id"] == story.full_url
    assert article["sourceOrganization"] == {"@type": "Organization", "name": "Agence"}
    assert '<link rel="canonical" href="https://agence.example/story">' in html


def test_every_reader_page_has_a_canonical_link(newsroom, client):
    story = newsroom.article(title="Floods")
    for page in (newsroom.home, newsroom.section, story, newsroom.topic, newsroom.author):
        html = client.get(page.url).content.decode()
        assert f'<link rel="canonical" href="{page.full_url}">' in html


def test_every_demo_article_has_complete_structured_data(db, client):
    from django.core.management import call_command

    from dateline.news.queries import public_articles

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    articles = list(public_articles().prefetch_related("corrections"))
    if not articles:
        pytest.skip("the demo generator created no articles")

    required = [
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "mainEntityOfPage",
        "isAccessibleForFree",
        "url",
    ]
    for page in articles:
        data = json_ld(client, page.url)
        article = data["NewsArticle"]
        for field in required:
            assert article.get(field), (page.title, field)
        assert all(a["@type"] == "Person" and a["url"] for a in article["author"]), page.title
        assert article["publisher"]["logo"]["url"], page.title
        assert [i["position"] for i in data["BreadcrumbList"]["itemListElement"]] == [1, 2, 3]
        if page.lead_image_id:
            assert article["image"][0]["url"], page.title
            # The demo's pictures are its own illustrations, credited to the newsroom.
            assert article["image"][0]["creditText"] == page.lead_image_credit, page.title
            assert article["image"][0]["copyrightHolder"]["name"], page.title
        if page.dateline_place:
            assert article["locationCreated"]["name"], page.title
        if any(c.kind in ("correction", "clarification") for c in page.corrections.all()):
            assert article["correction"][0]["@type"] == "CorrectionComment", page.title


def test_a_story_in_another_language_says_so_and_carries_its_copyright_notice(newsroom, client):
    NewsroomSettings.objects.update_or_create(
        site=newsroom.home.get_site(), defaults={"language": "en-GB"}
    )
    plain = newsroom.article(title="Our own story")
    french = newsroom.article(
        title="Crue à Mopti",
        language="fr",
        copyright_notice="(c) 2026 Sahel Press",
        usage_terms="Not for use before broadcast.",
    )

    ours = json_ld(client, plain.url)["NewsArticle"]
    theirs = json_ld(client, french.url)["NewsArticle"]
    page = lxml_html.fromstring(client.get(french.url).content)
    html = client.get(french.url).content.decode()

    assert ours["inLanguage"] == "en-GB"
    assert "copyrightNotice" not in ours
    assert theirs["inLanguage"] == "fr"
    assert theirs["copyrightNotice"] == "(c) 2026 Sahel Press"
    # The story's text is marked as French; the site around it keeps the site's language.
    assert page.xpath("//article[@class='story']/@lang") == ["fr"]
    assert page.xpath("/html/@lang") == ["en-GB"]
    assert not lxml_html.fromstring(client.get(plain.url).content).xpath("//article[@lang]")
    # Usage terms are instructions to editors, never shown to readers.
    assert "Not for use before broadcast" not in html
