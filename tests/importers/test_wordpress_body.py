"""WordPress HTML into article body blocks: what is kept, what is made safe, what is dropped."""

from __future__ import annotations

import json
import re

import pytest

from dateline.importers.wordpress.body import BodyContext, excerpt, plain_text, to_blocks

IMAGE = object()


def context(**overrides) -> BodyContext:
    """Images with an attachment id resolve; YouTube and Vimeo are embeddable."""
    values = {
        "resolve_image": lambda src, attachment_id: IMAGE if attachment_id else None,
        "embeddable": lambda url: "youtube.com" in url or "vimeo.com" in url,
        "gallery_ids": lambda: [5, 6],
        "credit": "The Harbour Post",
    }
    values.update(overrides)
    return BodyContext(**values)


def blocks(html: str, **overrides):
    return to_blocks(html, context(**overrides))


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    assert blocks("One\ntwo\n\nThree") == [("paragraph", "<p>One<br/>two</p><p>Three</p>")]


def test_headings_lists_quotes_and_links_are_kept_in_wagtails_vocabulary():
    html = (
        "<h1>Top</h1><h4>Low</h4><p><strong>b</strong> <em>i</em></p>"
        "<ol><li>one<ul><li>nested</li></ul></li></ol>"
        "<blockquote><p>first</p><p>second</p></blockquote>"
        '<p><a href="https://example.org/x" title="t" target="_blank">link</a></p>'
    )
    ((kind, rich),) = blocks(html)
    assert kind == "paragraph"
    assert rich == (
        "<h2>Top</h2><h3>Low</h3><p><b>b</b> <i>i</i></p>"
        "<ol><li>one<ul><li>nested</li></ul></li></ol>"
        "<blockquote>first<br/>second</blockquote>"
        '<p><a href="https://example.org/x">link</a></p>'
    )


def test_the_rich_text_opens_in_wagtails_editor_without_losing_text():
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from dateline.news.blocks import PARAGRAPH_FEATURES

    ((_, rich),) = blocks("<h2>Head</h2><ul><li>a</li></ul><blockquote>q</blockquote><p>t</p>")
    state = json.loads(ContentstateConverter(PARAGRAPH_FEATURES).from_database_format(rich))
    assert [(b["type"], b["text"]) for b in state["blocks"]] == [
        ("header-two", "Head"),
        ("unordered-list-item", "a"),
        ("blockquote", "q"),
        ("unstyled", "t"),
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script><p>safe</p>",
        '<p onclick="alert(1)">safe</p>',
        '<p>safe<a href="javascript:alert(1)"></a></p>',
        '<p>safe</p><style>p{}</style><iframe src="javascript:x"></iframe>',
        '<p>safe<img src=x onerror="alert(1)"></p>',
        "<p>safe</p><!-- <script>alert(1)</script> -->",
    ],
)
def test_scripts_handlers_and_dangerous_urls_never_survive(hostile):
    out = json.dumps(blocks(hostile, resolve_image=lambda s, i: None))
    assert "safe" in out
    for word in ("script", "onclick", "onerror", "javascript", "style", "alert"):
        assert word not in out


def test_caption_shortcode_becomes_an_image_block_with_its_caption():
    html = (
        '[caption id="attachment_7" width="300"]<a href="/big.jpg">'
        '<img class="wp-image-7 size-medium" src="https://x/a-300x200.jpg" alt="Boats" /></a>'
        " Boats at dawn.[/caption]"
    )
    assert blocks(html) == [
        ("image", {"image": IMAGE, "caption": "Boats at dawn.", "credit": "The Harbour Post"})
    ]


def test_an_image_that_cannot_be_matched_stays_as_a_link_to_the_original():
    html = '<p><img src="https://elsewhere.example/pic.jpg" alt="A pier"> Text after.</p>'
    assert blocks(html) == [
        (
            "paragraph",
            '<p><a href="https://elsewhere.example/pic.jpg">A pier</a></p><p>Text after.</p>',
        )
    ]


def test_an_image_inside_a_paragraph_keeps_its_place_before_or_after_the_text():
    before = blocks('<p><img class="wp-image-3" src="https://x/a.jpg"> after</p>')
    after = blocks('<p>before <img class="wp-image-3" src="https://x/a.jpg"></p>')
    assert [k for k, _ in before] == ["image", "paragraph"]
    assert [k for k, _ in after] == ["paragraph", "image"]


def test_gallery_shortcode_becomes_one_image_per_attachment():
    assert [k for k, _ in blocks('[gallery ids="1,2,3"]')] == ["image", "image", "image"]
    assert [k for k, _ in blocks("[gallery]")] == ["image", "image"]  # the post's own


def test_a_url_alone_on_its_line_is_an_embed_when_a_provider_knows_it():
    html = "Watch:\n\nhttps://www.youtube.com/watch?v=abc\n\nhttps://unknown.example/page"
    assert blocks(html) == [
        ("paragraph", "<p>Watch:</p>"),
        ("embed", "https://www.youtube.com/watch?v=abc"),
        (
            "paragraph",
            '<p><a href="https://unknown.example/page">https://unknown.example/page</a></p>',
        ),
    ]


def test_embed_shortcodes_blocks_and_player_iframes_become_embeds():
    html = (
        "[embed]https://vimeo.com/1[/embed]"
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x"} --><figure><div>'
        "https://www.youtube.com/watch?v=x</div></figure><!-- /wp:embed -->"
        '<iframe src="https://www.youtube.com/embed/y"></iframe>'
    )
    assert blocks(html) == [
        ("embed", "https://vimeo.com/1"),
        ("embed", "https://www.youtube.com/watch?v=x"),
        ("embed", "https://www.youtube.com/watch?v=y"),
    ]


def test_unknown_shortcode_tags_go_but_bracketed_words_stay():
    html = '[contact-form to="x@y.z"][/contact-form] A [sic] remark. [button url="/x"]Go[/button]'
    assert blocks(html) == [("paragraph", "<p>A [sic] remark. Go</p>")]


def test_tables_keep_their_cells_as_lines():
    html = "<table><tr><th>Ship</th><th>Tons</th></tr><tr><td>Ada</td><td>9</td></tr></table>"
    assert blocks(html) == [("paragraph", "<p>Ship · Tons</p><p>Ada · 9</p>")]


def test_an_empty_body_gives_no_blocks():
    assert blocks("") == []
    assert blocks("<p>&nbsp;</p>\n\n<p> </p>") == []


def test_a_body_larger_than_any_story_is_refused():
    from dateline.importers.wordpress.body import BodyTooLarge

    with pytest.raises(BodyTooLarge):
        blocks("x" * (5 * 1024 * 1024 + 1))


def test_plain_text_keeps_paragraphs_and_link_addresses():
    html = 'First <b>para</b>.\n\nSee <a href="https://x.example/">x.example</a> and <a href="https://y.example/a">this</a>.'
    assert plain_text(html, links=True) == (
        "First para.\n\nSee x.example and this (https://y.example/a)."
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>One &amp; two</p>\n<p>Three &lt;four&gt;</p>",
        "Line one\nline two\n\nNew paragraph with caf\u00e9 &nbsp; &#39;quotes&#39;",
        "<p>  spaced\tout  </p><p></p>5 < 6 and 7 > 3",
        "plain words &notanentity; & more\r\nand\rmore",
    ],
)
def test_plain_text_of_paragraphs_alone_is_the_text_the_full_tree_gives(html, monkeypatch):
    from dateline.importers.wordpress import body

    fast = plain_text(html, links=True)
    monkeypatch.setattr(body, "_PARAGRAPHS_ONLY", re.compile(r"(?!)"))  # always the full tree
    assert plain_text(html, links=True) == fast


def test_automatic_excerpt_is_the_first_55_words():
    text = " ".join(f"w{i}" for i in range(100))
    assert excerpt(text) == " ".join(f"w{i}" for i in range(55)) + "…"
    assert excerpt("short text") == "short text"
