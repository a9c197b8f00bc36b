"""A new database gets Dateline's page tree, addressed as DATELINE_BASE_URL says."""

import pytest
from wagtail.models import Site

from dateline.news import services
from dateline.news.models import AuthorIndexPage, HomePage, TopicIndexPage

pytestmark = pytest.mark.django_db


def test_migrate_leaves_a_front_page_topics_and_authors():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert TopicIndexPage.objects.child_of(home).get().slug == "topics"
    assert AuthorIndexPage.objects.child_of(home).get().slug == "authors"


def test_ensuring_the_tree_twice_changes_nothing():
    before = HomePage.objects.get().pk
    services.ensure_site_tree()
    assert HomePage.objects.get().pk == before
    assert TopicIndexPage.objects.count() == AuthorIndexPage.objects.count() == 1


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://news.example.org", ("news.example.org", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
    ],
)
def test_site_address_follows_the_base_url(settings, base_url, expected):
    settings.DATELINE_BASE_URL = base_url
    HomePage.objects.get().delete()
    services.ensure_site_tree()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == expected
    assert HomePage.objects.get().full_url.startswith(base_url)
