from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsConfig(AppConfig):
    name = "dateline.news"
    label = "news"
    verbose_name = "News"

    def ready(self):
        from dateline.news import signal_handlers

        post_migrate.connect(signal_handlers.ensure_site_tree_after_migrate, sender=self)
