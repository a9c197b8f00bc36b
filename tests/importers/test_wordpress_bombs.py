"""Hostile content inside an export: an image bomb in the uploads, deeply nested HTML in a body.
Each costs only itself (the image, or the body's depth), with a line in the report."""

from __future__ import annotations

import re

import pytest

from dateline.importers.wordpress.body import BodyContext, plain_text, to_blocks
from dateline.importers.wordpress.depth import MAX_DEPTH, flatten
from dateline.news.models import ArticlePage
from tests.bombs import nested_divs, png_bomb

from .wordpress_helpers import HARBOUR, counts_line, offline_embeds, run_import, uploads

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


@pytest.mark.parametrize("depth", [1_000, 16_000, 50_000])
def test_deeply_nested_html_is_flattened_with_its_text_kept_and_a_note(depth):
    context = BodyContext()
    found = to_blocks(f"<p>Before.</p>{nested_divs(depth)}<p>After.</p>", context)
    html = "".join(str(value) for kind, value in found if kind == "paragraph")
    assert "Before." in html and "deep inside" in html and "After." in html
    assert html.count("<div") == 0  # containers become paragraphs, as at any depth
    assert context.notes == [
        f"the body nests {depth:,} elements deep: tags below {MAX_DEPTH} levels were removed, "
        "their text kept"
    ]
    assert "deep inside" in plain_text(nested_divs(depth))


def test_nesting_within_the_limit_reaches_the_sanitiser_unchanged():
    html = "<div>" * 40 + "<p>A <b>bold <i>claim</i></b>.</p>" + "</div>" * 40
    assert flatten(html) == (html, 42)  # <p> closes itself: it never nests
    context = BodyContext()
    to_blocks(html, context)
    assert context.notes == []


def test_misnested_and_unclosed_tags_do_not_count_as_depth():
    html = "<p>one<p>two<li>three<li>four" * 500 + "<b>x</i></b>" * 500
    assert flatten(html)[1] <= 2


def test_a_post_nested_50000_deep_is_imported_flattened_with_a_line_in_the_report(tmp_path):
    text = HARBOUR.read_text(encoding="utf-8")
    assert "The ferry did not sail." in text
    export = tmp_path / "deep.xml"
    export.write_text(
        text.replace("The ferry did not sail.", "The ferry did not sail." + nested_divs(50_000)),
        encoding="utf-8",
    )
    stdout, _ = run_import(export)
    story = ArticlePage.objects.get(title="Storm closes the harbour")
    assert "deep inside" in "".join(
        str(b.value.source) for b in story.body if b.block_type == "paragraph"
    )
    line = next(line for line in stdout.splitlines() if "Storm closes the harbour" in line)
    assert "50,000 elements deep" in line


def test_the_comments_of_a_skipped_post_are_lines_of_the_table_so_it_adds_up(tmp_path):
    text = HARBOUR.read_text(encoding="utf-8")
    comment = (
        "<wp:comment><wp:comment_id>{n}</wp:comment_id>"
        "<wp:comment_author><![CDATA[Bea]]></wp:comment_author>"
        "<wp:comment_author_email><![CDATA[bea@example.org]]></wp:comment_author_email>"
        "<wp:comment_date_gmt><![CDATA[2024-03-11 13:00:00]]></wp:comment_date_gmt>"
        "<wp:comment_content><![CDATA[Binned too.]]></wp:comment_content>"
        "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
        "<wp:comment_parent>0</wp:comment_parent></wp:comment>"
    )
    marker = "<wp:post_name><![CDATA[binned-story__trashed]]></wp:post_name>"
    assert marker in text
    export = tmp_path / "skipped.xml"
    comments = "".join(comment.format(n=n) for n in (900, 901, 902))
    export.write_text(text.replace(marker, marker + comments), encoding="utf-8")
    stdout, _ = run_import(export)
    heading_count = int(re.search(r"(\d+) comments", stdout.splitlines()[0]).group(1))
    assert heading_count == 12
    assert sum(counts_line(stdout, "comments")) == heading_count
    assert counts_line(stdout, "comments")[3] == 3
    assert "its post was not imported (the post is in WordPress's trash state)" in stdout


def test_a_loose_image_bomb_in_a_body_is_left_out_with_a_line_in_the_report(uploads, tmp_path):
    (uploads / "2024" / "03" / "loose.png").write_bytes(png_bomb(12000, 12000))
    text = HARBOUR.read_text(encoding="utf-8")
    loose = '<img src="https://harbour.example/wp-content/uploads/2024/03/loose.png" alt="" />'
    export = tmp_path / "loose.xml"
    export.write_text(
        text.replace("The ferry did not sail.", "The ferry did not sail." + loose), encoding="utf-8"
    )
    stdout, _ = run_import(export, "--uploads", str(uploads))
    story = ArticlePage.objects.get(title="Storm closes the harbour")
    assert story.live
    refused = [line for line in stdout.splitlines() if "loose.png" in line]
    assert refused and "144,000,000 pixels" in refused[0]
