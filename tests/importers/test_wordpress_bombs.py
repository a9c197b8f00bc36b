"""Hostile content inside an export: an image bomb in the uploads, deeply nested HTML in a body.
Each costs only itself (the image, or the body's depth), with a line in the report."""

from __future__ import annotations

import pytest

from dateline.news.models import ArticlePage
from tests.bombs import png_bomb

from .wordpress_helpers import HARBOUR, offline_embeds, run_import, uploads

__all__ = ["offline_embeds", "uploads"]  # fixtures used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offline_embeds")]


def test_a_post_showing_an_image_bomb_is_imported_without_it_and_the_report_says_so(uploads):
    (uploads / "2024" / "03" / "harbour.png").write_bytes(png_bomb(15000, 14000))
    stdout, _ = run_import(HARBOUR, "--uploads", str(uploads))
    story = ArticlePage.objects.get(title="Storm closes the harbour")
    assert story.live
    assert story.lead_image is None
    assert [b.block_type for b in story.body if b.block_type == "image"] == []
    refused = [line for line in stdout.splitlines() if "harbour.png" in line]
    assert refused and "pixels" in refused[0]
