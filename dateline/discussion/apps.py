from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "dateline.discussion"
    label = "discussion"
    verbose_name = "Reader discussion"

    def ready(self):
        from dateline.core import pagecache
        from dateline.discussion import tokens

        # The form token is re-stamped on every page-cache hit (decision 0004).
        if tokens.restamp not in pagecache.HIT_FILTERS:
            pagecache.HIT_FILTERS.append(tokens.restamp)
