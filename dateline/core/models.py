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
    ]

    class Meta:
        verbose_name = "Newsroom"
