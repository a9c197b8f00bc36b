"""Discussions close with age (a site setting, 30 days by default), or as an article says.

Found: comments stayed open for ever; the demo's 2022 Mali story still took comments. A closed
discussion still shows its comments, says it is closed, and has no form; a post that arrives
anyway is refused with a clear message and the reader's text kept.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.discussion import services
from dateline.discussion.models import Comment, DiscussionSettings
from dateline.news import services as news_services
from dateline.news.models import ArticlePage, CommentPolicy

pytestmark = pytest.mark.django_db


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_new_site_closes_discussions_thirty_days_after_publication():
    assert DiscussionSettings().close_after_days == 30


def test_an_old_story_shows_its_comments_says_it_is_closed_and_has_no_form(newsroom, client):
    old = newsroom.article(title="Old story", days_old=31)
    services.create_comment(
        old, text="Said while it was open.", name="Ada Reader", email="ada@example.org"
    )
    soup = _soup(client.get(old.url))
    assert "Said while it was open." in soup.select_one(".comment-list").get_text()
    assert "Comments are closed" in soup.select_one(".discussion__closed").get_text()
    assert "30 days" in soup.select_one(".discussion__closed").get_text()
    assert soup.select_one("#commentform") is None
    assert soup.select_one(".comment__reply") is None  # no reply links either
    assert soup.select_one(".comment__report") is not None  # reporting still works


def test_a_post_to_a_closed_story_is_refused_and_the_readers_text_is_kept(newsroom, post):
    old = newsroom.article(title="Old story", days_old=45)
    text = "I waited a long time to say this.\n\nTwo paragraphs, even."
    response = post(old, comment=text)
    assert response.status_code == 400
    soup = _soup(response)
    assert "Comments are closed" in soup.select_one(".discussion__closed").get_text()
    assert "not posted" in soup.select_one("#comment-form-error").get_text()
    assert soup.select_one("#kept-comment").get_text().strip() == text
    assert soup.select_one("#commentform") is None
    assert not Comment.objects.exists()


def test_the_site_setting_moves_the_closing_day_and_zero_never_closes(newsroom, rules, post):
    story = newsroom.article(title="Ten days old", days_old=10)
    rules.close_after_days = 7
    rules.save()
    assert post(story).status_code == 400
    rules.close_after_days = 0
    rules.save()
    assert post(story).status_code == 303


def test_an_article_can_stay_open_whatever_its_age(newsroom, post):
    old = newsroom.article(title="An evergreen explainer", days_old=400)
    news_services.revise_article(old, comment_policy=CommentPolicy.OPEN)
    assert post(old).status_code == 303
    assert Comment.objects.filter(page=old).count() == 1


def test_an_article_can_be_closed_while_young(newsroom, post, client):
    young = newsroom.article(title="A fresh story")
    news_services.revise_article(young, comment_policy=CommentPolicy.CLOSED)
    assert "Comments are closed" in client.get(young.url).content.decode()
    assert post(young).status_code == 400


def test_comments_enabled_maps_onto_the_policy_for_the_importers(newsroom):
    story = newsroom.article(title="Imported")
    story = news_services.revise_article(story, comments_enabled=False)
    assert story.comment_policy == CommentPolicy.CLOSED
    story = news_services.revise_article(story, comments_enabled=True)
    assert story.comment_policy == CommentPolicy.DEFAULT  # reopened: the site's rule again
    story = news_services.revise_article(story, comment_policy=CommentPolicy.OPEN)
    story = news_services.revise_article(story, comments_enabled=True)
    assert story.comment_policy == CommentPolicy.OPEN  # an editor's "open" is left alone
    assert ArticlePage(comments_enabled=False).comment_policy == CommentPolicy.CLOSED


def test_the_editor_sets_the_policy_on_the_articles_settings_tab(newsroom, admin_client):
    story = newsroom.article(title="Settings tab")
    page = admin_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert 'name="comment_policy"' in page
    assert "whatever the story&#x27;s age" in page or "whatever the story's age" in page


def test_a_cached_page_is_not_kept_past_the_moment_its_discussion_closes(
    newsroom, client, settings, post
):
    settings.DATELINE_PAGE_CACHE = True
    story = newsroom.article(title="Closing soon", published_at=timezone.now())
    closing = story.first_published_at + timedelta(days=30)
    with time_machine.travel(closing - timedelta(minutes=5)):
        client.get(story.url)  # the first page after a cache start is not stored
        response = client.get(story.url)
        s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert 0 < s_maxage <= 300
        assert 'id="commentform"' in response.content.decode()
    with time_machine.travel(closing + timedelta(seconds=1)):
        page = client.get(story.url).content.decode()
        assert 'id="commentform"' not in page
        assert "Comments are closed" in page


def test_a_comment_made_while_open_may_still_be_approved_after_closing(newsroom, hold_first):
    story = newsroom.article(title="Approved late", days_old=29)
    result = services.post_comment(
        story,
        text="Held for a moderator.",
        name="Ada Reader",
        email="ada@example.org",
        website="",
        parent_id=None,
        ip="198.51.100.7",
        user_agent="test",
        form_token=None,
        own_comment_ids=[],
        send_mail=False,
    )
    assert result.comment.status == Comment.Status.PENDING
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        services.moderate(result.comment, "approve", actor="mod", send_mail=False)
    result.comment.refresh_from_db()
    assert result.comment.status == Comment.Status.APPROVED
