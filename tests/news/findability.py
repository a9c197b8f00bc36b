"""Real image files for tests of lead images, renditions and enclosures."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


@pytest.fixture(autouse=True)
def fresh_caches():
    """Empty the caches before each test that imports this fixture.

    Wagtail caches renditions by image id; database ids are reused after a test's rollback,
    while each test has its own MEDIA_ROOT, so a rendition cached by an earlier test would
    point at a file that is not there.
    """
    for cache in caches.all(initialized_only=True):
        cache.clear()


def make_image(title: str = "Lead image", width: int = 1600, height: int = 900, **fields):
    """A Wagtail image backed by a real JPEG in MEDIA_ROOT."""
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (150, 40, 40)).save(buffer, "JPEG")
    buffer.seek(0)
    name = "".join(c if c.isalnum() else "-" for c in title.lower()) + ".jpg"
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=name), **fields
    )


def hidden_articles(newsroom) -> dict:
    """One article of each kind no reader may see, plus a public one with a pending draft.

    Returns titles and texts that must never appear in a feed, sitemap, search or the API:
    a draft, a story scheduled for tomorrow, a password-protected story, and the unpublished
    revision of a public story (whose published version stays visible).
    """
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    newsroom.article(title="Zanzibar draft never published", publish=False)
    newsroom.article(
        title="Zanzibar embargoed until tomorrow",
        published_at=timezone.now() + timedelta(days=1),
    )
    private = newsroom.article(title="Zanzibar behind a password")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    revised = newsroom.article(
        title="Harbour reopens",
        standfirst="The harbour reopened on Monday.",
        body=[("paragraph", "<p>Ships docked again.</p>")],
    )
    draft = revised.get_latest_revision_as_object()
    draft.title = "Zanzibar headline still in draft"
    draft.standfirst = "Zanzibar standfirst still in draft."
    draft.save_revision()
    return {
        "public": revised,
        "forbidden": [
            "Zanzibar draft never published",
            "Zanzibar embargoed until tomorrow",
            "Zanzibar behind a password",
            "Zanzibar headline still in draft",
            "Zanzibar standfirst still in draft",
        ],
    }
