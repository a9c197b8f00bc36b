"""Posting through the public form: what is held, what is refused, what the reader sees."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dateline.discussion import tokens
from dateline.discussion.models import Comment

from .conftest import aged_token, form_data


def only_comment():
    comments = list(Comment.objects.all())
    assert len(comments) == 1
    return comments[0]


def test_first_time_commenter_is_held_when_the_site_keeps_holding_first_comments(
    article, post, hold_first
):
    response = post(article)

    assert response.status_code == 303
    comment = only_comment()
    assert comment.status == Comment.Status.PENDING
    assert response["Location"].endswith(f"?awaiting={comment.pk}#comment-{comment.pk}")
    assert any("First-time commenter" in r["reason"] for r in comment.reasons)


def test_held_comment_is_shown_to_its_author_alone(article, post, client, hold_first):
    response = post(article)
    own_page = client.get(response["Location"])
    assert "Your comment is awaiting moderation" in own_page.content.decode()
    assert "A thoughtful remark about the floods." in own_page.content.decode()
    assert "no-store" in own_page["Cache-Control"]

    client.cookies.clear()
    anonymous = client.get(article.url)
    assert "A thoughtful remark about the floods." not in anonymous.content.decode()


def test_returning_commenter_with_the_cookie_of_an_approved_comment_is_approved(
    article, post, client
):
    from dateline.discussion import services

    first = post(article)
    assert first.status_code == 303
    services.moderate(only_comment(), "approve")

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        second = post(article, comment="And another thing.", token=aged_token(article))

    assert second.status_code == 303
    latest = Comment.objects.latest("pk")
    assert latest.status == Comment.Status.APPROVED
    assert second["Location"].endswith(f"#comment-{latest.pk}")
    assert "awaiting" not in second["Location"]


def test_spoofed_returning_commenter_with_known_name_and_email_is_held(
    article, approved_comment, post, hold_first
):
    # Same name and email as an approved commenter, but no cookie and no verified link.
    response = post(article, author=approved_comment.name, email="ada@example.org")

    assert response.status_code == 303
    spoof = Comment.objects.latest("pk")
    assert spoof.status == Comment.Status.PENDING
    assert any("without proof" in r["reason"] for r in spoof.reasons)


def test_a_forged_own_comments_cookie_is_no_proof(
    article, approved_comment, post, client, hold_first
):
    client.cookies[tokens.COMMENTS_COOKIE] = f"[{approved_comment.pk}]"  # not signed
    post(article)
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_honeypot_is_rejected(article, post):
    response = post(article, homepage="http://spam.example")
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert "looks automated" in response.content.decode()


def test_too_fast_post_is_rejected(article, post):
    response = post(article, token=tokens.form_token(article.pk))
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert "too fast" in response.content.decode()


@pytest.mark.parametrize("fraction", [0.0, 0.05, 0.47, 0.99])
def test_the_minimum_fill_time_is_never_shortened_by_the_tokens_resolution(
    article, post, settings, fraction
):
    """A token's stamp is coarser than the clock; a page got late in a tick must not count the
    rest of that tick as already spent (whole seconds, truncated, did: 2.1 s counted as 3)."""
    minimum = settings.DATELINE_DISCUSSION_FORM_MIN_SECONDS = 3
    got_page = timezone.now().replace(microsecond=0) + timedelta(seconds=fraction)
    with time_machine.travel(got_page, tick=False):
        token = tokens.form_token(article.pk)
    with time_machine.travel(got_page + timedelta(seconds=minimum - 0.01), tick=False):
        assert "too fast" in post(article, token=token).content.decode()
    with time_machine.travel(got_page + timedelta(seconds=minimum + 1), tick=False):
        assert post(article, token=token).status_code == 303


def test_the_writing_stamp_counts_to_the_millisecond(article, client, post, settings):
    """Edge copies count the fill time from the writing stamp (decision 0005): a post just under
    the minimum after focusing the comment box is too fast, wherever in a second writing began."""
    settings.DATELINE_DISCUSSION_CACHED_FORMS = True
    minimum = settings.DATELINE_DISCUSSION_FORM_MIN_SECONDS = 3
    began = timezone.now().replace(microsecond=900_000)
    stale = aged_token(article, seconds=1800)  # as an edge copy rendered 30 minutes ago holds
    with time_machine.travel(began, tick=False):
        assert client.get("/discussion/writing/").status_code == 204
    with time_machine.travel(began + timedelta(seconds=minimum - 0.01), tick=False):
        too_fast = post(article, token=stale)
    assert too_fast.status_code == 400 and "too fast" in too_fast.content.decode()
    with time_machine.travel(began + timedelta(seconds=minimum + 0.01), tick=False):
        assert post(article, token=stale).status_code == 303
    assert not any(r["check"] == "form_token" for r in only_comment().reasons)


def test_expired_form_is_refused_but_keeps_the_text(article, post):
    response = post(article, token=aged_token(article, seconds=3 * 3600), comment="Keep me, please")
    assert response.status_code == 400
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "expired" in html
    assert "Keep me, please</textarea>" in html


def test_forged_or_foreign_token_is_rejected(article, newsroom, post):
    other = newsroom.article(title="Another story")
    assert post(article, token="forged").status_code == 400
    assert post(article, token=aged_token(other)).status_code == 400
    assert not Comment.objects.exists()


def test_the_fourth_comment_in_a_minute_from_one_address_is_rate_limited(article, post):
    start = timezone.now()
    statuses = []
    for n in range(4):
        with time_machine.travel(start + timedelta(seconds=16 * n), tick=False):
            response = post(
                article,
                comment=f"Comment number {n}",
                email=f"reader{n}@example.org",
                token=aged_token(article),
            )
            statuses.append(response.status_code)

    assert statuses == [303, 303, 303, 429]
    assert int(response["Retry-After"]) > 0
    assert "Comment number 3</textarea>" in response.content.decode()
    assert Comment.objects.count() == 3


def test_one_comment_per_fifteen_seconds_per_email_across_addresses(article, post):
    assert post(article, ip="198.51.100.1").status_code == 303
    response = post(article, ip="203.0.113.9", comment="Something else")
    assert response.status_code == 429
    assert response["Retry-After"]


def test_ipv6_addresses_are_limited_by_their_64(article, post):
    assert post(article, ip="2001:db8:1:2::1", email="a@example.org").status_code == 303
    response = post(article, ip="2001:db8:1:2::ffff", email="b@example.org", comment="Other")
    assert response.status_code == 429
    other_net = post(article, ip="2001:db8:1:3::1", email="c@example.org", comment="Third")
    assert other_net.status_code == 303


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(article, post, client, settings):
    client.defaults["HTTP_X_FORWARDED_FOR"] = "192.0.2.50"
    post(article, ip="198.51.100.7")
    assert only_comment().ip == "198.51.100.7"

    settings.DATELINE_TRUSTED_PROXIES = ["198.51.100.0/24"]
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        post(article, ip="198.51.100.7", email="b@example.org", token=aged_token(article))
    assert Comment.objects.latest("pk").ip == "192.0.2.50"


def test_double_submit_creates_one_comment(article, post):
    data_token = aged_token(article)
    first = post(article, token=data_token)
    second = post(article, token=data_token)

    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_the_same_comment_later_is_refused_as_a_duplicate(article, post):
    post(article)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = post(article, token=aged_token(article))
    assert response.status_code == 400
    assert "Duplicate comment" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_same_words_on_another_article_or_under_another_comment_are_not_a_duplicate(
    article, newsroom, post, approved_comment
):
    other = newsroom.article(title="Another story")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert post(article, token=aged_token(article)).status_code == 303
    with time_machine.travel(timezone.now() + timedelta(hours=4)):
        assert post(other, token=aged_token(other)).status_code == 303
    with time_machine.travel(timezone.now() + timedelta(hours=6)):
        reply = post(article, token=aged_token(article), parent=str(approved_comment.pk))
    assert reply.status_code == 303
    assert Comment.objects.filter(text="A thoughtful remark about the floods.").count() == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("comment", "", "Please type your comment."),
        ("comment", "x" * 65_526, "too long"),
        ("author", "", "Please enter your name."),
        ("author", "n" * 246, "limit is 245"),
        ("email", "", "Please enter your email address"),
        ("email", "not-an-email", "valid email"),
        ("email", "a" * 90 + "@example.org", "limit is 100"),
        ("url", "javascript:alert(1)", "http:// or https://"),
        ("url", "ftp://example.org/", "http:// or https://"),
        ("url", "https://example.org/" + "p" * 190, "limit is 200"),
    ],
)
def test_invalid_fields_are_refused_before_storage_with_a_message(
    article, post, field, value, message
):
    response = post(article, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_limits_are_inclusive_and_nothing_is_cut_short(article, post):
    text = "y" * 65_525
    response = post(article, comment=text, author="n" * 245)
    assert response.status_code == 303
    stored = only_comment()
    assert stored.text == text
    assert stored.name == "n" * 245


def test_a_failed_post_keeps_everything_the_reader_typed(article, post):
    response = post(
        article,
        comment="My <b>careful</b> words",
        author="Zoë",
        email="bad",
        url="https://zoe.example/",
    )
    html = response.content.decode()
    assert "My &lt;b&gt;careful&lt;/b&gt; words</textarea>" in html
    assert 'value="Zoë"' in html
    assert 'value="bad"' in html
    assert 'value="https://zoe.example/"' in html
    assert 'id="email-error"' in html


@pytest.mark.parametrize("email", ["bad", "reader@example.org"])
def test_the_readers_values_are_checked_once_on_their_way_in(article, post, monkeypatch, email):
    from dateline.discussion import validation

    calls = []
    real = validation.errors_for
    monkeypatch.setattr(validation, "errors_for", lambda values: calls.append(1) or real(values))
    response = post(article, email=email)
    assert response.status_code == (400 if email == "bad" else 303)
    assert len(calls) == 1  # not by the form, then the service, then the comment builder


def test_a_website_without_a_scheme_becomes_http(article, post):
    post(article, url="zoe.example")
    assert only_comment().website == "http://zoe.example"


def test_a_blocked_word_sends_the_comment_to_spam(article, rules, post):
    rules.blocked_words = "casino"
    rules.save()
    response = post(article, comment="Best Casino offers here")
    assert response.status_code == 303
    comment = only_comment()
    assert comment.status == Comment.Status.SPAM
    assert any("casino" in r["reason"] for r in comment.reasons)


def test_blocked_words_match_whole_words_only(article, rules, post):
    rules.blocked_words = "ass"
    rules.hold_first_time = False
    rules.save()
    post(article, comment="The assessment was thorough.")
    assert only_comment().status == Comment.Status.APPROVED


def test_a_blocked_email_domain_sends_the_comment_to_spam(article, rules, post):
    rules.blocked_emails = "@spam.example"
    rules.save()
    post(article, email="someone@spam.example")
    assert only_comment().status == Comment.Status.SPAM


def test_a_blocked_address_range_sends_the_comment_to_spam(article, rules, post):
    rules.blocked_ips = "203.0.113.0/24\n2001:db8::/32"
    rules.save()
    post(article, ip="203.0.113.77")
    assert only_comment().status == Comment.Status.SPAM


def test_two_links_hold_a_comment(article, rules, post):
    rules.spam_filter = False  # the link rule alone (the filter has its own view of links)
    rules.save()
    post(article, comment="See https://a.example/ and www.b.example please")
    comment = only_comment()
    assert comment.status == Comment.Status.PENDING
    assert any("2 links" in r["reason"] for r in comment.reasons)


def test_one_link_passes(article, rules, post):
    rules.spam_filter = False  # the link rule alone (the filter has its own view of links)
    rules.save()
    post(article, comment="See https://a.example/ for the report")
    assert only_comment().status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://a.example/report">https://a.example/report</a>',  # pasted anchor
        "https://a.example/report and again https://a.example/report/",
        "Best part: https://www.youtube.com/watch?v=KQ6zr6kCPj8&amp;t=3m40s to "
        "https://youtube.com/watch?v=KQ6zr6kCPj8&t=4m11s",  # two moments of one video
        "See http://[oops and nothing else",  # no parser accepts it; one link, not a crash
    ],
)
def test_one_place_linked_twice_is_one_link(article, rules, post, text):
    rules.spam_filter = False  # the link rule alone
    rules.save()
    assert post(article, comment=text).status_code == 303
    assert only_comment().status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "text",
    [
        "https://a.example/one and https://a.example/two",  # two pages of one site
        "https://youtube.com/watch?v=AAAA and https://youtube.com/watch?v=BBBB",  # two videos
    ],
)
def test_two_places_are_two_links(article, rules, post, text):
    rules.spam_filter = False
    rules.save()
    post(article, comment=text)
    assert only_comment().status == Comment.Status.PENDING


def test_a_moderation_word_holds_a_comment(article, rules, post):
    rules.hold_first_time = False
    rules.moderation_words = "lawsuit"
    rules.save()
    post(article, comment="There will be a LAWSUIT about this.")
    assert only_comment().status == Comment.Status.PENDING


def test_a_closed_article_refuses_new_comments_with_a_message(newsroom, post, client):
    closed = newsroom.article(title="Closed story")
    closed.comments_enabled = False
    closed.save_revision().publish()
    page = client.get(closed.url).content.decode()
    assert "Comments are closed" in page
    assert 'id="commentform"' not in page

    response = post(closed)
    assert response.status_code == 400
    assert "Comments are closed" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_after_the_configured_days(newsroom, rules, post):
    rules.close_after_days = 30
    rules.save()
    old = newsroom.article(title="Old story", days_old=31)
    fresh = newsroom.article(title="Fresh story", days_old=29)
    assert post(old).status_code == 400
    assert post(fresh, email="other@example.org", ip="192.0.2.1").status_code == 303


def test_a_post_from_another_site_is_refused(article, post, client):
    client.defaults["HTTP_ORIGIN"] = "https://evil.example"
    response = post(article)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_post_for_an_unknown_or_unpublished_page_is_404(newsroom, post, client):
    draft = newsroom.article(title="Draft", publish=False)
    assert post(draft).status_code == 404
    response = client.post("/discussion/post/", {"page": "999999999999999999999"})
    assert response.status_code == 404


def test_the_comment_form_only_accepts_post(client):
    assert client.get("/discussion/post/").status_code == 405


def test_consent_saves_the_readers_details_in_an_encrypted_cookie(article, post, client):
    response = post(article, consent="yes", url="https://ada.example/")
    cookie = response.cookies[tokens.COMMENTER_COOKIE]
    assert "ada@example.org" not in cookie.value
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    page = client.get(article.url)
    html = page.content.decode()
    assert 'value="ada@example.org"' in html
    assert "no-store" in page["Cache-Control"]


def test_without_consent_no_details_cookie_is_set(article, post):
    response = post(article)
    cookie = response.cookies.get(tokens.COMMENTER_COOKIE)
    assert cookie is None or cookie.value == ""


def test_the_anonymous_article_page_holds_no_reader_token_or_cookie(article, client):
    response = client.get(article.url)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_acknowledged_comment_is_committed(newsroom, post):
    article = newsroom.article(title="Committed")
    response = post(article)
    assert response.status_code == 303
    # No test transaction wraps this one: what the reader was told about is in the database.
    assert Comment.objects.filter(page=article).count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/discussion/report/99999999999999999999999/",
        "/discussion/99999999999999999999999/feed/rss/",
        "/discussion/2147483648/feed/atom/",
        "/discussion/verify/forged/",
        "/discussion/privacy/export/forged/",
        "/discussion/notifications/confirm/forged/",
        "/discussion/unsubscribe/forged/",
    ],
)
def test_hostile_addresses_get_a_clear_error_not_a_500(client, db, path):
    assert 400 <= client.get(path).status_code < 500


@pytest.mark.parametrize(
    "query",
    ["?cpage=" + "9" * 5000, "?replytocom=" + "9" * 40, "?awaiting=-1&cpage=-5", "?replytocom=x"],
)
def test_hostile_query_strings_still_render_the_article(article, client, query):
    assert client.get(article.url + query).status_code == 200


def test_a_hostile_page_number_in_the_form_is_a_404(article, client):
    data = form_data(article) | {"page": "2147483648"}
    assert client.post("/discussion/post/", data).status_code == 404


@pytest.mark.django_db
def test_an_imported_comment_may_have_no_email(newsroom):
    from dateline.discussion.services.posting import create_comment

    pingback = create_comment(
        newsroom.article(), text="Pingback from elsewhere", name="Blog", email=""
    )
    assert pingback.email_encrypted == "" and pingback.email_index == ""


def test_a_comment_post_costs_a_bounded_number_of_queries(
    article, post, django_assert_max_num_queries
):
    post(article, comment="Warms the site and settings caches.", email="warm@example.org")
    # The article; earlier copies (double-submit and duplicate checks); recent posts (rate
    # limits); approved history; then one transaction (a savepoint here) with the comment, its
    # audit entry and no task row (tests run tasks at once, after commit). The site and the
    # list of private pages come from this process's site-wide copies.
    with django_assert_max_num_queries(8):
        response = post(article, comment="A second, different remark.", ip="198.51.100.99")
    assert response.status_code == 303


def test_a_submission_that_loses_a_race_to_its_twin_gets_the_twins_comment(
    article, post, monkeypatch
):
    """Two identical submissions at once: both pass the double-submit check, one insert wins
    the unique key, and the other reader is sent to the same comment."""
    from dateline.discussion import checks
    from dateline.discussion.services import posting

    first = post(article)
    # The twin read the database before the first was stored: no duplicate there either.
    monkeypatch.setattr(
        checks, "PIPELINE", [c for c in checks.PIPELINE if c is not checks.duplicate]
    )
    looked_up = []
    real = posting._same_submission

    def blind_then_real(*args):
        looked_up.append(args)
        return None if len(looked_up) == 1 else real(*args)

    monkeypatch.setattr(posting, "_same_submission", blind_then_real)
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):  # past the flood limit
        second = post(article, token=aged_token(article))

    assert second.status_code == 303 and second["Location"] == first["Location"]
    assert Comment.objects.count() == 1 and len(looked_up) == 2


def test_with_every_limit_lifted_a_post_asks_no_rate_limit_query(article, post, rules):
    """0 turns a limit off; with all three off there is nothing to count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rules.flood_interval_seconds = rules.max_per_minute = rules.max_per_hour = 0
    rules.save()
    post(article, comment="Warms the site and settings caches.", email="warm@example.org")
    with CaptureQueriesContext(connection) as ctx:
        for n in range(5):  # five at once from one address and one email: none is limited
            assert post(article, comment=f"Remark {n}").status_code == 303
    assert not [q for q in ctx.captured_queries if '"ip_group" =' in q["sql"]]
