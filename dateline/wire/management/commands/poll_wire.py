"""`dateline poll_wire`: fetch the wire sources that are due (the worker runs it every minute)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from dateline.wire.poll import poll_due


class Command(BaseCommand):
    help = "Poll the feed address of every wire source that is due (conditional GET, back-off)."

    def handle(self, *args, verbosity=1, **options):
        outcomes = poll_due()
        if verbosity >= 1:
            for name, outcome in outcomes.items():
                self.stdout.write(f"{name}: {outcome}")
            self.stdout.write(f"{len(outcomes)} sources polled")
