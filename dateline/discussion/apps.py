from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "dateline.discussion"
    label = "discussion"
    verbose_name = "Reader discussion"
    periodic_jobs = [
        ("purge_comment_ips", 24 * 60 * 60),  # commenters' addresses past retention
        ("send_comment_digest", 24 * 60 * 60),  # moderators who chose the daily digest
        # The spam model, retrained on moderators' decisions; kept only if it does no worse.
        ("retrain_spam", 7 * 24 * 60 * 60),
    ]

    def ready(self):
        from dateline.core import pagecache
        from dateline.discussion import tokens

        # The form token is re-stamped on every page-cache hit (decision 0004).
        if tokens.restamp not in pagecache.HIT_FILTERS:
            pagecache.HIT_FILTERS.append(tokens.restamp)
