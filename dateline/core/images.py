"""Images are judged by their header before anything decodes them.

Wagtail's upload field counts an image's pixels through Willow, which decodes the whole image
first (``PillowImage.open`` calls ``load()``): a 144-megapixel PNG of 420 KB took a process to
680 MB before it was refused, and past Pillow's own hard stop the upload answered 500 with an
unhandled ``DecompressionBombError``. Pillow's ``Image.open`` reads only the header, so the width,
height and frame count are checked from it, and a refusal is a form error. Every upload path uses
this field: Wagtail's image forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``) and the WordPress importer.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

DEFAULT_MAX_SIDE = 20_000


def header_size(file) -> tuple[int, int] | None:
    """(width, height) from the image's header, or None when Pillow cannot read it (SVG, or a
    format only Willow's other plugins know): those are left to Wagtail's own check.

    Raises ValidationError for an image past Pillow's hard stop (twice its MAX_IMAGE_PIXELS),
    which Pillow refuses to open at all."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as image:
                return image.size
    except PILImage.DecompressionBombError:
        raise ValidationError(
            "This image has far too many pixels to be accepted.", code="file_too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        file.seek(0)


def check_header(file, *, max_pixels: int | None, max_side: int) -> None:
    """Raise ValidationError when the header announces an image too large to decode."""
    size = header_size(file)
    if size is None:
        return
    width, height = size
    if max(width, height) > max_side:
        raise ValidationError(
            f"This image is {width:,} × {height:,} pixels; the longest side may be at most "
            f"{max_side:,} pixels.",
            code="image_side_too_long",
        )
    if max_pixels is not None and width * height > max_pixels:
        raise ValidationError(
            f"This image has {width * height:,} pixels ({width:,} × {height:,}); at most "
            f"{max_pixels:,} are accepted.",
            code="file_too_many_pixels",
        )


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing oversized images from their header before Willow decodes
    them. Frames count as one, as Wagtail's own check counts them with Pillow."""

    def check_image_pixel_size(self, f):
        if header_size(f) is None:  # not a Pillow format (SVG...): Wagtail's own check
            super().check_image_pixel_size(f)
            return
        check_header(
            f,
            max_pixels=self.max_image_pixels,
            max_side=getattr(settings, "DATELINE_IMAGE_MAX_SIDE", DEFAULT_MAX_SIDE),
        )


class DatelineImageForm(BaseImageForm):
    """Wagtail's image form with the header-checked file field (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    file = HeaderCheckedImageField(label="File")


def store_checked_image(name: str, data: bytes, *, title: str, description: str = ""):
    """A Wagtail image from bytes fetched or read by an importer, judged as an upload is (size,
    format, and the header's pixel count before anything decodes it); the library's copy when
    the same file is there already. Raises ValidationError with the reason when refused."""
    upload = SimpleUploadedFile(name, data)
    HeaderCheckedImageField().clean(upload)
    digest = hash_filelike(io.BytesIO(data))
    images = get_image_model()
    existing = images.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing
    upload.seek(0)
    image = images(title=title[:255], description=description[:255], file=upload)
    image.file_size = len(data)
    image.file_hash = digest
    image.save()
    return image
