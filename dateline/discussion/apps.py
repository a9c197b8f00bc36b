from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "dateline.discussion"
    label = "discussion"
    verbose_name = "Reader discussion"
