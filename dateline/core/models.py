"""Newsroom-wide settings that editors change in the admin (Settings > Newsroom)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    name = models.CharField(max_length=120, default="The Dateline")
    tagline = models.CharField(max_length=200, blank=True, default="News you can date.")
    language = models.CharField(
        max_length=12, default="en", help_text="BCP 47 language tag of the newsroom's copy."
    )
    masthead_date_format = models.CharField(
        max_length=40,
        default="D. M jS, Y",
        help_text=(
            "Django date format for the masthead. The default 'D. M jS, Y' gives "
            "'Thu. Nov 21st, 2024'; S is the English ordinal suffix."
        ),
    )
    age_banner_days = models.PositiveIntegerField(
        default=365,
        help_text="Articles older than this many days carry a banner saying how old they are.",
    )
    articles_per_page = models.PositiveSmallIntegerField(default=20)
    feed_full_text = models.BooleanField(
        default=False,
        help_text="Feeds carry each story's full text; unticked, only the standfirst and a link.",
    )
    publisher_logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The newsroom's logo for search engines' article data (at least 112 px wide).",
    )
    twitter_site = models.CharField(
        max_length=16, blank=True, help_text="The newsroom's X/Twitter account, e.g. @dateline."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("language")], heading="Newsroom"
        ),
        MultiFieldPanel(
            [
                FieldPanel("masthead_date_format"),
                FieldPanel("age_banner_days"),
                FieldPanel("articles_per_page"),
            ],
            heading="Dates and listings",
        ),
        MultiFieldPanel(
            [
                FieldPanel("feed_full_text"),
                FieldPanel("publisher_logo"),
                FieldPanel("twitter_site"),
            ],
            heading="Feeds, search engines and sharing",
        ),
    ]

    class Meta:
        verbose_name = "Newsroom"
