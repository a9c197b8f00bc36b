from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "dateline.wire"
    label = "wire"
    verbose_name = "Wire desk"
    default_auto_field = "django.db.models.BigAutoField"
