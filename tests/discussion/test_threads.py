"""Threads: replies, depth, Reply links without JavaScript, permalinks, pages, query counts."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.discussion import services
from dateline.discussion.models import Comment


def approved(article, text="A comment", parent=None, minutes=0, name="Reader"):
    return services.create_comment(
        article,
        text=text,
        name=name,
        email=f"{name.lower().replace(' ', '')}@example.org",
        parent=parent,
        created_at=timezone.now() - timedelta(minutes=1000 - minutes),
        source="test",
    )


def test_replies_to_replies_render_nested_with_permalinks(article, client):
    top = approved(article, "Top comment")
    reply = approved(article, "A reply", parent=top, minutes=1)
    deeper = approved(article, "A reply to the reply", parent=reply, minutes=2)

    html = client.get(article.url).content.decode()
    assert f'id="comment-{top.pk}"' in html
    assert f'href="#comment-{deeper.pk}"' in html
    assert html.index("Top comment") < html.index("A reply") < html.index("A reply to the reply")
    assert html.count('class="children"') == 2
    assert "3 comments" in html


def test_reply_depth_is_capped_and_deeper_replies_attach_at_the_deepest_level(article, rules, post):
    rules.max_depth = 3
    rules.hold_first_time = False
    rules.save()
    level1 = approved(article, "one")
    level2 = approved(article, "two", parent=level1)
    level3 = approved(article, "three", parent=level2)

    response = post(article, parent=str(level3.pk), comment="four")

    assert response.status_code == 303
    reply = Comment.objects.get(text="four")
    assert reply.depth == 3
    assert reply.parent_id == level2.pk
    assert reply.root_id == level1.pk


def test_the_reply_link_works_without_javascript(article, client, post, rules):
    rules.hold_first_time = False
    rules.save()
    top = approved(article, "Reply to me", name="Bea Writer")

    page = client.get(f"{article.url}?replytocom={top.pk}").content.decode()
    assert f'href="?replytocom={top.pk}#respond"' in client.get(article.url).content.decode()
    assert "Leave a Reply to Bea Writer" in page
    assert f'name="parent" id="comment_parent" value="{top.pk}"' in page

    post(article, parent=str(top.pk), comment="Here is my reply")
    assert Comment.objects.get(text="Here is my reply").parent_id == top.pk


def test_replying_to_an_unapproved_comment_is_refused(article, post):
    hidden = services.create_comment(
        article, text="Pending", name="P", email="p@example.org", status="pending", source="test"
    )
    response = post(article, parent=str(hidden.pk))
    assert response.status_code == 400
    assert "not available" in response.content.decode()


def test_long_threads_are_paginated_oldest_first(article, client, rules):
    rules.comments_per_page = 2
    rules.save()
    for n in range(5):
        approved(article, f"Number {n}", minutes=n)

    first = client.get(article.url).content.decode()
    assert "Number 0" in first and "Number 1" in first and "Number 2" not in first
    assert "?cpage=2#comments" in first
    third = client.get(f"{article.url}?cpage=3").content.decode()
    assert "Number 4" in third and "Number 0" not in third
    assert "Page 3 of 3" in third
    assert client.get(f"{article.url}?cpage=abc").status_code == 200
    assert "Page 3 of 3" in client.get(f"{article.url}?cpage=99").content.decode()


def test_newest_first_order_is_a_setting(article, client, rules):
    rules.order = "newest"
    rules.save()
    approved(article, "Older", minutes=1)
    approved(article, "Newer", minutes=2)
    html = client.get(article.url).content.decode()
    assert html.index("Newer") < html.index("Older")


def test_an_approved_post_redirects_to_its_page_of_the_thread(article, rules, post):
    rules.comments_per_page = 2
    rules.hold_first_time = False
    rules.save()
    for n in range(3):
        approved(article, f"Earlier {n}", minutes=n)
    response = post(article)
    comment = Comment.objects.latest("pk")
    assert response["Location"].endswith(f"?cpage=2#comment-{comment.pk}")


def _grow_thread(article, size):
    """Add comments until the article has `size`: 40 threads, chains of replies to depth 5."""
    made = Comment.objects.filter(page=article).count()
    last = Comment.objects.filter(page=article).last()
    while made < size:
        tops = list(Comment.objects.filter(page=article, depth=1))
        if len(tops) < 40:
            last = approved(article, f"Top {made}", minutes=made, name=f"Top {made}")
        else:
            chain = last.depth < 5 and made % 6
            parent = last if chain else tops[made % len(tops)]
            last = approved(article, f"Reply {made}", parent=parent, minutes=made, name=f"R{made}")
        made += 1


def test_a_thread_renders_in_a_fixed_number_of_queries(article, client, django_assert_num_queries):
    _grow_thread(article, 10)
    client.get(article.url)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as ten:
        response = client.get(article.url)
    assert response.content.decode().count('class="comment depth-') == 10

    _grow_thread(article, 200)
    assert Comment.objects.filter(depth=5).exists()
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(article.url)
    assert response.content.decode().count('class="comment depth-') == 200


def test_comment_counts_for_a_list_take_one_query(newsroom, django_assert_num_queries):
    articles = [newsroom.article(title=f"Story {n}") for n in range(3)]
    for n in range(n_comments := 2):
        approved(articles[0], f"c{n}", minutes=n, name=f"N{n}")
    template = Template(
        "{% load discussion_tags %}{% attach_comment_counts articles %}"
        "{% for a in articles %}{% comment_count a %},{% endfor %}"
    )
    with django_assert_num_queries(1):
        rendered = template.render(Context({"articles": articles}))
    assert rendered == f"{n_comments},0,0,"


def test_a_comment_count_alone_works_too(article):
    approved(article, "one")
    rendered = Template("{% load discussion_tags %}{% comment_count a %}").render(
        Context({"a": article})
    )
    assert rendered == "1"
