from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo newsroom on an empty database (placeholder until the generator lands)."

    def handle(self, *args, **options):
        self.stdout.write("demo generator not written yet")
