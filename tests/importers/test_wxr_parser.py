"""Specifications for the streaming WXR parser (no Django needed)."""

from __future__ import annotations

import io
import time
import tracemalloc
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dateline.importers.wxr import (
    Author,
    Category,
    ParseProblem,
    Post,
    Tag,
    Term,
    WXRReader,
    WXRRefused,
)
from dateline.importers.wxr import parser as wxr_parser
from tests.corpora import corpus_names, corpus_path

FIXTURES = Path(__file__).parent / "fixtures"
WP12 = "http://wordpress.org/export/1.2/"


def wxr(body: str = "", *, ns: str = WP12, version: str = "1.2", prefix: str = "wp") -> bytes:
    """A minimal export around ``body`` (channel children), written with ``prefix`` for wp."""
    version_tag = f"<{prefix}:wxr_version>{version}</{prefix}:wxr_version>" if version else ""
    return (
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<rss version="2.0" xmlns:{prefix}="{ns}"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f"<channel>\n<title>T</title>\n{version_tag}\n{body}\n</channel>\n</rss>\n"
        )
        .replace("wp:", f"{prefix}:")
        .encode()
    )


def item(post_id: str = "1", extra: str = "") -> str:
    return f"<item><title>P{post_id}</title><wp:post_id>{post_id}</wp:post_id>{extra}</item>\n"


def read(data: bytes) -> tuple[list, list[ParseProblem]]:
    reader = WXRReader(io.BytesIO(data))
    return list(reader), reader.problems


def storm_post() -> Post:
    """The first post of the newsroom fixture, which carries the comments and the meta."""
    with WXRReader(FIXTURES / "wxr-1.1-newsroom.xml") as reader:
        return next(r for r in reader if isinstance(r, Post))


def only_post(data: bytes) -> Post:
    records, _ = read(data)
    (post,) = [r for r in records if isinstance(r, Post)]
    return post


# --- refusing hostile or foreign input -------------------------------------------------------


def test_doctype_is_refused_before_any_item():
    data = wxr(item()).replace(b"<rss", b"<!DOCTYPE rss>\n<rss", 1)
    reader = WXRReader(io.BytesIO(data))
    records = []
    with pytest.raises(WXRRefused, match="declares a DOCTYPE"):
        records.extend(reader)
    assert records == []


def test_billion_laughs_is_refused_at_once_without_growing_memory(tmp_path):
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) + "\n]>\n"
        f'<rss xmlns:wp="{WP12}"><channel><wp:wxr_version>&lol9;</wp:wxr_version>'
        "</channel></rss>\n"
    )
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(WXRRefused, match="DOCTYPE") as refused:
            list(WXRReader(bomb))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 2 * 1024 * 1024, f"peak {peak} bytes"
    assert "entity-expansion" in refused.value.reason


def test_external_entity_is_refused_before_it_is_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        f'<rss xmlns:wp="{WP12}"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        "<item><title>&xxe;</title></item></channel></rss>"
    ).encode()
    with pytest.raises(WXRRefused, match="DOCTYPE"):
        read(data)


def test_undeclared_entity_reference_is_refused_as_not_well_formed():
    with pytest.raises(WXRRefused, match="not well-formed XML at line 1"):
        read(b'<rss xmlns:wp="' + WP12.encode() + b'">&xxe;</rss>')


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b'{"posts": []}', "not well-formed XML"),
        (b"\x00\x01\x02binary", "not well-formed XML"),
        (b"PK\x03\x04zipped export", "ZIP archive"),
        (b"\x1f\x8b\x08gzip", "gzip"),
        (b"<rss><channel><title>half", "not well-formed XML"),
    ],
)
def test_input_that_is_not_xml_is_refused_with_a_reason(data, reason):
    with pytest.raises(WXRRefused, match=reason):
        read(data)


def test_atom_feed_is_refused_because_the_root_is_not_rss():
    with pytest.raises(WXRRefused, match="root element is <{http://www.w3.org/2005/Atom}feed>"):
        read(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')


def test_plain_rss_feed_without_wxr_version_is_refused_before_its_items():
    with pytest.raises(WXRRefused, match="no <wp:wxr_version> before the first <item>"):
        read(wxr(item(), version=""))


def test_rss_with_no_items_and_no_version_is_refused():
    with pytest.raises(WXRRefused, match="no <wp:wxr_version>"):
        read(wxr("", version=""))


def test_wxr_version_that_is_not_a_number_is_refused():
    with pytest.raises(WXRRefused, match="'abc', not a version number"):
        read(wxr(item(), version="abc"))


def test_wxr_version_in_a_foreign_namespace_does_not_count():
    with pytest.raises(WXRRefused, match="no <wp:wxr_version>"):
        read(wxr(item(), ns="http://example.com/not-wordpress/"))


# --- reading exports --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ns",
    [
        "http://wordpress.org/export/1.0/",
        "http://wordpress.org/export/1.1/",
        "http://wordpress.org/export/1.2/",
        "https://wordpress.org/export/1.2/",  # what WordPress.com writes
    ],
)
def test_every_wxr_namespace_version_is_read(ns):
    reader = WXRReader(io.BytesIO(wxr(item("7"), ns=ns)))
    (post,) = list(reader)
    assert post.post_id == 7
    assert reader.site.wp_namespace == ns


def test_wp_namespace_is_recognised_whatever_prefix_the_file_binds_it_to():
    assert only_post(wxr(item("8"), prefix="wordpress")).post_id == 8


def test_records_are_yielded_in_document_order_with_their_fields():
    with WXRReader(FIXTURES / "wxr-1.1-newsroom.xml") as reader:
        records = list(reader)
    assert [type(r).__name__ for r in records] == [
        "Author",
        "Category",
        "Category",
        "Tag",
        "Term",
        "Post",
        "Post",
        "Post",
    ]
    assert records[0] == Author(
        login="mira",
        author_id=7,
        email="mira@gazette.example",
        display_name="Mira Ø. Lund",
        first_name="Mira",
        last_name="Lund",
    )
    assert records[2] == Category(
        nicename="ferries",
        name="Ferries",
        term_id=4,
        parent="port",
        description="Timetables and strikes",
    )
    assert records[1].name == "Port & Shipping"
    assert records[3] == Tag(slug="weather", name="Weather", term_id=9)
    assert records[4] == Term(taxonomy="nav_menu", slug="main", name="Main menu", term_id=12)
    post, page, attachment = records[5:]
    assert (post.post_id, post.post_type, post.post_name, post.status) == (
        101,
        "post",
        "storm",
        "publish",
    )
    assert post.guid == "https://gazette.example/?p=101"
    assert post.is_sticky and post.author == "mira" and post.ping_status == "closed"
    assert post.content.startswith("<p>Gusts of <strong>110 km/h</strong>")
    assert post.excerpt == "Terminal shut by storm."
    assert post.categories == (
        ("category", "ferries", "Ferries"),
        ("post_tag", "weather", "Weather"),
    )
    assert post.pub_date == post.post_date_gmt == datetime(2014, 3, 5, 8, 0, tzinfo=UTC)
    assert post.line == 26
    assert (page.post_type, page.password, page.menu_order, page.comment_status) == (
        "page",
        "harbour",
        3,
        "closed",
    )
    assert attachment.post_parent == 101
    assert attachment.attachment_url.endswith("/2014/03/terminal.jpg")


def test_site_can_be_read_before_iterating_and_no_record_is_lost():
    reader = WXRReader(FIXTURES / "wxr-1.1-newsroom.xml")
    site = reader.site
    assert (site.title, site.wxr_version, site.language) == ("The Harbour Gazette", "1.1", "en-GB")
    assert site.base_site_url == "https://gazette.example"
    assert site.pub_date == datetime(2014, 3, 5, 9, 30, tzinfo=UTC)
    assert isinstance(next(iter(reader)), Author)
    reader.close()


@pytest.mark.parametrize("name", ["wxr-1.1-newsroom.xml", "wxr-1.2-broken-items.xml"])
def test_chunk_boundaries_change_nothing_that_is_read(monkeypatch, name):
    whole = WXRReader(FIXTURES / name)
    expected = list(whole)
    monkeypatch.setattr(wxr_parser, "_CHUNK", 7)
    chunked = WXRReader(FIXTURES / name)
    site = chunked.site  # read ahead in 7-byte steps, then iterate what was kept
    assert (list(chunked), chunked.problems, site) == (expected, whole.problems, whole.site)


def test_reading_the_site_of_a_foreign_file_refuses_it():
    with pytest.raises(WXRRefused, match="root element is <html>"):
        _ = WXRReader(io.BytesIO(b"<html><body>Log in</body></html>")).site


def test_a_file_object_passed_in_is_left_open():
    stream = io.BytesIO(wxr(item()))
    list(WXRReader(stream))
    assert not stream.closed


def test_split_cdata_sections_are_joined_into_one_text():
    post = storm_post()
    assert "The CDATA end marker ]]> survives when split." in post.content


def test_unescaped_html_in_content_is_kept_as_markup():
    post = only_post(wxr(item(extra="<content:encoded>Hi <p>there</p> you</content:encoded>")))
    assert post.content == "Hi <p>there</p> you"


def test_content_nested_too_deeply_skips_only_its_item():
    deep = "<b>" * 5000 + "x" + "</b>" * 5000
    records, problems = read(
        wxr(item("1", f"<content:encoded>{deep}</content:encoded>") + item("2"))
    )
    assert [r.post_id for r in records] == [2]
    assert problems[0].message == "<item> skipped: <content:encoded> is nested too deeply"


def test_repeated_postmeta_keys_keep_every_value_in_order():
    post = storm_post()
    assert post.postmeta["enclosure"] == (
        "https://gazette.example/a.mp3\n1234\naudio/mpeg\n",
        "https://gazette.example/b.mp3",
    )
    assert post.meta("_thumbnail_id") == "103"
    assert post.meta("missing") is None


def test_comments_carry_threading_status_and_type():
    post = storm_post()
    by_id = {c.comment_id: c for c in post.comments}
    assert [c.comment_id for c in post.comments] == [501, 502, 503, 504, 505, 506]
    assert (by_id[501].parent_id, by_id[502].parent_id) == (0, 501)
    assert by_id[501].date_gmt == datetime(2014, 3, 5, 9, 0, tzinfo=UTC)
    assert (by_id[501].author_ip, by_id[501].author_url) == ("192.0.2.10", "https://ole.example")
    assert by_id[501].comment_type == "comment"  # empty in older exports
    assert by_id[504].comment_type == "pingback"
    assert by_id[502].user_id == 7
    assert by_id[502].meta == {"akismet_result": ("false",)}


@pytest.mark.parametrize(
    ("approved", "status"),
    [
        ("1", "approved"),
        ("0", "pending"),
        ("spam", "spam"),
        ("trash", "trash"),
        ("post-trashed", "pending"),
        ("", "pending"),
    ],
)
def test_comment_approved_values_map_to_dateline_statuses(approved, status):
    comment = f"<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_approved>{approved}"
    comment += "</wp:comment_approved></wp:comment>"
    (parsed,) = only_post(wxr(item(extra=comment))).comments
    assert (parsed.approved, parsed.status) == (approved, status)


def test_old_export_without_optional_elements_is_read():
    reader = WXRReader(FIXTURES / "wxr-1.0-old-export.xml")
    records = list(reader)
    assert reader.problems == []
    assert [type(r) for r in records] == [Category, Tag, Post]
    assert records[0].term_id is None
    post = records[2]
    # No wp:post_date_gmt at all: the local date is taken as UTC.
    assert post.post_date_gmt == datetime(2010, 7, 3, 18, 20, tzinfo=UTC)
    assert post.is_sticky is False
    (comment,) = post.comments
    # No comment_parent element means a top-level comment; a zero GMT date falls back too.
    assert comment.parent_id == 0
    assert comment.date_gmt == datetime(2010, 7, 3, 19, 0, tzinfo=UTC)
    assert ("", "", "Uncategorized") in post.categories


def test_draft_with_zero_gmt_date_falls_back_to_its_local_date_as_utc():
    records = list(WXRReader(FIXTURES / "wxr-1.1-newsroom.xml"))
    page = records[6]
    assert page.status == "draft"
    assert page.post_date_gmt == datetime(2014, 3, 1, 12, 0, tzinfo=UTC)
    assert page.pub_date is None  # "Mon, 30 Nov -0001" is WordPress's zero date


def test_item_without_any_date_has_none():
    post = only_post(wxr(item()))
    assert (post.pub_date, post.post_date_gmt, post.modified_gmt) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "2014-03-05 08:00:00",
        "2014-03-05T08:00:00Z",
        "2014-03-05T10:00:00+02:00",
        "2014-03-05 08:00",
        "Wed, 05 Mar 2014 08:00:00 +0000",
        "Wed, 05 Mar 2014 09:00:00 +0100",
        "05 Mar 2014 08:00:00 GMT",
    ],
)
def test_dates_in_several_formats_become_aware_utc(text):
    post = only_post(wxr(item(extra=f"<wp:post_date_gmt>{text}</wp:post_date_gmt>")))
    assert post.post_date_gmt == datetime(2014, 3, 5, 8, 0, tzinfo=UTC)


# --- broken input: report and carry on ---------------------------------------------------------


def test_item_with_non_integer_post_id_is_reported_and_the_next_item_still_read():
    reader = WXRReader(FIXTURES / "wxr-1.2-broken-items.xml")
    records = list(reader)
    assert [r.title for r in records if isinstance(r, Post)] == ["First", "Third"]
    assert ParseProblem(1, 21, "<item> skipped: <wp:post_id> is '2x', not an integer") in (
        reader.problems
    )


def test_channel_element_with_bad_term_id_is_reported_without_an_item_index():
    reader = WXRReader(FIXTURES / "wxr-1.2-broken-items.xml")
    records = list(reader)
    assert [r.nicename for r in records if isinstance(r, Category)] == ["good"]
    assert reader.problems[0] == ParseProblem(
        None, 14, "<wp:category> skipped: <wp:term_id> is 'one', not an integer"
    )


def test_bad_comment_is_skipped_but_its_post_and_siblings_are_kept():
    reader = WXRReader(FIXTURES / "wxr-1.2-broken-items.xml")
    third = [r for r in reader if isinstance(r, Post)][-1]
    assert [c.content for c in third.comments] == ["kept"]
    assert (
        ParseProblem(2, 31, "<wp:comment> skipped: <wp:comment_id> is 'abc', not an integer")
        in reader.problems
    )


def test_unreadable_date_is_reported_and_left_empty_but_the_item_kept():
    reader = WXRReader(FIXTURES / "wxr-1.2-broken-items.xml")
    third = [r for r in reader if isinstance(r, Post)][-1]
    assert third.post_date_gmt is None
    problem = ParseProblem(
        2, 26, "<wp:post_date_gmt> 'next Tuesday' is not a date; left empty", skipped=False
    )
    assert problem in reader.problems


def test_truncated_file_yields_what_was_read_then_reports_the_break(tmp_path):
    full = (FIXTURES / "wxr-1.1-newsroom.xml").read_bytes()
    cut = full[: full.index(b"<wp:attachment_url>")]
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(cut)
    reader = WXRReader(truncated)
    posts = [r for r in reader if isinstance(r, Post)]
    assert [p.post_id for p in posts] == [101, 102]
    (problem,) = reader.problems
    assert problem.item_index == 2
    assert problem.line == cut.count(b"\n") + 1
    assert "XML syntax error" in problem.message and "after 2 complete items" in problem.message


def test_syntax_error_mid_file_stops_cleanly_with_its_line():
    data = wxr(item("1") + "<item><title>broken</titel></item>\n" + item("3"))
    reader = WXRReader(io.BytesIO(data))
    assert [r.post_id for r in reader] == [1]
    (problem,) = reader.problems
    bad_line = data[: data.index(b"</titel>")].count(b"\n") + 1
    assert (problem.item_index, problem.line) == (1, bad_line)


def test_memory_stays_flat_when_the_file_grows(tmp_path):
    def export(posts: int) -> Path:
        path = tmp_path / f"{posts}.xml"
        comment = (
            "<wp:comment><wp:comment_id>{}</wp:comment_id><wp:comment_content>"
            + "word " * 40
            + "</wp:comment_content></wp:comment>"
        )
        body = "".join(
            item(
                str(n),
                "<content:encoded>"
                + "text " * 200
                + "</content:encoded>"
                + "".join(comment.format(n * 10 + c) for c in range(3)),
            )
            for n in range(1, posts + 1)
        )
        path.write_bytes(wxr(body))
        return path

    def peak(path: Path) -> int:
        tracemalloc.start()
        try:
            count = sum(1 for _ in WXRReader(path))
            return tracemalloc.get_traced_memory()[1], count
        finally:
            tracemalloc.stop()

    small, large = export(300), export(1200)
    (small_peak, small_count), (large_peak, large_count) = peak(small), peak(large)
    assert (small_count, large_count) == (300, 1200)
    assert large_peak < small_peak * 1.5, (small_peak, large_peak)


# --- real exports from the shared corpora ------------------------------------------------------


@pytest.mark.corpora
def test_theme_unit_test_data_parses_completely():
    reader = WXRReader(corpus_path("wxr", "themeunittestdata.wordpress.xml"))
    records = list(reader)
    kinds = Counter(r.post_type if isinstance(r, Post) else type(r).__name__ for r in records)
    assert kinds == {
        "Author": 2,
        "Category": 67,
        "Tag": 110,
        "Term": 6,
        "post": 51,
        "page": 21,
        "attachment": 38,
        "nav_menu_item": 70,
    }
    comments = [c for r in records if isinstance(r, Post) for c in r.comments]
    assert len(comments) == 32
    assert sum(1 for c in comments if c.parent_id != 0) == 10
    assert reader.site.wp_namespace == "https://wordpress.org/export/1.2/"
    # One RSS date in the file has a five-digit year; it is reported, and the item kept.
    assert [(p.line, p.skipped) for p in reader.problems] == [(1867, False)]


@pytest.mark.corpora
def test_theme_unit_test_posts_sharing_a_guid_stay_distinct_by_post_id():
    posts = [
        r
        for r in WXRReader(corpus_path("wxr", "themeunittestdata.wordpress.xml"))
        if isinstance(r, Post) and r.post_type == "post"
    ]
    by_guid = Counter(p.guid for p in posts)
    shared = [guid for guid, n in by_guid.items() if n > 1]
    assert "https://wpthemetestdata.wordpress.com/?p=568" in shared
    ids = {p.post_id for p in posts if p.guid == "https://wpthemetestdata.wordpress.com/?p=568"}
    assert ids == {568, 1158}


@pytest.mark.corpora
def test_theme_unit_test_keeps_sticky_and_password_protected_posts():
    posts = {
        r.post_id: r
        for r in WXRReader(corpus_path("wxr", "themeunittestdata.wordpress.xml"))
        if isinstance(r, Post)
    }
    assert [p.post_id for p in posts.values() if p.is_sticky] == [1241]
    assert posts[1168].password == "enter"


@pytest.mark.corpora
@pytest.mark.parametrize("name", corpus_names("wxr", "wordpress-importer", pattern="*.xml"))
def test_wordpress_importer_fixture_parses_or_is_refused_cleanly(name):
    path = corpus_path("wxr", "wordpress-importer", name)
    try:
        records = list(WXRReader(path))
    except WXRRefused as refused:
        assert refused.reason.startswith("refused: ")
    else:
        assert all(isinstance(r, (Author, Category, Tag, Term, Post)) for r in records)


@pytest.mark.corpora
@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing-version-tag.xml", "no <wp:wxr_version>"), ("malformed.xml", "line 90")],
)
def test_wordpress_importer_broken_fixtures_are_refused(name, reason):
    with pytest.raises(WXRRefused, match=reason):
        list(WXRReader(corpus_path("wxr", "wordpress-importer", name)))


@pytest.mark.corpora
def test_wordpress_importer_crazy_cdata_is_reported_as_a_syntax_error():
    reader = WXRReader(corpus_path("wxr", "wordpress-importer", "crazy-cdata.xml"))
    assert list(reader) == []
    (problem,) = reader.problems
    assert (problem.item_index, problem.line) == (0, 18)


@pytest.mark.corpora
def test_wordpress_importer_serialized_postmeta_keeps_cdata_inside_values():
    (post,) = WXRReader(
        corpus_path("wxr", "wordpress-importer", "test-serialized-postmeta-with-cdata.xml")
    )
    assert post.meta("evil") == "<wp:meta_value>evil</wp:meta_value>"
    assert post.meta("contains-html") == "<pre>some html</pre>"
