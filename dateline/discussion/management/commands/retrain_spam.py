"""`dateline retrain_spam`: `train_spam --from-decisions`, as the worker runs it weekly."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Retrain the spam model on moderators' decisions (train_spam --from-decisions)."

    def handle(self, *args, **options):
        call_command(
            "train_spam", from_decisions=True, verbosity=options["verbosity"], stdout=self.stdout
        )
