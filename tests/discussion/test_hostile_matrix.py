"""The hostile classes tests/discussion/test_hostile.py (XSS and naughty strings in comment
fields) and tests/news (SQL injection in search and the API) leave out: SQL injection through the
comment fields and the reader parameters, the email-leak crawl, and permission and CSRF matrices
over the URLconf."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from urllib.parse import quote, quote_plus

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dateline.discussion import services
from dateline.discussion.models import Comment
from tests.corpora import ci_sample, corpus_path, lines_of

from .conftest import aged_token
from .markup import live_markup


def sqli_payloads() -> list[str]:
    payloads = []
    for path in sorted(corpus_path("hostile", "sqli").glob("*.txt")):
        payloads += lines_of("hostile", "sqli", path.name)
    return [p for p in payloads if p.strip()]


@pytest.fixture
def open_rules(open_rules):
    """The hostile suite's open rules (conftest), and published at once."""
    open_rules.hold_first_time = False
    open_rules.save()
    return open_rules


@pytest.mark.corpora
def test_sql_injection_in_every_comment_field_is_stored_verbatim_or_refused(
    article, post, open_rules
):
    every = sqli_payloads()
    assert len(every) > 400
    payloads = ci_sample(every, 100)  # all of them in bench/faults.py --only hostile
    token = aged_token(article)
    for n, payload in enumerate(payloads):
        response = post(
            article, comment=f"{payload} #{n}", author=payload[:60], email=f"r{n}@example.org",
            token=token,
        )  # fmt: skip
        assert response.status_code < 500, payload
        if response.status_code == 303:
            stored = Comment.objects.get(email_index=services.privacy.crypto.blind_index(
                f"r{n}@example.org"))  # fmt: skip
            assert stored.text == f"{payload} #{n}".strip() or payload.strip() in stored.text
    assert Comment.objects.count() >= len(payloads) * 0.9  # refusals are the exception


@pytest.mark.corpora
def test_sql_injection_in_the_reader_parameters_never_gives_a_500(article, client):
    for payload in ci_sample(sqli_payloads(), 30):
        for name in ("cpage", "replytocom", "page", "awaiting", "utm_source"):
            response = client.get(article.url, {name: payload})
            assert response.status_code < 500, (name, payload)
        assert client.get(reverse("news_search"), {"q": payload}).status_code < 500


SECRET_EMAIL = "Zara.Leakcheck+News@Example.ORG"


def encodings_of(email: str) -> set[str]:
    """The email as it could leak: plain, cased, escaped, encoded, hashed (Gravatar)..."""
    lower = email.lower()
    forms = {email, lower, email.split("@")[0], lower.split("@")[0]}
    for text in (email, lower):
        forms |= {
            quote(text), quote_plus(text), quote(text, safe=""), html.escape(text),
            text.replace("@", "&#64;"), text.replace("@", "&#x40;"), text.replace("@", "\\u0040"),
            json.dumps(text)[1:-1], base64.b64encode(text.encode()).decode(),
            base64.urlsafe_b64encode(text.encode()).decode().rstrip("="),
            hashlib.md5(text.encode()).hexdigest(),  # noqa: S324 - Gravatar's hash hashlib.sha256(text.encode()).hexdigest(),
            text[::-1],
        }  # fmt: skip
    return {f.lower() for f in forms}


def test_a_commenters_email_leaks_nowhere_a_reader_or_robot_can_reach(
    article, post, open_rules, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(article, email=SECRET_EMAIL, url="https://zara.example").status_code == 303
    comment = Comment.objects.get()
    assert comment.status == "approved"
    reader = Client()
    pages = [
        article.url, f"{article.url}?cpage=1", f"{article.url}?replytocom={comment.pk}", "/",
        article.get_parent().url, "/feed/", "/feed/atom/", reverse("discussion:feed_rss"),
        reverse("discussion:feed_atom"),
        reverse("discussion:article_feed_rss", args=[article.pk]),
        reverse("discussion:article_feed_atom", args=[article.pk]),
        "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/search/?q=Leakcheck",
        "/api/v2/pages/", f"/api/v2/pages/{article.pk}/", "/api/v2/pages/?type=news.ArticlePage",
        "/api/v2/pages/?search=Leakcheck", "/healthz",
    ]  # fmt: skip
    forms = encodings_of(SECRET_EMAIL)
    for url in pages:
        response = reader.get(url)
        assert response.status_code < 500, url
        body = b"".join(response) if response.streaming else response.content
        text = (body.decode("utf-8", "replace") + str(response.headers)).lower()
        leaked = sorted(f for f in forms if f and f in text)
        assert not leaked, (url, leaked)


# --- matrices over the URLconf ----------------------------------------------------------------


def _admin_paths() -> list[str]:
    """Every admin address of the URLconf, with 1 for each numeric or string argument."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                found.append(prefix + route)

    walk(get_resolver().url_patterns, "")
    paths = set()
    for route in found:
        if not route.startswith(("admin/", "django-admin/")) or route.startswith("^"):
            continue
        path = re.sub(r"<(?:int:)?\w+>", "1", route)
        path = re.sub(r"<(?:str|slug|path|uuid):\w+>", "x", path)
        if "<" in path or "(" in path or "\\" in path or "$" in path or "^" in path:
            continue
        paths.add("/" + path)
    return sorted(paths)


# Public by design: the login and password-reset pages, logout, and the icon sprite.
LOGIN_FREE = ("/admin/login/", "/admin/password_reset/", "/admin/logout/", "/admin/jsi18n/")
LOGIN_FREE += ("/admin/sprite/",)


@pytest.mark.django_db
def test_no_admin_address_answers_an_anonymous_visitor(newsroom):
    paths = _admin_paths()
    assert len(paths) > 150
    anonymous = Client()
    for path in paths:
        if path.startswith(LOGIN_FREE):
            continue
        response = anonymous.get(path)
        assert response.status_code in (301, 302, 403, 404, 405), path
        if response.status_code == 302:
            assert "login" in response["Location"], path


@pytest.mark.django_db
def test_no_admin_address_accepts_a_post_without_the_csrf_token(newsroom):
    admin = User.objects.create_superuser("chief", "chief@newsroom.example", "pw")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin)
    for path in _admin_paths():
        response = browser.post(path, {"title": "x", "action": "delete"})
        assert response.status_code in (403, 404, 405), path


@pytest.mark.django_db
def test_reader_forms_refuse_a_cross_site_post(article, approved_comment):
    browser = Client(enforce_csrf_checks=True)
    for path in [
        reverse("discussion:privacy"),
        reverse("discussion:report", args=[approved_comment.pk]),
    ]:
        assert browser.post(path, {"email": "a@example.org"}).status_code == 403, path


@pytest.mark.corpora
def test_xss_in_the_reader_parameters_and_the_privacy_form_is_rendered_inert(
    article, approved_comment, client
):
    """Whatever a page echoes of its address or a form, the parsed page has no more live
    markup than the same page asked plainly (its own scripts and styles are known)."""
    payloads = []
    for name in ("patt-XSS_Polyglots.txt", "patt-xss_payloads_quick.txt", "patt-RSNAKE_XSS.txt"):
        payloads += lines_of("hostile", "xss", name)
    privacy = reverse("discussion:privacy")
    plain = {
        "article": set(live_markup(client.get(article.url).content.decode())),
        "search": set(live_markup(client.get("/search/", {"q": "x"}).content.decode())),
        "privacy": set(live_markup(client.post(privacy, {"email": "x"}).content.decode())),
    }
    for payload in ci_sample(payloads, 40):
        for parameter in ("replytocom", "cpage"):
            response = client.get(article.url, {parameter: payload})
            assert response.status_code < 500
            if response.status_code == 200:
                assert set(live_markup(response.content.decode())) <= plain["article"], payload
        response = client.get("/search/", {"q": payload})
        assert set(live_markup(response.content.decode())) <= plain["search"], payload
        response = client.post(privacy, {"email": payload})
        assert response.status_code < 500
        assert set(live_markup(response.content.decode())) <= plain["privacy"], payload
