"""The article: headline, standfirst, bylines, dateline, body, topics, source and corrections.

Honest dates: `first_published_at` (Wagtail's own) is the first publication and never moves;
`last_substantive_update` is derived from the corrections log on every save, so it moves only
when an editor logs a correction, clarification or update, never on a silent edit or republish.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from dateline.core.dates import age_notice
from dateline.core.models import NewsroomSettings
from dateline.news import publishing
from dateline.news.blocks import ArticleBodyBlock
from dateline.news.cache_tags import tag_article
from dateline.news.models.privacy import KeptRestrictionsMixin
from dateline.news.queries import related_articles


class CommentPolicy(models.TextChoices):
    """An article's own say over its discussion; DEFAULT leaves it to the site's rule."""

    DEFAULT = "default", "As the site's rule says (open until it closes with age)"
    OPEN = "open", "Open, whatever the story's age"
    CLOSED = "closed", "Closed (comments already made stay shown)"


class ArticlePage(KeptRestrictionsMixin, Page):
    standfirst = models.TextField(
        max_length=600, help_text="One or two sentences under the headline: the story in brief."
    )
    dateline_place = models.CharField(
        "dateline place", max_length=120, blank=True, help_text="Where the story was filed from."
    )
    filed_at = models.DateTimeField(
        "filed at", null=True, blank=True, help_text="When the reporter filed the story."
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=400, blank=True)
    lead_image_credit = models.CharField(
        "lead image credit",
        max_length=200,
        blank=True,
        help_text="Who made or owns the picture, as printed under it: 'Photo: Ana Ruiz/AFP'.",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    topics = ParentalManyToManyField("news.TopicPage", blank=True, related_name="tagged_articles")
    source_name = models.CharField(
        max_length=200, blank=True, help_text="For syndicated copy: the outlet that first ran it."
    )
    canonical_url = models.URLField(
        blank=True, help_text="For syndicated copy: the original's address (rel=canonical)."
    )
    # The wire's terms, kept when a story is taken from the desk (dateline/wire/services.py).
    language = models.CharField(
        max_length=20,
        blank=True,
        help_text="BCP 47 tag ('fr', 'pt-BR') when the story is not in the site's language.",
    )
    urgency = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text="The agency's urgency (IPTC): 1 is most urgent, 9 least.",
    )
    copyright_notice = models.CharField(
        max_length=400, blank=True, help_text="Shown to search engines as the copyright notice."
    )
    usage_terms = models.TextField(
        blank=True, help_text="The agency's terms of use, for editors: never shown to readers."
    )
    last_substantive_update = models.DateTimeField(null=True, blank=True, editable=False)
    comment_policy = models.CharField(
        "comments",
        max_length=8,
        choices=CommentPolicy.choices,
        default=CommentPolicy.DEFAULT,
        help_text=(
            "Whether readers may comment. A closed discussion still shows its comments. "
            "The site's rule is set in Settings > Discussion (close after so many days)."
        ),
    )

    content_panels = [
        # TitleFieldPanel, not FieldPanel: it fills in the slug from the headline as the editor
        # types, as Wagtail's own pages do (a plain FieldPanel left every new article's slug
        # empty and the save failed on the Promote tab).
        TitleFieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        InlinePanel("bylines", heading="Bylines", min_num=1, label="Byline"),
        MultiFieldPanel([FieldPanel("dateline_place"), FieldPanel("filed_at")], heading="Dateline"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldPanel("source_name"),
                FieldPanel("canonical_url"),
                FieldPanel("language"),
                FieldPanel("urgency"),
                FieldPanel("copyright_notice"),
                FieldPanel("usage_terms"),
            ],
            heading="Syndication",
        ),
        InlinePanel("corrections", heading="Corrections and updates", label="Entry"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("comment_policy")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("dateline_place"),
        index.RelatedFields("topics", [index.SearchField("title")]),
        index.FilterField("first_published_at"),
        index.FilterField("path"),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []
    template = "news/article_page.html"

    class Meta:
        verbose_name = "article"
        indexes = [models.Index(fields=["last_substantive_update"])]

    @property
    def headline(self) -> str:
        return self.title

    @property
    def comments_enabled(self) -> bool:
        """False only when an editor closed the discussion (age may close it too: see
        dateline.discussion.checks.closed_reason). Kept as a yes/no for the callers that
        create or revise articles with `comments_enabled=` (importers: a WordPress post's
        closed comment_status stays closed; an open one follows the site's rule)."""
        return self.comment_policy != CommentPolicy.CLOSED

    @comments_enabled.setter
    def comments_enabled(self, value: bool) -> None:
        if not value:
            self.comment_policy = CommentPolicy.CLOSED
        elif self.comment_policy == CommentPolicy.CLOSED:
            self.comment_policy = CommentPolicy.DEFAULT

    def save(self, *args, **kwargs):
        self.last_substantive_update = self._latest_correction_time()
        # The backstop of news/publishing.py: a stored story that was not live going live by
        # any path that skipped publish() (Wagtail's admin API, a hand-set `live`).
        if self.live and self._stored_live is False and not publishing.already_checked(self):
            publishing.check(self)
        saved = super().save(*args, **kwargs)
        self._stored_live = self.live
        return saved

    # Whether the row was live when loaded: None for a story not yet stored (new pages are
    # never killed or embargoed, and the bulk writer creates live ones).
    _stored_live = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "live" in instance.__dict__:
            instance._stored_live = instance.live
        return instance

    def with_content_json(self, content):
        page = super().with_content_json(content)
        page._stored_live = self._stored_live  # a revision's copy is saved as the stored row
        return page

    def publish(self, revision, *args, **kwargs):
        """Wagtail's publication of a revision (now, or scheduled at its go-live time),
        refused before anything is written when a guard holds the story back."""
        if not self.live:
            publishing.check(self, publishing.go_live_time(revision))
        with publishing.checked(self):
            return super().publish(revision, *args, **kwargs)

    def _latest_correction_time(self):
        times = [c.noted_at for c in self.corrections.all() if c.noted_at]
        return max(times) if times else None

    @property
    def updated_at(self):
        """The 'Updated' date a reader sees: only a logged update later than first publication.

        Compared to the minute, the precision at which the admin records a correction's time:
        a correction logged seconds after publication is noted at that minute's start, and must
        still count (found by tests/browser/test_editor_journey.py)."""
        first = self.first_published_at
        latest = self.last_substantive_update
        if latest is not None and latest > timezone.now():
            return None  # logged before the rule below existed: no "Updated" before its time
        if first and latest and latest >= first.replace(second=0, microsecond=0):
            return latest
        return None

    def age_notice(self, request=None, now=None):
        threshold = (
            NewsroomSettings.for_request(request).age_banner_days
            if request is not None
            else NewsroomSettings._meta.get_field("age_banner_days").default
        )
        return age_notice(self.first_published_at, threshold, now=now)

    @property
    def reporters(self) -> list:
        """Who a card names after 'By': the reporting bylines (not photographers or editors).

        Iterates `bylines.all()` so that a listing's prefetch serves it with no extra query."""
        bylines = list(self.bylines.all())
        reporting = [b.author for b in bylines if b.role == "reporting"]
        return reporting or [b.author for b in bylines[:1]]

    @property
    def is_syndicated(self) -> bool:
        return bool(self.source_name or self.canonical_url)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["bylines"] = list(self.bylines.select_related("author"))
        context["corrections"] = sorted(self.corrections.all(), key=lambda c: c.noted_at)
        # filter(live=True), not live(): a preview's topics are modelcluster's in-memory
        # FakeQuerySet, which has filter() and order_by() but no PageQuerySet methods.
        context["article_topics"] = list(self.topics.filter(live=True).order_by("title"))
        context["section"] = self.get_parent().specific_deferred
        context["age_notice"] = self.age_notice(request)
        topic_ids = [t.pk for t in context["article_topics"]]
        context["related"] = related_articles(self.pk, topic_ids)
        tag_article(
            request,
            self,
            topic_ids,
            [b.author_id for b in context["bylines"]],
            [story.pk for story in context["related"]],
        )
        return context


class ArticleByline(Orderable):
    ROLE_CHOICES = [
        ("reporting", "Reporting"),
        ("additional reporting", "Additional reporting"),
        ("photographs", "Photographs"),
        ("editing", "Editing"),
    ]

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("news.AuthorPage", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=40, choices=ROLE_CHOICES, default="reporting")

    panels = [FieldPanel("author"), FieldPanel("role")]

    def __str__(self):
        return f"{self.author} ({self.role})"


# The admin records a correction's time to the minute, and a desk's clocks drift a little: a
# time this far ahead is still "now". Anything later would announce a change before it was made.
CORRECTION_CLOCK_SLACK = timedelta(minutes=1)


def check_correction_time(noted_at) -> None:
    """A correction is logged when it was made: never at a time still to come."""
    if noted_at is not None and noted_at > timezone.now() + CORRECTION_CLOCK_SLACK:
        raise ValidationError(
            {
                "noted_at": "A correction cannot be dated in the future: give the time the "
                "change was made (now, or earlier)."
            }
        )


class ArticleCorrection(Orderable):
    """One entry of the corrections log. Adding one moves the article's 'Updated' date."""

    KIND_CHOICES = [
        ("correction", "Correction"),
        ("clarification", "Clarification"),
        ("update", "Update"),
    ]

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="correction")
    noted_at = models.DateTimeField(default=timezone.now, help_text="When the change was made.")
    text = models.TextField(help_text="What was wrong, or what changed, in plain words.")

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "correction or update"

    def clean(self):
        super().clean()
        check_correction_time(self.noted_at)

    def __str__(self):
        return f"{self.get_kind_display()} {self.noted_at:%Y-%m-%d}"
