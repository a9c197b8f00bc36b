"""Each private Wagtail or treebeard name Dateline relies on still means what it assumes.

These fail first, and by name, when an upgrade changes one: fix dateline/core/wagtail_compat.py
(the only module that touches them), not the callers."""

from __future__ import annotations

import copy
import inspect

import pytest
from django.utils.functional import cached_property
from wagtail.api import APIField
from wagtail.models import Page, ReferenceIndex, Site

from dateline.core import wagtail_compat
from dateline.core.models import NewsroomSettings
from dateline.news.api import SectionsAPIViewSet
from dateline.news.models import SectionPage

pytestmark = pytest.mark.django_db


def test_a_request_given_its_site_finds_it_without_a_query(newsroom, rf, django_assert_num_queries):
    site = Site.objects.get()
    request = rf.get("/")
    wagtail_compat.set_request_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_wagtail_binds_a_setting_to_its_request_as_the_compat_layer_does(
    newsroom, rf, django_assert_num_queries
):
    own_request = rf.get("/")
    wagtails = NewsroomSettings.for_request(own_request)
    assert wagtails._request is own_request  # the names bind_setting_to_request writes
    assert isinstance(wagtails._page_url_cache, dict)

    request = rf.get("/")
    setting = copy.copy(NewsroomSettings.for_site(Site.objects.get()))
    wagtail_compat.bind_setting_to_request(request, setting)
    with django_assert_num_queries(0):
        assert NewsroomSettings.for_request(request) is setting
    assert setting._request is request and setting._page_url_cache == {}


def test_a_page_given_its_parent_gets_it_without_a_query(newsroom, django_assert_num_queries):
    story = Page.objects.get(pk=newsroom.article().pk)
    story.get_parent()
    assert "_cached_parent_obj" in vars(story)  # treebeard still caches under this name
    fresh = Page.objects.get(pk=story.pk)
    wagtail_compat.set_cached_parent(fresh, newsroom.section)
    with django_assert_num_queries(0):
        assert fresh.get_parent() is newsroom.section


def test_forgetting_the_specific_page_drops_wagtails_cached_copy(newsroom):
    assert isinstance(inspect.getattr_static(Page, "specific"), cached_property)
    home = Page.objects.get(pk=newsroom.home.pk)
    assert home.specific is home.specific  # cached on the instance
    wagtail_compat.forget_specific(home)
    assert "specific" not in vars(home)


def test_tree_paths_are_the_ones_add_child_writes(newsroom):
    first, second = newsroom.article(), newsroom.article()
    section = SectionPage.objects.get(pk=newsroom.section.pk)
    low, high = wagtail_compat.children_path_range(section.path)
    children = list(section.get_children().order_by("path"))
    assert [c.pk for c in children] == [first.pk, second.pk]
    assert all(low <= c.path <= high for c in children)
    assert not (low <= newsroom.home.path <= high)
    assert [wagtail_compat.step_of(c.path) for c in children] == [1, 2]
    assert wagtail_compat.child_path(section.path, section.depth + 1, 2) == children[1].path
    assert {wagtail_compat.parent_path(c.path) for c in children} == {section.path}
    third = newsroom.article()
    assert wagtail_compat.child_path(section.path, section.depth + 1, 3) == third.path


def test_references_extracted_are_the_rows_wagtail_writes(newsroom):
    story = newsroom.article()
    ReferenceIndex.create_or_update_for_object(story)
    rows = ReferenceIndex.objects.filter(object_id=str(story.pk))
    written = {(r.to_content_type_id, r.to_object_id, r.model_path, r.content_path) for r in rows}
    assert written and wagtail_compat.extracted_references(story) == written
    for row in rows:
        assert wagtail_compat.content_path_hash(row.content_path) == row.content_path_hash


def test_api_fields_convert_to_the_fields_an_endpoint_offers():
    fields = wagtail_compat.convert_api_fields(
        SectionsAPIViewSet, ["title", APIField("description")]
    )
    assert [f.name for f in fields] == ["title", "description"]


def test_no_other_module_touches_the_private_names():
    """The compat module is the one place to fix after an upgrade only if nothing else uses
    the private names it wraps (found here from its own source, so a new one is covered)."""
    import re
    from pathlib import Path

    import dateline

    source = Path(wagtail_compat.__file__).read_text()
    private = set(re.findall(r"\.(_[a-z][a-z0-9_]*)\b", source)) | {"steplen"}
    assert {"_wagtail_site", "_cached_parent_obj", "_get_path", "steplen"} <= private
    root = Path(dateline.__file__).parent
    offenders = [
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        if path.name != "wagtail_compat.py"
        for name in private
        if re.search(rf"\.{name}\b", path.read_text())
    ]
    assert offenders == []
