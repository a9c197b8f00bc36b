"""Static files: fingerprinted names with a year's immutable caching, brotli and gzip copies
with validators that hold, and pages that still render before anything was collected."""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import brotli
import pytest
from django.conf import STATICFILES_STORAGE_ALIAS
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import storages
from django.core.management import call_command
from django.templatetags.static import static

import dateline
from dateline.core.static_collection import collect_static
from dateline.core.static_storage import FingerprintedStaticStorage

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


@contextmanager
def another_servers_storage():
    """Another server's process: a storage of its own (each process makes one as Django
    starts), while this process keeps the one it made before."""
    mine = storages[STATICFILES_STORAGE_ALIAS]
    theirs = FingerprintedStaticStorage()
    storages._storages[STATICFILES_STORAGE_ALIAS] = theirs
    staticfiles_storage._wrapped = theirs
    try:
        yield
    finally:
        storages._storages[STATICFILES_STORAGE_ALIAS] = mine
        staticfiles_storage._wrapped = mine


def test_a_server_that_waited_for_anothers_collection_names_the_files_it_collected(
    fingerprinted, settings
):
    sources = Path(settings.STATICFILES_DIRS[0])
    assert collect_static() is True  # the release before
    # This server starts: Django (Wagtail's admin, on import) makes the storage, which reads
    # the manifest there is, before the server takes the collection lock.
    storages[STATICFILES_STORAGE_ALIAS]
    (sources / "dateline" / "live.css").write_text(".live { color: #b00 }\n")  # the new release
    with another_servers_storage():
        assert collect_static() is True  # the other server took the lock first and collected

    assert collect_static() is False  # this one finds the collection current
    url = static("dateline/live.css")  # "Missing staticfiles manifest entry" (a 500) before
    assert url.startswith("/static/dateline/live.") and url != "/static/dateline/live.css"
    assert (fingerprinted / url.removeprefix("/static/")).exists()


def test_the_manifest_is_never_missing_nor_half_written_while_it_is_saved_again(fingerprinted):
    call_command("collectstatic", "--no-input", "--verbosity", "0")
    storage = storages[STATICFILES_STORAGE_ALIAS]
    # A manifest of many files (the admin's make it hundreds of kilobytes): Django wrote it in
    # 64 KB pieces after deleting the old one.
    storage.hashed_files.update(
        {f"admin/f{n}.js": f"admin/f{n}.0123456789ab.js" for n in range(20000)}
    )
    storage.save_manifest()
    seen, stop = [], threading.Event()

    def read_while_saved():
        while not stop.is_set():
            try:
                paths, _ = FingerprintedStaticStorage().load_manifest()
            except ValueError as error:  # "Couldn't load manifest"
                seen.append(str(error))
            else:
                seen.append(len(paths))

    reader = threading.Thread(target=read_while_saved)
    reader.start()
    try:
        for _ in range(30):
            storage.save_manifest()
    finally:
        stop.set()
        reader.join(10)
    assert seen and set(seen) == {len(storage.hashed_files)}
