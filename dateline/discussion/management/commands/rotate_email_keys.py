"""Re-encrypt commenters' emails with the current key (after adding a new one, if asked)."""

from django.core.management.base import BaseCommand, CommandError

from dateline.discussion import crypto
from dateline.discussion.services import rotate_email_keys


class Command(BaseCommand):
    help = (
        "Rotate the key that encrypts commenters' email addresses. With --new-key a new key is "
        "generated and put first in the data folder's key file; every stored address is then "
        "re-encrypted with the current key and keys no longer needed are retired. With keys in "
        "DATELINE_EMAIL_KEYS, put the new key first there, restart, then run this command."
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="Generate a new current key.")
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, new_key=False, dry_run=False, **options):
        try:
            result = rotate_email_keys(new_key=new_key, dry_run=dry_run)
        except crypto.EmailKeyError as exc:
            raise CommandError(str(exc)) from exc
        verb = "would be re-encrypted" if dry_run else "re-encrypted"
        self.stdout.write(
            f"Current key: {result['current_key']}. {result['reencrypted']} addresses {verb}."
        )
        if result["unreadable"]:
            raise CommandError(
                f"{result['unreadable']} addresses could not be decrypted with any key: "
                "no key was retired. Restore the missing key and run again."
            )
        if result.get("retired"):
            self.stdout.write(f"Retired keys: {', '.join(result['retired'])}.")
