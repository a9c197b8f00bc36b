"""The spam model became a Platt-scaled linear SVM (docs/moderation.md), which moves the hold
score `dateline train_spam` chooses from 0.832 to 0.764. Sites still on the previous defaults
(0.832 / 0.999) move to the new ones; a site that chose its own scores keeps them. A site whose
comments a model retrained on its decisions scores (a regression, on the old scale) moves too:
at 0.764 that model holds a little more, never publishes more, and the next weekly retrain,
judged at the site's own hold score, brings an SVM made for it."""

import django.core.validators
from django.db import migrations, models

PREVIOUS = {"spam_hold_from": 0.832, "spam_folder_from": 0.999}
NEW = {"spam_hold_from": 0.764, "spam_folder_from": 0.999}


def to_new_defaults(apps, schema_editor):
    settings = apps.get_model("discussion", "DiscussionSettings")
    settings.objects.filter(**PREVIOUS).update(**NEW)


def to_previous_defaults(apps, schema_editor):
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
