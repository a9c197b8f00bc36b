# An article's discussion becomes a three-way choice (the site's rule, open, closed) instead of
# a yes/no, and the lead image gets a credit of its own. Closed articles stay closed, in the
# live row and in every revision an editor may still publish or revert to.

from django.db import migrations, models

POLICY_CHOICES = [
    ("default", "As the site's rule says (open until it closes with age)"),
    ("open", "Open, whatever the story's age"),
    ("closed", "Closed (comments already made stay shown)"),
]


def closed_stays_closed(apps, schema_editor):
    ArticlePage = apps.get_model("news", "ArticlePage")
    ArticlePage.objects.filter(comments_enabled=False).update(comment_policy="closed")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    article_type = ContentType.objects.filter(app_label="news", model="articlepage").first()
    if article_type is None:
        return
    revisions = Revision.objects.filter(
        content_type_id=article_type.pk, content__comments_enabled=False
    )
    for revision in revisions.iterator():
        revision.content["comment_policy"] = "closed"
        revision.save(update_fields=["content"])


def closed_back_to_no(apps, schema_editor):
    ArticlePage = apps.get_model("news", "ArticlePage")
    ArticlePage.objects.filter(comment_policy="closed").update(comments_enabled=False)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_killedstory"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="comment_policy",
            field=models.CharField(
                choices=POLICY_CHOICES,
                default="default",
                help_text=(
                    "Whether readers may comment. A closed discussion still shows its comments. "
                    "The site's rule is set in Settings > Discussion (close after so many days)."
                ),
                max_length=8,
                verbose_name="comments",
            ),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="lead_image_credit",
            field=models.CharField(
                blank=True,
                help_text="Who made or owns the picture, as printed under it: 'Photo: Ana Ruiz/AFP'.",
                max_length=200,
                verbose_name="lead image credit",
            ),
        ),
        migrations.RunPython(closed_stays_closed, closed_back_to_no),
        migrations.RemoveField(model_name="articlepage", name="comments_enabled"),
    ]
