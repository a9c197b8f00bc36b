"""The spam filter's thresholds as `dateline train_spam` now chooses them (out of fold, at most 1%
of a collection's genuine comments held). Sites still on the old defaults (0.5 / 0.9) move to the
new ones; a site that chose its own keeps them."""

import django.core.validators
from django.db import migrations, models


def to_new_defaults(apps, schema_editor):
    settings = apps.get_model("discussion", "DiscussionSettings")
    settings.objects.filter(spam_hold_from=0.5, spam_folder_from=0.9).update(
        spam_hold_from=0.815, spam_folder_from=0.999
    )


def to_old_defaults(apps, schema_editor):
    settings = apps.get_model("discussion", "DiscussionSettings")
    settings.objects.filter(spam_hold_from=0.815, spam_folder_from=0.999).update(
        spam_hold_from=0.5, spam_folder_from=0.9
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0005_close_comments_after_30_days"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_folder_from",
            field=models.FloatField(
                default=0.999,
                help_text="A comment scoring this or more goes to the spam folder (never deleted).",
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="spam folder from score",
            ),
        ),
        migrations.AlterField(
            model_name="discussionsettings",
            name="spam_hold_from",
            field=models.FloatField(
                default=0.815,
                help_text="A comment scoring this or more waits for a moderator, with its score shown.",
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="hold from score",
            ),
        ),
        migrations.RunPython(to_new_defaults, to_old_defaults),
    ]
