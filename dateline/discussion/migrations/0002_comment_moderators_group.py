"""The "Comment moderators" group: moderates reader comments, edits no page.

Wagtail's own "Moderators" group is about page workflow (it can edit and publish pages), so the
comment role is a separate group that editors are not in unless someone adds them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Comment moderators"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; create this app's now so that the
    # group can be given them (wagtailadmin's access_admin comes from its own migration).
    create_permissions(global_apps.get_app_config("discussion"), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = [
        ("discussion", "moderate_comment"),
        ("discussion", "view_comment"),
        ("wagtailadmin", "access_admin"),
    ]
    for app_label, codename in wanted:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
