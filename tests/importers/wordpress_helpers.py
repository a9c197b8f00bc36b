"""Shared helpers of the WordPress import tests: running the command, offline embeds, uploads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.embeds.finders.base import EmbedFinder

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR = FIXTURES / "wordpress-harbour.xml"


class OfflineEmbedFinder(EmbedFinder):
    """Claims YouTube and Vimeo like the oEmbed finder does, but answers without a request."""

    def accept(self, url):
        return any(host in url for host in ("youtube.com", "youtu.be", "vimeo.com"))

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "A video",
            "author_name": "",
            "provider_name": "Offline",
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": f'<p class="offline-embed">{url}</p>',
        }


@pytest.fixture
def offline_embeds(settings):
    from wagtail.embeds.finders import get_finders

    settings.WAGTAILEMBEDS_FINDERS = [
        {"class": "tests.importers.wordpress_helpers.OfflineEmbedFinder"}
    ]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of wp-content/uploads holding the harbour photo the fixture export names."""
    from PIL import Image

    folder = tmp_path / "uploads"
    (folder / "2024" / "03").mkdir(parents=True)
    Image.new("RGB", (64, 48), (20, 90, 160)).save(folder / "2024" / "03" / "harbour.png")
    return folder


def run_import(export, *args: str) -> tuple[str, str]:
    """Run `import wordpress EXPORT ...` as an operator would; returns (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "wordpress", str(export), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts_line(summary: str, kind: str) -> list[int]:
    """The five numbers (created, updated, unchanged, skipped, failed) of a summary row."""
    for line in summary.splitlines():
        parts = line.split()
        if parts and parts[0] == kind:
            return [int(n) for n in parts[1:6]]
    return [0, 0, 0, 0, 0]
