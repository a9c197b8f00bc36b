"""Mail moderators one digest of the comments waiting (the 'digest' notification mode).

The worker runs it daily; it sends nothing unless a site chose the digest mode (or --force).
"""

from django.core.management.base import BaseCommand

from dateline.discussion.models import DiscussionSettings
from dateline.discussion.tasks import send_moderation_digest


class Command(BaseCommand):
    help = "Mail every comment moderator a list of the comments waiting for moderation."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="What counts as new.")
        parser.add_argument("--force", action="store_true", help="send whatever the mode")

    def handle(self, *args, hours=24, force=False, **options):
        digest = DiscussionSettings.Notify.DIGEST
        if not force and not DiscussionSettings.objects.filter(notify_moderators=digest).exists():
            self.stdout.write("No site notifies moderators by digest; nothing sent.")
            return
        sent = send_moderation_digest.call(hours)
        self.stdout.write(f"Digest sent to {sent} moderators.")
