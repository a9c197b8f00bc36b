"""The spam model became a Platt-scaled linear SVM (docs/moderation.md), which moves the hold
score `dateline train_spam` chooses from 0.832 to 0.764. Sites still on the previous defaults
(0.832 / 0.999) move to the new ones, unless a model retrained on their own decisions scores
their comments: that model is a logistic regression, on the scale the old defaults were chosen
for. A site that chose its own scores keeps them."""

import django.core.validators
from django.db import migrations, models

PREVIOUS = {"spam_hold_from": 0.832, "spam_folder_from": 0.999}
NEW = {"spam_hold_from": 0.764, "spam_folder_from": 0.999}


def _shipped_model_in_use(apps) -> bool:
    versions = apps.get_model("discussion", "SpamModelVersion")
    return not versions.objects.filter(accepted=True).exists()


def to_new_defaults(apps, schema_editor):
    if _shipped_model_in_use(apps):
        settings = apps.get_model("discussion", "DiscussionSettings")
        settings.objects.filter(**PREVIOUS).update(**NEW)


def to_previous_defaults(apps, schema_editor):
    if _shipped_model_in_use(apps):
        settings = apps.get_model("discussion", "DiscussionSettings")
        settings.objects.filter(**NEW).update(**PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0007_spam_model_reads_links_by_kind"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_hold_from",
            field=models.FloatField(
                default=0.764,
                help_text="A comment scoring this or more waits for a moderator, with its score shown.",
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="hold from score",
            ),
        ),
        migrations.RunPython(to_new_defaults, to_previous_defaults),
    ]
