"""Image bombs (small files announcing huge images) are refused from their header: a form
error, never a 500, and never decoded first."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ImageFile
from wagtail.images import get_image_model

from dateline.core.images import HeaderCheckedImageField
from tests.bombs import png_bomb

BOMBS = {
    "49 megapixels": (7000, 7000),
    "144 megapixels": (12000, 12000),
    "210 megapixels, past Pillow's hard stop": (15000, 14000),
    "one side too long": (40000, 10),
}


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail the test if anything decodes an image's pixels."""

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"decoded a {self.size} image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


@pytest.mark.parametrize("size", BOMBS.values(), ids=BOMBS.keys())
def test_an_image_bomb_is_refused_from_its_header_without_decoding(size, no_decoding):
    upload = SimpleUploadedFile("bomb.png", png_bomb(*size))
    with pytest.raises(ValidationError) as refused:
        HeaderCheckedImageField().clean(upload)
    assert "pixels" in " ".join(refused.value.messages)


def test_an_ordinary_image_still_passes():
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (640, 480), (20, 90, 160)).save(data, "PNG")
    cleaned = HeaderCheckedImageField().clean(SimpleUploadedFile("photo.png", data.getvalue()))
    assert cleaned.image.get_size() == (640, 480)


@pytest.mark.django_db
@pytest.mark.parametrize("size", BOMBS.values(), ids=BOMBS.keys())
def test_uploading_an_image_bomb_in_the_admin_is_a_form_error(admin_client, size, no_decoding):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Bomb", "file": SimpleUploadedFile("bomb.png", png_bomb(*size))},
    )
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_the_admin_multiple_upload_refuses_an_image_bomb_as_a_form_error(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"title": "Bomb", "files[]": SimpleUploadedFile("bomb.png", png_bomb(15000, 14000))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_the_image_chooser_upload_refuses_an_image_bomb_as_a_form_error(admin_client, no_decoding):
    """The third upload path: the chooser's own upload tab, inside the page editor."""
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Bomb",
            "image-chooser-upload-file": SimpleUploadedFile("bomb.png", png_bomb(12000, 12000)),
        },
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["step"] == "reshow_creation_form"
    assert "pixels" in answer["htmlFragment"]
    assert not get_image_model().objects.exists()
