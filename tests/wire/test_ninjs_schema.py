"""ninjs items are checked against the IPTC's JSON Schema of their generation (1.x, 2.x, 3.x):
valid ones ingest, an invalid one is refused with the schema's reason, and nothing is fetched."""

from __future__ import annotations

import json
import urllib.request

import pytest

from dateline.wire.formats import Refused, ninjs_schema, read
from tests.corpora import corpus_path


@pytest.fixture(autouse=True)
def _schemas():
    """The IPTC's schemas are read from the shared corpora, never copied into the package."""
    corpus_path("feeds", "ninjs", "schema")


VALID = {
    1: {"uri": "urn:x:1", "headline": "Floods in Mopti", "body_text": "Water rose.", "urgency": 3},
    2: {
        "uri": "urn:x:2",
        "headlines": [{"value": "Floods in Mopti"}],
        "bodies": [{"contenttype": "text/plain", "value": "Water rose."}],
        "versioncreated": "2026-12-05T10:00:00Z",
    },
    3: {
        "uri": "urn:x:3",
        "headlines": [{"value": "Floods in Mopti"}],
        "bodies": [{"contentType": "text/plain", "value": "Water rose."}],
        "versionCreated": "2026-12-05T10:00:00Z",
    },
}


@pytest.mark.parametrize("major", [1, 2, 3])
def test_a_valid_item_of_each_generation_is_read(major):
    assert ninjs_schema.generation(VALID[major]) == major
    assert ninjs_schema.problem(VALID[major]) is None
    [copy] = read(json.dumps(VALID[major]).encode())
    assert copy.headline == "Floods in Mopti" and copy.body_html == "<p>Water rose.</p>"


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ({**VALID[1], "urgency": "flash"}, "at urgency: 'flash' is not of type 'number'"),
        ({**VALID[1], "pubstatus": "gone"}, "at pubstatus: 'gone' is not one of"),
        ({**VALID[2], "headlines": "Floods"}, "at headlines: 'Floods' is not of type 'array'"),
        ({**VALID[3], "madeUpField": 1}, "'madeUpField' was unexpected"),
        # 3.x camel case with a 2.x spelling in it: valid in no generation.
        ({**VALID[3], "firstcreated": "2026-12-05T10:00:00Z"}, "'firstcreated' was unexpected"),
    ],
)
def test_an_invalid_item_is_refused_with_the_schemas_reason(item, reason):
    with pytest.raises(Refused) as refused:
        read(json.dumps(item).encode())
    assert "not valid ninjs" in str(refused.value) and reason in str(refused.value)
    assert item["uri"] in str(refused.value)


def test_an_item_that_names_its_version_is_held_to_that_schema():
    # Valid 1.x, but it says it is 2.2: the 2.x schema has no singular 'headline'.
    item = {**VALID[1], "standard": {"name": "ninjs", "version": "2.2"}}
    assert ninjs_schema.generation(item) == 2
    assert "not valid ninjs 2.x" in ninjs_schema.problem(item)
    assert ninjs_schema.problem({**VALID[1], "$standard": {"version": "1.5"}}) is None


def test_validation_never_fetches_the_schemas_outside_reference(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the validator tried to fetch a schema")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    place = {"name": "Mopti", "geoJSON": {"type": "Point", "coordinates": [-4.2, 14.5]}}
    item = {**VALID[3], "places": [place]}
    assert ninjs_schema.problem(item) is None  # GeoJSON resolves to "any object", locally


def test_the_iptc_examples_of_every_generation_validate():
    folders = ["examples-2.1", "examples-3.0", "guideline-examples-3.1"]
    checked = 0
    for folder in folders:
        for path in sorted(corpus_path("feeds", "ninjs", folder).glob("*.json")):
            doc = json.loads(path.read_bytes())
            for item in doc if isinstance(doc, list) else [doc]:
                assert ninjs_schema.problem(item) is None, (path.name, ninjs_schema.problem(item))
                checked += 1
    assert checked >= 25


def test_the_schemas_are_found_beside_the_checkout_and_are_valid_schemas():
    assert ninjs_schema.folder() == corpus_path("feeds", "ninjs", "schema")
    assert ninjs_schema.available()
    for major in ninjs_schema.SCHEMAS:
        assert ninjs_schema._validator(major) is not None  # check_schema ran on load


def test_a_configured_folder_without_the_schemas_turns_the_check_off(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_NINJS_SCHEMAS", str(tmp_path))
    assert ninjs_schema.folder() == tmp_path and not ninjs_schema.available()
    assert ninjs_schema.problem({**VALID[1], "urgency": "flash"}) is None


@pytest.mark.django_db
def test_an_invalid_item_in_a_list_is_reported_and_the_valid_ones_ingest():
    from dateline.wire.ingest import Report, ingest_bytes

    report = Report()
    ingest_bytes(json.dumps([VALID[1], {**VALID[2], "urgency": "flash"}]).encode(), "l", report)
    assert report.counts["new"] == 1 and not report.refused
    [(name, note)] = report.notes
    assert name == "l" and "item refused: 'urn:x:2': not valid ninjs 2.x" in note
    assert "at urgency" in note


def test_a_3x_embargo_is_read_from_its_renamed_property():
    # 1.x and 2.x say "embargoed"; 3.x renamed it "embargoedUntil".
    [copy] = read(json.dumps({**VALID[3], "embargoedUntil": "2030-01-02T03:04:05Z"}).encode())
    assert copy.embargo_until.isoformat() == "2030-01-02T03:04:05+00:00"
    [old] = read(json.dumps({**VALID[2], "embargoed": "2030-01-02T03:04:05Z"}).encode())
    assert old.embargo_until == copy.embargo_until
