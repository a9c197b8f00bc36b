from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "dateline.wire"
    label = "wire"
    verbose_name = "Wire desk"
    default_auto_field = "django.db.models.BigAutoField"
    # Sources with a feed address, each on its own interval and back-off (wire/poll.py).
    periodic_jobs = [("poll_wire", 60)]

    def ready(self):
        from dateline.news import publishing
        from dateline.wire import services

        # An agency's embargo holds a taken or merged story back on every publish path.
        publishing.register(services.embargo_guard)
