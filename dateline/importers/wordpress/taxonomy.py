"""People and taxonomy: WordPress authors, categories and tags as Dateline authors, sections
and topics (and, when asked, user accounts that cannot log in until a password is set).

Sections and topics that already exist with the same slug are reused rather than duplicated,
so an export of a newsroom's "World" category lands in Dateline's existing World section.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from dateline.importers.wxr import Author, Category, Post, Tag
from dateline.news import services
from dateline.news.models import AuthorPage, HomePage, SectionPage, TopicIndexPage, TopicPage

if TYPE_CHECKING:
    from .job import Job

DEFAULT_KEY = "__default__"
UNCATEGORIZED = "uncategorized"


def _name(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _slug(text: str) -> str:
    return slugify(unquote(text), allow_unicode=True)[:255]


class Taxonomy:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.categories: dict[str, Category] = {}
        self._home: HomePage | None = None

    def forget(self) -> None:
        self._home = None

    @property
    def home(self) -> HomePage:
        if self._home is None:
            self._home = services.ensure_site_tree()
        return self._home

    # --- authors and users ---

    def add_author(self, record: Author) -> None:
        login = record.login or record.display_name
        if not login:
            self.job.report.add("authors", "skipped", "", "an author with no login or name")
            return
        author = self._author(login, record)
        if self.job.options.create_users and record.login:
            self._user(record)
        self.job.redirects.for_author(record, author)

    def author_for(self, login: str) -> AuthorPage:
        """The Dateline author for a post's ``dc:creator`` (created if the export lacks it)."""
        login = login.strip() or f"{self.job.credit} staff"
        return self.job.ledger.target("author", login) or self._author(login, None)

    def _author(self, login: str, record: Author | None) -> AuthorPage:
        existing = self.job.ledger.target("author", login)
        label = f"author {login!r}"
        if existing is not None:
            self.job.report.add("authors", "unchanged", label)
            return existing
        name = ""
        if record is not None:
            full = f"{record.first_name} {record.last_name}".strip()
            name = _name(record.display_name) or _name(full)
        author = services.create_author(name or login)
        self.job.ledger.record("author", login, author)
        self.job.report.add("authors", "created", label)
        return author

    def _user(self, record: Author) -> None:
        users = get_user_model()
        label = f"user {record.login!r}"
        if self.job.ledger.find("user", record.login) is not None:
            self.job.report.add("users", "unchanged", label)
            return
        username = record.login[:150]
        if users._default_manager.filter(username=username).exists():
            self.job.report.add(
                "users", "skipped", label, "a Dateline account with this user name exists already"
            )
            return
        # No password: the account can be used only after a password reset or an admin sets one.
        user = users._default_manager.create_user(
            username=username,
            email=record.email[:254],
            password=None,
            first_name=record.first_name[:150],
            last_name=record.last_name[:150],
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        self.job.ledger.record("user", record.login, user)
        self.job.report.add("users", "created", label)

    # --- categories and tags ---

    def add_category(self, record: Category) -> None:
        if not record.nicename:
            self.job.report.add("sections", "skipped", record.name, "a category with no slug")
            return
        self.categories[record.nicename] = record
        self._category(record.nicename, record.name)

    def add_tag(self, record: Tag) -> None:
        if not record.slug:
            self.job.report.add("topics", "skipped", record.name, "a tag with no slug")
            return
        topic = self._topic(f"tag:{record.slug}", record.slug, record.name, record.description)
        self.job.redirects.for_term("tag", record.slug, topic)

    def _is_section(self, nicename: str) -> bool:
        options = self.job.options
        if options.categories_as == "topics":
            return False
        record = self.categories.get(nicename)
        return options.section_parent != "top" or record is None or not record.parent

    def _category(self, nicename: str, name: str) -> SectionPage | TopicPage:
        record = self.categories.get(nicename)
        description = record.description if record else ""
        if self._is_section(nicename):
            target = self._section(nicename, name or nicename, description)
        else:
            target = self._topic(f"category:{nicename}", nicename, name, description)
        self.job.redirects.for_term("category", self._category_path(nicename), target)
        return target

    def _category_path(self, nicename: str) -> str:
        chain, seen = [nicename], {nicename}
        record = self.categories.get(nicename)
        while record is not None and record.parent and record.parent not in seen:
            chain.insert(0, record.parent)
            seen.add(record.parent)
            record = self.categories.get(record.parent)
        return "/".join(chain)

    def _top(self, nicename: str) -> str:
        return self._category_path(nicename).split("/", 1)[0]

    def _section(self, key: str, title: str, description: str = "", position: int = 100):
        found = self.job.ledger.target("section", key)
        label = f"section {title!r}"
        if found is not None:
            self.job.report.add("sections", "unchanged", label)
            return found
        title = _name(title) or key
        slug = _slug(key if not key.startswith("__") else title)
        section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if section is None:
            section = services.create_section(
                title, description=_name(description), position=position
            )
            self.job.report.add("sections", "created", label)
        else:
            self.job.report.add("sections", "unchanged", label, "an existing section was reused")
        self.job.ledger.record("section", key, section)
        return section

    def _topic(self, key: str, slug: str, title: str, description: str = "") -> TopicPage:
        found = self.job.ledger.target("topic", key)
        label = f"topic {title or slug!r}"
        if found is not None:
            self.job.report.add("topics", "unchanged", label)
            return found
        self.home  # noqa: B018 - makes sure the topic index exists
        index = TopicIndexPage.objects.get()
        topic = TopicPage.objects.child_of(index).filter(slug=_slug(slug)).first()
        if topic is None:
            topic = services.create_topic(
                _name(title) or slug, kind="subject", description=_name(description)
            )
            self.job.report.add("topics", "created", label)
        else:
            self.job.report.add("topics", "unchanged", label, "an existing topic was reused")
        self.job.ledger.record("topic", key, topic)
        return topic

    # --- what a post is filed under ---

    def default_section(self) -> SectionPage:
        return self._quiet_section(DEFAULT_KEY, self.job.options.default_section, 100)

    def _quiet_section(self, key: str, title: str, position: int) -> SectionPage:
        return self.job.ledger.target("section", key) or self._section(key, title, "", position)

    def _lookup(self, nicename: str, name: str):
        kind, key = (
            ("section", nicename)
            if self._is_section(nicename)
            else (
                "topic",
                f"category:{nicename}",
            )
        )
        return self.job.ledger.target(kind, key) or self._category(nicename, name)

    def primary_category(self, post: Post) -> tuple[str, str] | None:
        """The category a post is filed under: Yoast's primary category, else the first."""
        cats = [(slug, name) for domain, slug, name in post.categories if domain == "category"]
        primary = post.meta("_yoast_wpseo_primary_category") or ""
        if primary.isdigit():
            slug = self.job.scan.category_slugs.get(int(primary))
            for pair in cats:
                if pair[0] == slug:
                    return pair
        return cats[0] if cats else None

    def filing(self, post: Post) -> tuple[SectionPage, list[TopicPage]]:
        """The section a post goes under and the topics it is tagged with."""
        topics: list[TopicPage] = []
        primary = self.primary_category(post)
        section = None
        if primary is not None:
            slug, name = primary
            if self.job.options.section_parent == "top":
                slug = self._top(slug)
                record = self.categories.get(slug)
                name = record.name if record else name
            if self._is_section(slug):
                section = self._lookup(slug, name)
        section = section or self.default_section()
        for domain, slug, name in post.categories:
            if not slug:
                continue
            if domain == "post_tag":
                topic = self.job.ledger.target("topic", f"tag:{slug}") or self._topic(
                    f"tag:{slug}", slug, name
                )
                topics.append(topic)
            elif domain == "category":
                target = self._lookup(slug, name)
                # A second category of the post (or a sub-category under --section-parent
                # top) becomes a topic so that the article still says it belongs there.
                if isinstance(target, SectionPage) and target.pk != section.pk:
                    if slug != UNCATEGORIZED:
                        key = f"category:{slug}"
                        topic = self.job.ledger.target("topic", key)
                        topics.append(topic or self._topic(key, slug, name))
                elif isinstance(target, TopicPage):
                    topics.append(target)
        unique = {t.pk: t for t in topics}
        return section, list(unique.values())
