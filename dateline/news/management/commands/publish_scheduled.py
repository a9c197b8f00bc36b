"""Wagtail's `publish_scheduled`, which first holds back what may not go out yet.

A story scheduled before its embargo was moved later, or killed since it was scheduled, would
make Wagtail's publish() refuse it, and Wagtail's loop stops at the first error, holding back
every other scheduled page. So such a story's scheduled time moves to its embargo's end (or is
cancelled for a killed story) before Wagtail publishes the rest. Run every minute by
`dateline worker`.
"""

from __future__ import annotations

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from dateline.news import publishing


class Command(WagtailPublishScheduled):
    help = (
        "Publish the pages and revisions whose scheduled time has come (Wagtail's command); a"
        " story held back (an embargo moved later, a kill) is rescheduled or cancelled first."
    )

    def handle(self, *args, **options):
        if not options["dryrun"]:
            for page, refused in publishing.hold_back_due_schedules():
                when = refused.not_before
                then = f"moved to {when:%Y-%m-%d %H:%M %Z}" if when else "cancelled"
                reason = str(refused).rstrip(".")
                self.stdout.write(f"held back {page.title!r} (page {page.pk}): {reason}; {then}")
        super().handle(*args, **options)
