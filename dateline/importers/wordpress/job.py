"""The options of one import and the state its steps share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from django.db import transaction

if TYPE_CHECKING:
    from .ledger import Ledger
    from .media import Media
    from .redirects import Redirects
    from .report import Report
    from .scan import Scan
    from .taxonomy import Taxonomy

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Options:
    """What the operator asked for (the command's flags)."""

    uploads: Path | None = None
    fetch_media: bool = False
    dry_run: bool = False
    categories_as: str = "sections"  # or "topics"
    section_parent: str = "own"  # or "top": a child category files under its top-level section
    create_users: bool = False
    default_section: str = "News"


@dataclass
class Job:
    """Everything the steps of one import share; built by the runner."""

    options: Options
    scan: Scan
    ledger: Ledger
    report: Report
    taxonomy: Taxonomy = None  # type: ignore[assignment]
    media: Media = None  # type: ignore[assignment]
    redirects: Redirects = None  # type: ignore[assignment]
    seen: set[str] = field(default_factory=set)
    _finders: list | None = None

    @property
    def site_link(self) -> str:
        site = self.scan.site
        return site.link or site.base_blog_url or site.base_site_url

    @property
    def site_host(self) -> str:
        return (urlsplit(self.site_link).hostname or "").lower()

    @property
    def site_prefix(self) -> str:
        """The path the blog lived under ('' at the root, '/blog' in a sub-folder)."""
        return urlsplit(self.site_link).path.rstrip("/")

    @property
    def credit(self) -> str:
        return self.scan.site.title.strip() or self.site_host or "WordPress archive"

    def embeddable(self, url: str) -> bool:
        """Whether a configured embed provider claims the URL (decided locally, no request)."""
        if self._finders is None:
            from wagtail.embeds.finders import get_finders

            self._finders = list(get_finders())
        return any(finder.accept(url) for finder in self._finders)

    def forget(self) -> None:
        """After a rolled-back item: cached objects may be gone."""
        self.ledger.forget()
        if self.taxonomy is not None:
            self.taxonomy.forget()
        if self.media is not None:
            self.media.forget()

    def attempt(self, kind: str, name: str, work: Callable[[], T]) -> T | None:
        """Run one item's work in its own transaction (a savepoint inside a batch): all of it
        is written, or none of it and a failure in the report. One broken item must never stop
        the import, so any error is caught; ^C and a killed process are not."""
        try:
            with self.report.item(), transaction.atomic():
                return work()
        except Exception as exc:
            logger.debug("import of %s failed", name, exc_info=True)
            self.forget()
            self.report.add(kind, "failed", name, f"{type(exc).__name__}: {exc}"[:300])
            return None
