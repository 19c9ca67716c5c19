from django.core.management.base import BaseCommand

from portal.initiative.loading import load_reference_data


class Command(BaseCommand):
    help = "Load the 1+MG reference data (clusters, working groups, disease areas, countries)."

    def handle(self, *args, **options):
        created = load_reference_data()
        summary = ", ".join(f"{count} {what}" for what, count in created.items())
        self.stdout.write(f"Reference data: created {summary}.")
