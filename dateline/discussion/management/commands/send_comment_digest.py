"""Mail moderators one digest of the comments waiting (the 'digest' notification mode)."""

from django.core.management.base import BaseCommand

from dateline.discussion.tasks import send_moderation_digest


class Command(BaseCommand):
    help = "Mail every comment moderator a list of the comments waiting for moderation."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="What counts as new.")

    def handle(self, *args, hours=24, **options):
        sent = send_moderation_digest.call(hours)
        self.stdout.write(f"Digest sent to {sent} moderators.")
