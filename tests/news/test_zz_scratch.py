import pytest
from dateline.news.queries import public_articles
from dateline.news.models import ArticlePage

def test_scratch(newsroom, django_assert_max_num_queries):
    a = newsroom.article(title="Drought in the Sahel", body=[("paragraph", "<p>Farmers of Ségou lost their harvest.</p>")])
    b = newsroom.article(title="Election night", body=[("paragraph", "<p>Votes counted.</p>")])
    d = newsroom.article(title="Draft harvest", publish=False)
    for q in ["harvest", "Ségou", "' OR 1=1--", '"unterminated', "a AND OR NOT", "*", "NEAR(", "-", "harv"]:
        try:
            res = public_articles().search(q)
            print(repr(q), [r.title for r in res], res.count())
        except Exception as e:
            print("ERR", repr(q), type(e), e)
    qs = public_articles().child_of(newsroom.section).filter(first_published_at__gte="2000-01-01").search("harvest")
    print(list(qs))
    from wagtail.search.query import PlainText
    print(list(public_articles().search(PlainText("' OR 1=1-- harvest", operator="or"))))
