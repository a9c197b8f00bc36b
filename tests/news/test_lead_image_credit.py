"""The lead image's credit is a field of its own: printed under the picture, in the article's
structured data (creditText; copyrightHolder when the newsroom itself holds it) and the API.

Found: the lead image had no credit field; the demo wrote the credit into the caption.
"""

from __future__ import annotations

import extruct
import pytest
from bs4 import BeautifulSoup

from dateline.news import services

from .findability import (
    fresh_caches,  # noqa: F401 - an autouse fixture
    make_image,
)

pytestmark = pytest.mark.django_db


def _image_data(client, url) -> dict:
    response = client.get(url)
    items = extruct.extract(response.content, base_url="http://localhost/", syntaxes=["json-ld"])
    article = next(i for i in items["json-ld"] if i["@type"] == "NewsArticle")
    return article["image"][0]


@pytest.fixture
def agency_photo(newsroom):
    return newsroom.article(
        title="Floods in Mopti",
        lead_image=make_image("Flooded street"),
        lead_image_caption="A flooded street in Mopti",
        lead_image_credit="Photo: Ana Ruiz/AFP",
    )


def test_the_credit_is_printed_under_the_lead_image_after_the_caption(client, agency_photo):
    soup = BeautifulSoup(client.get(agency_photo.url).content, "html.parser")
    caption = soup.select_one(".story__lead figcaption")
    assert caption.select_one(".credit").get_text() == "Photo: Ana Ruiz/AFP"
    assert caption.get_text(" ", strip=True) == "A flooded street in Mopti Photo: Ana Ruiz/AFP"


def test_a_credit_without_a_caption_still_shows(client, newsroom):
    story = newsroom.article(
        title="Credit only", lead_image=make_image("Street"), lead_image_credit="Photo: Ana Ruiz"
    )
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert soup.select_one(".story__lead figcaption .credit").get_text() == "Photo: Ana Ruiz"


def test_an_agency_credit_is_credit_text_with_no_guessed_copyright_holder(client, agency_photo):
    image = _image_data(client, agency_photo.url)
    assert image["creditText"] == "Photo: Ana Ruiz/AFP"
    assert image["caption"] == "A flooded street in Mopti"
    assert "copyrightHolder" not in image


def test_the_newsrooms_own_picture_names_it_as_copyright_holder(client, newsroom):
    story = newsroom.article(
        title="Drawn here",
        lead_image=make_image("Map"),
        lead_image_credit="Illustration: The Dateline",
    )
    image = _image_data(client, story.url)
    assert image["creditText"] == "Illustration: The Dateline"
    assert image["copyrightHolder"]["@type"] == "NewsMediaOrganization"
    assert image["copyrightHolder"]["name"] == "The Dateline"


def test_no_credit_no_credit_text(client, newsroom):
    story = newsroom.article(title="Uncredited", lead_image=make_image("Street"))
    image = _image_data(client, story.url)
    assert "creditText" not in image and "copyrightHolder" not in image
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert soup.select_one(".story__lead .credit") is None


def test_the_api_gives_the_credit(client, agency_photo):
    item = client.get(f"/api/v2/articles/{agency_photo.pk}/").json()
    assert item["lead_image"]["credit"] == "Photo: Ana Ruiz/AFP"
    assert item["lead_image"]["caption"] == "A flooded street in Mopti"


def test_editors_set_the_credit_in_the_lead_image_panel_and_revise_it(admin_client, agency_photo):
    form = admin_client.get(f"/admin/pages/{agency_photo.pk}/edit/").content.decode()
    assert 'name="lead_image_credit"' in form
    revised = services.revise_article(agency_photo, lead_image_credit="Photo: Ana Ruiz/Reuters")
    assert revised.lead_image_credit == "Photo: Ana Ruiz/Reuters"
