"""Static files: fingerprinted names with a year's immutable caching, brotli and gzip copies
with validators that hold, and pages that still render before anything was collected."""

from __future__ import annotations

import shutil
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command
from django.templatetags.static import static

import dateline

SITE_CSS = Path(dateline.__file__).parent / "core" / "static" / "dateline" / "site.css"
STORAGE = "dateline.core.static_storage.FingerprintedStaticStorage"


@pytest.fixture
def fingerprinted(settings, tmp_path):
    """The production storage over a small source folder: a reader's stylesheet and an admin
    script, so that collecting takes a moment rather than all of Wagtail's files."""
    sources = tmp_path / "sources"
    (sources / "dateline").mkdir(parents=True)
    (sources / "wagtailadmin").mkdir()
    shutil.copy(SITE_CSS, sources / "dateline" / "site.css")
    (sources / "wagtailadmin" / "core.js").write_text("var admin = 1;\n" * 400)
    settings.STATICFILES_DIRS = [str(sources)]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": STORAGE}}
    return Path(settings.STATIC_ROOT)


def test_before_collection_a_page_gets_the_plain_name(fingerprinted):
    assert static("dateline/site.css") == "/static/dateline/site.css"


def test_collected_files_are_fingerprinted_and_compressed_for_readers(fingerprinted):
    call_command("collectstatic", "--no-input", "--verbosity", "0")

    url = static("dateline/site.css")
    assert url.startswith("/static/dateline/site.") and url != "/static/dateline/site.css"
    hashed = fingerprinted / url.removeprefix("/static/")
    assert brotli.decompress((hashed.parent / f"{hashed.name}.br").read_bytes()) == (
        SITE_CSS.read_bytes()
    )
    assert (hashed.parent / f"{hashed.name}.gz").exists()
    # The admin's files get gzip only: brotli at its best setting over them cost seconds.
    admin = list((fingerprinted / "wagtailadmin").iterdir())
    assert any(p.name.endswith(".gz") for p in admin)
    assert not any(p.name.endswith(".br") for p in admin)
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        static("dateline/no-such-file.css")  # once collected, a wrong name is still an error


@pytest.mark.django_db
def test_whitenoise_serves_the_fingerprinted_file_for_a_year_in_brotli(fingerprinted, client):
    call_command("collectstatic", "--no-input", "--verbosity", "0")
    url = static("dateline/site.css")

    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)
    again = client.get(url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=packed["ETag"])

    assert packed.status_code == plain.status_code == 200
    assert packed["Content-Encoding"] == "br" and "Content-Encoding" not in plain
    assert "Accept-Encoding" in packed["Vary"]
    body = b"".join(packed.streaming_content)
    assert brotli.decompress(body) == b"".join(plain.streaming_content) == SITE_CSS.read_bytes()
    for response in (packed, plain):
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert again.status_code == 304
    # The plain name still answers (an old page in someone's cache), but briefly.
    assert "immutable" not in client.get("/static/dateline/site.css")["Cache-Control"]
