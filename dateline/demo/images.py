"""Demo pictures drawn on the spot with Pillow: no network, no stock photos, no licences.

Each picture is an abstract gradient with a few soft shapes and a caption-like label, so a
reader can tell at a glance that it stands in for a photograph. The same seed always draws the
same picture, which keeps the demo and its tests stable.
"""

from __future__ import annotations

import hashlib
import random
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1200, 675
PORTRAIT = 480

# Muted newsroom palettes: (top-left, bottom-right, accent).
PALETTES = [
    ((28, 52, 84), (196, 126, 74), (240, 214, 160)),
    ((18, 70, 66), (140, 170, 120), (230, 236, 200)),
    ((70, 32, 48), (220, 150, 110), (250, 225, 190)),
    ((30, 34, 40), (100, 130, 160), (210, 225, 235)),
    ((94, 60, 20), (230, 190, 110), (255, 240, 200)),
    ((40, 60, 110), (150, 100, 160), (235, 210, 240)),
    ((20, 80, 110), (90, 180, 190), (220, 245, 245)),
    ((60, 70, 40), (190, 170, 90), (245, 235, 190)),
]


def _gradient(size: tuple[int, int], start, end) -> Image.Image:
    """A diagonal two-colour gradient, built small and scaled up (fast, and smooth enough)."""
    vertical = Image.linear_gradient("L")
    ramp = Image.blend(vertical, vertical.rotate(90), 0.5).resize(size)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), ramp)


def _shapes(canvas: Image.Image, rng: random.Random, accent) -> Image.Image:
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    w, h = canvas.size
    for _ in range(rng.randint(4, 7)):
        r = rng.randint(h // 10, h // 3)
        x, y = rng.randint(-r, w), rng.randint(-r, h)
        draw.ellipse((x, y, x + 2 * r, y + 2 * r), fill=(*accent, rng.randint(30, 90)))
    for _ in range(rng.randint(2, 4)):
        y = rng.randint(h // 4, h)
        draw.line((0, y, w, y - rng.randint(-h // 3, h // 3)), fill=(*accent, 70), width=1)
    layer = layer.filter(ImageFilter.GaussianBlur(2))
    return Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")


def _label(canvas: Image.Image, text: str) -> None:
    """A dark band across the foot with the label, like a photo agency's caption strip."""
    draw = ImageDraw.Draw(canvas, "RGBA")
    w, h = canvas.size
    size = max(14, h // 22)
    font = ImageFont.load_default(size=size)
    band = size * 2
    draw.rectangle((0, h - band, w, h), fill=(0, 0, 0, 150))
    draw.text((size, h - band + size // 2), text, font=font, fill=(255, 255, 255))


def draw_picture(label: str, seed: str, size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    """JPEG bytes of an abstract picture labelled `label`; the same seed draws the same one."""
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    start, end, accent = rng.choice(PALETTES)
    # Drawn at a quarter of the size and scaled up: blurred shapes need no detail, and this is
    # what keeps a full demo seed to a few seconds.
    small = (max(1, size[0] // 4), max(1, size[1] // 4))
    canvas = _shapes(_gradient(small, start, end), rng, accent)
    canvas = canvas.resize(size, Image.Resampling.BICUBIC)
    _label(canvas, label)
    out = BytesIO()
    canvas.save(out, "JPEG", quality=78, optimize=True)
    return out.getvalue()


def draw_portrait(name: str) -> bytes:
    """A square head-and-shoulders silhouette on a gradient, with the person's initials."""
    rng = random.Random(hashlib.sha256(name.encode()).hexdigest())
    start, end, accent = rng.choice(PALETTES)
    canvas = _gradient((PORTRAIT, PORTRAIT), start, end)
    draw = ImageDraw.Draw(canvas)
    s = PORTRAIT
    draw.ellipse((s * 0.33, s * 0.18, s * 0.67, s * 0.52), fill=accent)
    draw.ellipse((s * 0.15, s * 0.58, s * 0.85, s * 1.25), fill=accent)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=s // 8)
    draw.text((s * 0.06, s * 0.04), initials, font=font, fill=(255, 255, 255))
    out = BytesIO()
    canvas.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def save_image(title: str, data: bytes):
    """Store JPEG bytes as a Wagtail image (in the root collection) and return it."""
    image_model = get_image_model()
    name = f"{slugify(title)[:60] or 'picture'}.jpg"
    image = image_model(title=title[:255], file=ImageFile(BytesIO(data), name=name))
    # The admin's upload form fills these in; a direct save does not, and renditions key on them.
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    image.save()
    return image
