from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = "Newsroom core"
    # (management command, seconds between runs), run by `dateline worker` (core/worker.py).
    periodic_jobs = [
        ("optimize_database", 24 * 60 * 60),  # the query planner's statistics
        # Edge mode's files past their time, older days, missed purges (nothing when it is off).
        ("edge_sweep", 60),
    ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from dateline.core.sitewide import purge_site, purge_site_on_setting_change, setting_models

        # Whatever every page shows: a change refreshes every cached page and kept copy.
        post_save.connect(purge_site, sender=Site, dispatch_uid="purge-site-on-site")
        post_delete.connect(purge_site, sender=Site, dispatch_uid="purge-site-on-site-delete")
        for model in setting_models():
            post_save.connect(
                purge_site_on_setting_change, sender=model, dispatch_uid=f"ps-{model}"
            )
            post_delete.connect(purge_site, sender=model, dispatch_uid=f"ps-delete-{model}")
