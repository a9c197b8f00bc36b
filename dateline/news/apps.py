from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete


class NewsConfig(AppConfig):
    name = "dateline.news"
    label = "news"
    verbose_name = "News"
    # Wagtail publishes scheduled stories (and takes expired ones down) only when this runs.
    periodic_jobs = [("publish_scheduled", 60)]

    def ready(self):
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from dateline.news import signal_handlers as handlers

        post_migrate.connect(handlers.ensure_site_tree_after_migrate, sender=self)
        page_published.connect(handlers.purge_on_publish_change)
        page_unpublished.connect(handlers.purge_on_publish_change)
        post_page_move.connect(handlers.purge_on_move)
        # A page made private (or public again) changes what the cache may show anyone.
        post_save.connect(handlers.purge_on_privacy_change, sender=PageViewRestriction)
        post_delete.connect(handlers.purge_on_privacy_change, sender=PageViewRestriction)
        for model in self.get_models():
            if issubclass(model, Page):
                pre_delete.connect(handlers.purge_on_publish_change, sender=model)
