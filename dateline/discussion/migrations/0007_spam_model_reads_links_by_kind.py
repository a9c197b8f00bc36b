"""The spam model's second version of its text features (links by kind, obfuscated links, a
per-source limit on genuine comments held) moves the hold score `dateline train_spam` chooses
from 0.815 to 0.832 (docs/moderation.md). Sites still on the previous defaults (0.815 / 0.999)
move to the new ones; a site that chose its own keeps them."""

import django.core.validators
from django.db import migrations, models

PREVIOUS = {"spam_hold_from": 0.815, "spam_folder_from": 0.999}
NEW = {"spam_hold_from": 0.832, "spam_folder_from": 0.999}


def to_new_defaults(apps, schema_editor):
    settings = apps.get_model("discussion", "DiscussionSettings")
    settings.objects.filter(**PREVIOUS).update(**NEW)


def to_previous_defaults(apps, schema_editor):
    settings = apps.get_model("discussion", "DiscussionSettings")
    settings.objects.filter(**NEW).update(**PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0006_spam_thresholds_chosen_out_of_fold"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_hold_from",
            field=models.FloatField(
                default=0.832,
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
