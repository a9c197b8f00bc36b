"""What the migrations that move the spam filter's default scores share. The name starts with an
underscore, so Django's migration loader passes it by: it is no migration of its own."""

import django.core.validators
from django.db import migrations, models


def score_field(default: float, help_text: str, verbose_name: str) -> models.FloatField:
    return models.FloatField(
        default=default,
        help_text=help_text,
        validators=[
            django.core.validators.MinValueValidator(0.0),
            django.core.validators.MaxValueValidator(1.0),
        ],
        verbose_name=verbose_name,
    )


def hold_from_field(default: float) -> models.FloatField:
    return score_field(
        default,
        "A comment scoring this or more waits for a moderator, with its score shown.",
        "hold from score",
    )


def spam_folder_from_field(default: float) -> models.FloatField:
    return score_field(
        default,
        "A comment scoring this or more goes to the spam folder (never deleted).",
        "spam folder from score",
    )


def move_defaults(previous: dict, new: dict) -> list:
    """A migration's operations: the two fields' ``new`` defaults, then the sites still on the
    ``previous`` default scores moved to the new ones, unless a model retrained on their own
    decisions scores their comments (that model was judged at the site's scores and stays on them
    until its next retrain). A site that chose its own scores keeps them."""

    def to_new_defaults(apps, schema_editor):
        versions = apps.get_model("discussion", "SpamModelVersion")
        if not versions.objects.filter(accepted=True).exists():
            settings = apps.get_model("discussion", "DiscussionSettings")
            settings.objects.filter(**previous).update(**new)

    def to_previous_defaults(apps, schema_editor):
        settings = apps.get_model("discussion", "DiscussionSettings")
        settings.objects.filter(**new).update(**previous)

    return [
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_folder_from",
            field=spam_folder_from_field(new["spam_folder_from"]),
        ),
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_hold_from",
            field=hold_from_field(new["spam_hold_from"]),
        ),
        migrations.RunPython(to_new_defaults, to_previous_defaults),
    ]
