"""Reader pages' markup: forms that post somewhere real, a refused comment that lands the reader
on the error, comments that are not untitled sections, images that load responsively."""

from __future__ import annotations

from lxml import html as lxml_html

from tests.news.findability import fresh_caches, make_image  # noqa: F401 - autouse fixture


def tree(response):
    assert response.status_code in (200, 400), response.status_code
    return lxml_html.fromstring(response.content)


def test_no_reader_form_has_an_empty_action(client, approved_comment):
    for url in ("/discussion/privacy/", f"/discussion/report/{approved_comment.pk}/"):
        forms = tree(client.get(url)).xpath("//main//form")
        assert forms, url
        for form in forms:
            assert form.get("action") != "", url


def test_the_comment_form_posts_to_its_own_anchor_so_an_error_is_in_view(client, article, post):
    page = tree(client.get(article.url))
    assert page.xpath("//form[@id='commentform']/@action") == ["/discussion/post/#respond"]

    refused = tree(post(article, email="not-an-address"))
    assert refused.xpath("//*[@id='respond']//*[@role='alert' or @class='field-error']")
    assert refused.xpath("//form[@id='commentform']/@action") == ["/discussion/post/#respond"]


def test_comments_are_not_untitled_articles(client, article, approved_comment):
    page = tree(client.get(article.url))
    assert page.xpath(f"//li[@id='comment-{approved_comment.pk}']")
    assert not page.xpath("//li[contains(@class, 'comment')]//article")


def test_lead_images_load_first_and_every_image_offers_sizes(client, newsroom):
    image = make_image()
    story = newsroom.article(
        title="Pictured",
        lead_image=image,
        body=[("image", {"image": image, "caption": "A figure", "credit": "Luc"})],
    )

    article = tree(client.get(story.url))
    lead = article.xpath("//figure[@class='story__lead']//img")[0]
    assert lead.get("fetchpriority") == "high" and lead.get("loading") != "lazy"
    body = article.xpath("//figure[@class='story__image']//img")[0]
    assert body.get("loading") == "lazy"
    for img in (lead, body):
        assert len(img.get("srcset").split(",")) >= 3 and img.get("sizes")

    front = tree(client.get("/"))
    first = front.xpath("//section[@class='lead-story']//img")[0]
    assert first.get("fetchpriority") == "high" and first.get("loading") != "lazy"
    assert first.get("srcset") and first.get("sizes")

    section = tree(client.get(newsroom.section.url))
    assert section.xpath("//img[@class='card__image']")[0].get("fetchpriority") == "high"
