from django.core.management.base import BaseCommand
from django.db import transaction

from portal.core.demo import steps


class Command(BaseCommand):
    help = "Load the demo content of `make run` (each app's registered steps); what exists is left as it is."

    @transaction.atomic
    def handle(self, *args, **options):
        for step in steps():
            for line in step.create():
                self.stdout.write(line)
