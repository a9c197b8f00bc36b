"""Attachments as Wagtail images and documents, read from the uploads folder or fetched.

A file is looked for under ``--uploads DIR`` at the part of its URL after
``wp-content/uploads/`` (or the whole path, for WordPress.com's file hosts); only with
``--fetch-media`` is it downloaded, and then only through the guard in :mod:`.fetch`. Images go
through Wagtail's own upload checks (format, size, pixel count, the last read from the
header before anything decodes: dateline/core/images.py); an image whose bytes are
already in Dateline is reused rather than stored twice.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from dateline.core.images import HeaderCheckedImageField, store_checked_image

from . import fetch
from .body import plain_text
from .scan import Attachment, media_key

if TYPE_CHECKING:
    from dateline.importers.wxr import Post

    from .job import Job

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "avif", "heic"}
DOCUMENT_EXTENSIONS = {
    *("pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "xls", "xlsx", "ods", "ppt", "pptx"),
    *("odp", "epub", "zip", "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "mov", "webm"),
    "ogv",
}
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024


class MediaUnavailable(Exception):
    """The file cannot be had (not found, not allowed, not valid); the message says why."""

    def __init__(self, reason: str, outcome: str = "failed") -> None:
        super().__init__(reason)
        self.reason = reason
        self.outcome = outcome


def uploads_path(url: str) -> str | None:
    """The file's path relative to the uploads folder, or None if the URL cannot name one."""
    path = unquote(urlsplit(url.strip()).path)
    for marker in ("/wp-content/uploads/", "/files/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    parts = PurePosixPath(path.lstrip("/")).parts
    if not parts or any(p in ("..", ".") or "\\" in p or "\x00" in p for p in parts):
        return None
    return "/".join(parts)


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


class Media:
    """Imports attachments once each and finds the image an ``<img>`` in a body shows."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.uploads = job.options.uploads.resolve() if job.options.uploads else None
        self._image_field = HeaderCheckedImageField()
        self.touched: set[int] = set()
        # Files that could not be had this run: not read or fetched again for every post.
        self._unavailable: set[str] = set()

    def forget(self) -> None:
        self.touched.clear()

    # --- the attachment's own <item> ---

    def import_item(self, post: Post) -> None:
        """An ``<item>`` of type attachment: import its file unless a post already did."""
        attachment = self.job.scan.attachments.get(post.post_id)
        kind = self._kind(attachment.url if attachment else post.attachment_url)
        label = f"attachment {post.post_id} {post.title[:60]!r}"
        if attachment is None:
            self.job.report.add(kind, "skipped", label, "an attachment with no post id")
            return
        row = self.job.ledger.find("attachment", str(post.post_id), attachment.guid)
        if row is not None:
            outcome = "created" if post.post_id in self.touched else "unchanged"
            self.job.report.add(kind, outcome, label)
            self._redirects(post, attachment, row.target)
            return
        try:
            obj = self._import(attachment)
        except MediaUnavailable as exc:
            self.job.report.add(kind, exc.outcome, label, exc.reason)
            obj = None
        else:
            self.job.report.add(kind, "created", label)
        self._redirects(post, attachment, obj)

    def _redirects(self, post: Post, attachment: Attachment, obj) -> None:
        """The old file address leads to the new file; an attachment page of an attachment
        that belongs to no post leads there too (a post's own attachment pages lead to the post,
        see Redirects.for_post)."""
        if obj is None or self.job.options.dry_run:
            return
        file_url = obj.file.url
        self.job.redirects.for_file(attachment.url, file_url)
        if not attachment.parent:
            self.job.redirects.for_attachment(post, file_url)

    # --- on demand, from a post ---

    def image(self, attachment_id: int | None):
        """The Wagtail image for an attachment id, importing it now if needed (None if not)."""
        attachment = self.job.scan.attachments.get(attachment_id) if attachment_id else None
        if attachment is None:
            return None
        found = self.job.ledger.target("attachment", str(attachment.post_id), attachment.guid)
        if found is not None:
            return found if isinstance(found, get_image_model()) else None
        if self._kind(attachment.url) != "images" or attachment.url in self._unavailable:
            return None
        try:
            return self._import(attachment)
        except MediaUnavailable:
            self._unavailable.add(attachment.url)
            return None  # reported when the attachment's own <item> is reached

    def resolve(self, src: str, attachment_id: int | None):
        """The image an ``<img>`` of a body shows: by attachment id, by URL, or a loose file."""
        image = self.image(attachment_id)
        if image is not None:
            return image
        if not src:
            return None
        attachment = self.job.scan.attachment_for_url(src)
        if attachment is not None:
            return self.image(attachment.post_id)
        host = (urlsplit(src).hostname or "").lower()
        if host != self.job.site_host and "/wp-content/uploads/" not in src:
            return None  # someone else's image: linked, not copied
        return self._loose(src)

    def _loose(self, src: str):
        """An uploads file a body shows that no attachment in the export describes."""
        key = media_key(src)
        found = self.job.ledger.target("media", key)
        if found is not None:
            return found
        if _extension(key) not in IMAGE_EXTENSIONS or key in self._unavailable:
            return None
        try:
            name, data = self._read(src.split("?", 1)[0])
            image = self._store_image(name, data, title=Path(name).stem, alt="")
        except MediaUnavailable as exc:
            self._unavailable.add(key)
            # No attachment <item> will report it: the post's image is left out, said here.
            self.job.report.add("images", exc.outcome, f"image {key[:120]!r}", exc.reason)
            return None
        if image is not None:
            self.job.ledger.record("media", key, image)
        return image

    # --- reading and storing ---

    def _kind(self, url: str) -> str:
        return "images" if _extension(uploads_path(url) or "") in IMAGE_EXTENSIONS else "files"

    def _import(self, attachment: Attachment):
        name, data = self._read(attachment.url)
        title = " ".join(attachment.title.split()) or Path(name).stem
        if _extension(name) in IMAGE_EXTENSIONS:
            alt = attachment.alt or plain_text(attachment.caption)
            obj = self._store_image(name, data, title=title, alt=alt)
        elif _extension(name) in DOCUMENT_EXTENSIONS:
            obj = self._store_document(name, data, title=title)
        else:
            raise MediaUnavailable(f"{name}: this kind of file is not imported", "skipped")
        if obj is not None:
            self.job.ledger.record("attachment", str(attachment.post_id), obj, guid=attachment.guid)
            self.touched.add(attachment.post_id)
        return obj

    def _read(self, url: str) -> tuple[str, bytes]:
        relative = uploads_path(url)
        if not relative:
            raise MediaUnavailable(f"{url[:120]!r} does not name a file")
        name = relative.rsplit("/", 1)[-1]
        limit = self._limit(name)
        if self.uploads is not None:
            path = (self.uploads / relative).resolve()
            if not path.is_relative_to(self.uploads):
                raise MediaUnavailable(f"{relative} leads outside the uploads folder")
            if path.is_file():
                if path.stat().st_size > limit:
                    raise MediaUnavailable(f"{relative} is over the {limit:,} byte limit")
                if self.job.options.dry_run:
                    return name, b""
                return name, path.read_bytes()
            if not self.job.options.fetch_media:
                raise MediaUnavailable(f"not found in the uploads folder: {relative}")
        if not self.job.options.fetch_media:
            raise MediaUnavailable("no --uploads folder or --fetch-media given", "skipped")
        if self.job.options.dry_run:
            return name, b""  # a dry run fetches nothing
        try:
            return name, fetch.fetch(url, max_bytes=limit)
        except fetch.FetchRefused as exc:
            raise MediaUnavailable(str(exc)) from None

    def _limit(self, name: str) -> int:
        if _extension(name) in IMAGE_EXTENSIONS:
            return self._image_field.max_upload_size or MAX_DOCUMENT_BYTES
        return MAX_DOCUMENT_BYTES

    def _store_image(self, name: str, data: bytes, *, title: str, alt: str):
        if self.job.options.dry_run:
            return None
        try:
            return store_checked_image(name, data, title=title, description=alt)
        except ValidationError as exc:
            raise MediaUnavailable(f"{name}: {' '.join(exc.messages)}") from None

    def _store_document(self, name: str, data: bytes, *, title: str):
        if self.job.options.dry_run:
            return None
        documents = get_document_model()
        document = documents(title=title[:255], file=SimpleUploadedFile(name, data))
        document.file_size = len(data)
        document.file_hash = hash_filelike(io.BytesIO(data))
        document.save()
        return document
