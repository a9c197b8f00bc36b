"""Checking a ninjs item against the IPTC's JSON Schema of its generation (1.x, 2.x or 3.x).

The schemas are the IPTC's own files (``specification/ninjs-schema_{1.6,2.2,3.1}.json`` of the
IPTC's ``iptc/newsinjson`` repository, CC BY 4.0), read from the folder named by
``DATELINE_NINJS_SCHEMAS``, else from the shared corpora beside a development checkout. They are
not copied into the package; without them the schema check is off (``available()`` is False)
and items are checked for what an article needs only, as before. A ninjs
item rarely says which version it follows, so the generation is read from the item: its
``$standard``/``standard`` version when given, else the spelling of its properties (3.x is
camel case, ``versionCreated``; 2.x has the plural ``headlines``/``bodies``/``subjects``; 1.x
the singular ``headline``/``body_html``/``subject``).

Nothing is ever fetched: the schemas' one outside reference (GeoJSON, for a place's geometry)
resolves to "any object", and any other outside reference is an error, never a download
(jsonschema would otherwise fetch it with urllib).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from jsonschema import validators
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

SCHEMAS = {1: "ninjs-schema_1.6.json", 2: "ninjs-schema_2.2.json", 3: "ninjs-schema_3.1.json"}
# Beside a development checkout: <repo>/../shared/corpora/feeds/ninjs/schema.
CHECKOUT_FOLDER = Path(__file__).resolve().parents[4] / "shared/corpora/feeds/ninjs/schema"


def folder() -> Path:
    """Where the schemas are looked for: DATELINE_NINJS_SCHEMAS, else the development one."""
    configured = os.environ.get("DATELINE_NINJS_SCHEMAS", "").strip()
    return Path(configured) if configured else CHECKOUT_FOLDER


def available() -> bool:
    """True when every generation's schema file is in `folder()`."""
    return all((folder() / name).is_file() for name in SCHEMAS.values())


GEOJSON = "https://geojson.org/schema/GeoJSON.json"
# Properties only 2.x and later spell in the plural (1.x: headline, body_html, subject...).
PLURAL = {"headlines", "descriptions", "bodies", "subjects", "people", "places", "genres"}
PLURAL |= {"organisations", "infosources", "events", "objects", "trustindicators"}


def _no_download(uri: str):
    raise NoSuchResource(ref=uri)


@cache
def _validator(generation: int):
    schema = json.loads((folder() / SCHEMAS[generation]).read_text(encoding="utf-8"))
    geometry = Resource.from_contents(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
    )
    registry = Registry(retrieve=_no_download).with_resource(GEOJSON, geometry)
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=registry)


def declared(item: dict) -> int | None:
    """The generation an item names in its ``$standard`` (1.x) or ``standard`` (2.x, 3.x)."""
    for key in ("$standard", "standard"):
        standard = item.get(key)
        if isinstance(standard, dict):
            major = str(standard.get("version", "")).strip()[:1]
            if major in ("1", "2", "3"):
                return int(major)
    return None


def generation(item: dict) -> int:
    """1, 2 or 3: the ninjs generation an item (with its keys as sent) looks written in."""
    major = declared(item)
    if major:
        return major
    if _camel_case(item):
        return 3
    return 2 if PLURAL & set(item) else 1


def _camel_case(value, depth: int = 0) -> bool:
    """3.x spells properties in camel case at every level (versionCreated, sizeInBytes)."""
    if depth > 6:
        return False
    if isinstance(value, dict):
        return any(
            (isinstance(k, str) and k[:1].islower() and not k.islower())
            or _camel_case(v, depth + 1)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_camel_case(v, depth + 1) for v in value[:50])
    return False


def problem(item) -> str | None:
    """Why `item` is not valid ninjs, in its schema's words; None when it is valid.

    An item that names its version is checked against that generation's schema only; one that
    does not is valid when one generation's schema accepts it (agencies rarely say which they
    follow), and a refusal quotes the schema of the generation it looks written in. Without
    the schemas (`available()` False) nothing is refused here."""
    if not isinstance(item, dict):
        return "a ninjs item must be a JSON object"
    if not available():
        return None
    likely = generation(item)
    tried = [likely] if declared(item) else [likely, *(g for g in SCHEMAS if g != likely)]
    # is_valid first: about a quarter of the cost of collecting errors (0.6 ms for a full item).
    if any(_validator(major).is_valid(item) for major in tried):
        return None
    first_error = best_match(_validator(likely).iter_errors(item))
    where = "/".join(str(p) for p in first_error.absolute_path) or "the item"
    return (
        f"not valid ninjs {likely}.x (schema {SCHEMAS[likely]}): at {where}: "
        f"{first_error.message[:300]}"
    )
