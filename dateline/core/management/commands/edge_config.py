"""Print the nginx configuration of edge mode (docs/operations.md, "Edge mode")."""

from django.core.management.base import BaseCommand, CommandError

from dateline.core import edge_nginx


class Command(BaseCommand):
    help = (
        "Print the nginx configuration that serves cached pages from DATELINE_EDGE_ROOT and "
        "sends everything else to Dateline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx's listen value (default 80)")
        parser.add_argument(
            "--upstream", default="127.0.0.1:8000", help="where `dateline serve` listens"
        )
        parser.add_argument(
            "--full",
            metavar="PREFIX",
            help="print a whole nginx.conf whose pid, log and temporary files go in PREFIX",
        )

    def handle(self, *args, listen, upstream, full, **options):
        try:
            if full:
                text = edge_nginx.full_config(full, listen=listen, upstream=upstream)
            else:
                text = edge_nginx.server_config(listen=listen, upstream=upstream)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(text, ending="")
