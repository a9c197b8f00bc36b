"""The spam model reads signs of self-promotion (version 3 of its text features) and turns its
margin into a score by a fit on cross-validated margins (docs/moderation.md), which moves the
scores `dateline train_spam` chooses from 0.764 / 0.999 to 0.8881 / 0.9929. Sites still on the
previous defaults move to the new ones, unless a model retrained on their own decisions scores
their comments: that model was judged at the site's scores and stays on them until the next
weekly retrain. A site that chose its own scores keeps them."""

import django.core.validators
from django.db import migrations, models

PREVIOUS = {"spam_hold_from": 0.764, "spam_folder_from": 0.999}
NEW = {"spam_hold_from": 0.8881, "spam_folder_from": 0.9929}


def _shipped_model_in_use(apps) -> bool:
    return (
        not apps.get_model("discussion", "SpamModelVersion").objects.filter(accepted=True).exists()
    )


def to_new_defaults(apps, schema_editor):
    if _shipped_model_in_use(apps):
        settings = apps.get_model("discussion", "DiscussionSettings")
        settings.objects.filter(**PREVIOUS).update(**NEW)


def to_previous_defaults(apps, schema_editor):
    settings = apps.get_model("discussion", "DiscussionSettings")
    settings.objects.filter(**NEW).update(**PREVIOUS)


def _score_field(default, help_text, verbose_name):
    return models.FloatField(
        default=default,
        help_text=help_text,
        validators=[
            django.core.validators.MinValueValidator(0.0),
            django.core.validators.MaxValueValidator(1.0),
        ],
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0008_spam_model_is_a_linear_svm"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_folder_from",
            field=_score_field(
                0.9929,
                "A comment scoring this or more goes to the spam folder (never deleted).",
                "spam folder from score",
            ),
        ),
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_hold_from",
            field=_score_field(
                0.8881,
                "A comment scoring this or more waits for a moderator, with its score shown.",
                "hold from score",
            ),
        ),
        migrations.RunPython(to_new_defaults, to_previous_defaults),
    ]
