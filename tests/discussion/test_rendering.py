"""A comment's text on the page: paragraphs, line breaks, nofollow links, and nothing else."""

from __future__ import annotations

from dateline.discussion.rendering import find_links, render_text

from .markup import live_markup


def test_blank_lines_make_paragraphs_and_newlines_make_breaks():
    assert render_text("one\ntwo\n\n\nthree") == "<p>one<br>two</p><p>three</p>"


def test_addresses_become_links_marked_nofollow_ugc_noopener():
    html = render_text("See https://example.org/a_(b), or www.example.net.")
    assert '<a href="https://example.org/a_(b)" rel="nofollow ugc noopener">' in html
    assert '<a href="http://www.example.net" rel="nofollow ugc noopener">www.example.net</a>.' in (
        html
    )


def test_markup_typed_by_a_reader_is_shown_as_text():
    html = render_text('<script>alert(1)</script><a href="javascript:x">y</a>')
    assert "&lt;script&gt;" in html
    assert not live_markup(html)


def test_only_http_addresses_are_linked():
    assert find_links("javascript:alert(1) data:text/html,x ftp://x.org http://") == []


def test_a_link_cannot_swallow_the_markup_around_it():
    html = render_text('http://x.org/"onmouseover="alert(1) and http://y.org/<b>')
    assert not live_markup(html)
    assert html.count("<a ") == 2
