"""`dateline seed_demo` on an empty newsroom: the editorial demo, its editors, idempotence.

The demo is seeded once for this module, inside a transaction that is rolled back at the end,
and each test runs in a savepoint within it: seeding takes seconds, and the tests only read.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from dateline.news.models import (
    ArticleCorrection,
    ArticlePage,
    AuthorPage,
    SectionPage,
    TopicPage,
)
from dateline.news.queries import public_articles

LOGIN = re.compile(r"(editor|reviewer|moderator) / (\S+) \(shown once")


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        output = seed()
        yield output, media
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def seeded(_demo_module, db, settings):
    """What `seed_demo` printed when it built the demo newsroom on an empty database."""
    output, media = _demo_module
    settings.MEDIA_ROOT = media  # renditions need the seeded originals
    return output


def _block_types(article) -> set[str]:
    return {block.block_type for block in article.body}


def test_seeding_an_empty_newsroom_builds_desks_staff_topics_and_stories(seeded):
    assert SectionPage.objects.live().count() >= 5
    authors = AuthorPage.objects.live()
    assert authors.count() == 6
    assert all(a.job_title and a.bio for a in authors)
    assert authors.exclude(photo=None).count() >= 2
    topics = TopicPage.objects.live()
    assert topics.count() == 20
    assert {"place", "organisation", "operation", "person"} <= set(
        topics.values_list("kind", flat=True)
    )
    articles = list(ArticlePage.objects.live().prefetch_related("bylines", "topics"))
    assert len(articles) >= 40
    for article in articles:
        assert article.first_published_at and article.first_published_at <= timezone.now()
        assert article.bylines.all() and article.topics.all() and article.lead_image_id
        assert article.dateline_place and article.filed_at < article.first_published_at
        assert sum(block.block_type == "paragraph" for block in article.body) >= 3
    kinds = set().union(*(_block_types(a) for a in articles))
    assert {"paragraph", "quote", "figure", "factbox", "image"} <= kinds
    roles = {b.role for a in articles for b in a.bylines.all()}
    assert {"reporting", "additional reporting", "photographs"} <= roles
    assert get_image_model().objects.count() >= len(articles)


def test_the_demo_spans_three_calendar_years_with_news_from_the_last_two_days(seeded):
    now = timezone.now()
    recent = ArticlePage.objects.exclude(first_published_at__date=date(2022, 8, 15))
    years = {d.year for d in recent.values_list("first_published_at", flat=True)}
    assert len(years) >= 3
    assert recent.filter(first_published_at__gte=now - timedelta(days=3 * 365 + 30)).count() == (
        recent.count()
    )
    assert recent.filter(first_published_at__gte=now - timedelta(days=2)).count() >= 3
    assert recent.filter(first_published_at__lt=now - timedelta(days=366)).count() >= 5


def test_some_stories_carry_corrections_noted_after_publication_and_one_is_syndicated(seeded):
    corrections = ArticleCorrection.objects.select_related("page")
    assert corrections.count() >= 3
    for entry in corrections:
        assert entry.page.first_published_at < entry.noted_at <= timezone.now()
    assert ArticlePage.objects.exclude(last_substantive_update=None).count() == (
        corrections.values("page").distinct().count()
    )
    syndicated = ArticlePage.objects.exclude(canonical_url="")
    assert syndicated.count() == 1
    story = syndicated.get()
    assert story.source_name and story.canonical_url.startswith("https://partner-wire.example/")


def test_seeding_reports_progress_the_editor_logins_and_a_summary(seeded):
    assert "Creating articles:" in seeded
    assert re.search(r"Creating articles: (\d+)/\1", seeded)
    assert re.search(
        r"Created 5 sections, 20 topics, 6 authors, 4\d articles, \d+ images, "
        r"[2-9]\d\d comments in",
        seeded,
    )
    assert dict(LOGIN.findall(seeded)).keys() == {"editor", "reviewer", "moderator"}
    assert "moderates reader comments" in seeded
    assert "http://" in seeded and "/admin/" in seeded
    assert "dateline changepassword editor" in seeded


def test_the_mali_withdrawal_story_is_dated_15_august_2022_and_carries_an_age_banner(
    seeded, client
):
    story = ArticlePage.objects.get(title__contains="Last French troops leave Mali")
    assert timezone.localdate(story.first_published_at) == date(2022, 8, 15)
    assert story.dateline_place in {"Gao", "Niamey"}
    assert set(story.topics.values_list("title", flat=True)) == {
        "Mali",
        "Niger",
        "France",
        "Operation Barkhane",
        "Operation Serval",
    }
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This article is more than" in html
    assert "Barkhane" in html and "Niger" in html and "Serval" in html
    assert "French armed forces" in html  # the attributed quote


def test_a_recent_demo_story_renders_without_an_age_banner_and_shows_its_update(seeded, client):
    story = ArticlePage.objects.get(title__startswith="Kenya launches Operation Tidewater")
    html = client.get(story.url).content.decode()
    assert "This article is more than" not in html
    assert "Updated" in html and "Corrections and updates" in html


def test_seeding_again_changes_nothing_and_the_printed_logins_still_work(seeded, client):
    logins = dict(LOGIN.findall(seeded))
    counts = (Page.objects.count(), get_image_model().objects.count())
    hashes = dict(get_user_model().objects.values_list("username", "password"))

    again = seed()

    articles = ArticlePage.objects.count()
    assert again.strip() == f"The newsroom already has {articles} articles; leaving it as it is."
    assert (Page.objects.count(), get_image_model().objects.count()) == counts
    assert dict(get_user_model().objects.values_list("username", "password")) == hashes
    for username, password in logins.items():
        assert password not in again
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert client.login(username=username, password=password)
        assert client.get("/admin/").status_code == 200
        client.logout()
    groups = {
        u.username: set(u.groups.values_list("name", flat=True))
        for u in get_user_model().objects.all()
    }
    assert "Editors" in groups["editor"] and "Moderators" in groups["reviewer"]
    assert groups["moderator"] == {"Comment moderators"}
    moderator = get_user_model().objects.get(username="moderator")
    assert moderator.has_perm("discussion.moderate_comment")
    assert not moderator.has_perm("wagtailcore.publish_page")


def test_each_printed_login_can_do_its_job(seeded, client):
    """The editor publishes, the reviewer approves, the comment moderator moderates comments
    (found: the demo's 'Moderators' login could not moderate a single comment)."""
    from django.urls import reverse

    from dateline.discussion.models import Comment

    logins = dict(LOGIN.findall(seeded))
    users = {name: get_user_model().objects.get(username=name) for name in logins}
    story = ArticlePage.objects.live().first()
    assert story.permissions_for_user(users["editor"]).can_publish()
    assert story.permissions_for_user(users["reviewer"]).can_publish()
    assert not story.permissions_for_user(users["moderator"]).can_edit()

    pending = Comment.objects.filter(status="pending").first()
    assert client.login(username="moderator", password=logins["moderator"])
    assert client.get(reverse("discussion_admin:queue")).status_code == 200
    response = client.post(
        reverse("discussion_admin:act", args=[pending.pk]), {"action": "approve"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "approved"
    client.logout()
    assert client.login(username="reviewer", password=logins["reviewer"])
    assert client.get(reverse("discussion_admin:queue")).status_code != 200  # refused


def test_the_demo_stories_are_in_the_search_index_without_a_worker(seeded):
    found = [a.title for a in public_articles().search("Barkhane")]
    assert any(title.startswith("Last French troops leave Mali") for title in found)
    assert public_articles().search("Halvorsen").count() >= 2


def test_the_lead_story_carries_a_long_moderated_discussion(seeded, client):
    from django.db.models import Count

    from dateline.discussion.models import Comment

    busiest = Comment.objects.values("page").annotate(n=Count("pk")).order_by("-n").first()
    lead = ArticlePage.objects.get(pk=busiest["page"])
    statuses = dict(Comment.objects.filter(page=lead).values_list("status").annotate(n=Count("pk")))
    assert sum(statuses.values()) >= 200
    assert statuses.get("pending") and statuses.get("spam")
    assert Comment.objects.filter(page=lead, depth__gte=3).exists()
    response = client.get(lead.url)
    assert b"Leave a Reply" in response.content
    assert b'id="comment-' in response.content


def test_the_2022_mali_story_no_longer_takes_comments(seeded, client):
    from django.urls import reverse

    from dateline.discussion.models import Comment
    from tests.discussion.conftest import form_data

    story = ArticlePage.objects.get(title__contains="Last French troops leave Mali")
    html = client.get(story.url).content.decode()
    assert "Comments are closed" in html
    assert 'id="commentform"' not in html
    response = client.post(reverse("discussion:post"), form_data(story, comment="Still open?"))
    assert response.status_code == 400
    assert 'id="kept-comment"' in response.content.decode()
    assert not Comment.objects.filter(page=story, text="Still open?").exists()
    # Lead pictures carry their credit in a field of their own, not in the caption.
    assert story.lead_image_credit and story.lead_image_credit not in story.lead_image_caption


def test_old_demo_stories_show_the_discussions_they_had_while_open(seeded, client):
    from dateline.discussion.models import Comment

    month_ago = timezone.now() - timedelta(days=30)
    old = Comment.objects.approved().filter(page__first_published_at__lt=month_ago)
    comment = old.select_related("page").order_by("created_at").first()
    assert comment is not None, "no old demo story has a discussion"
    published = comment.page.first_published_at
    assert published < comment.created_at <= published + timedelta(days=30)
    article = ArticlePage.objects.get(pk=comment.page_id)
    html = client.get(article.url).content.decode()
    assert "Comments are closed" in html
    assert f'id="comment-{comment.pk}"' in html
