from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "dateline.discussion"
    label = "discussion"
    verbose_name = "Reader discussion"

    def ready(self):
        from dateline.core import pagecache
        from dateline.discussion import signal_handlers, tokens
        from dateline.discussion.signals import discussion_changed

        discussion_changed.connect(
            signal_handlers.purge_cached_pages, dispatch_uid="discussion-purge-pages"
        )
        if tokens.restamp not in pagecache.HIT_FILTERS:
            pagecache.HIT_FILTERS.append(tokens.restamp)
