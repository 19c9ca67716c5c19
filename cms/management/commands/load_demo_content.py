from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import create_demo_pages
from newsletters.demo import create_demo_archive, create_demo_topics
from portal.initiative.loading import load_reference_data
from portal.mirror_groups.demo import create_demo_groups
from portal.stakeholders.demo import create_members_area, ensure_demo_coordinator
from surveys.demo import create_demo_survey, create_demo_survey_index


class Command(BaseCommand):
    help = "Load the demo content of `make run`; what exists already is left as it is."

    @transaction.atomic
    def handle(self, *args, **options):
        created = load_reference_data()
        summary = ", ".join(f"{count} {what}" for what, count in created.items())
        self.stdout.write(f"Reference data: created {summary}")
        pages = (create_demo_pages() + create_members_area() + create_demo_survey()
                 + create_demo_survey_index() + create_demo_archive())
        self.stdout.write("Pages: created " + (", ".join(pages) or "none (all there already)"))
        groups = create_demo_groups()
        self.stdout.write("National Mirror Groups: created " + (", ".join(groups) or "none (all there)"))
        topics = create_demo_topics()
        self.stdout.write("Newsletter topics: created " + (", ".join(topics) or "none (all there)"))
        email, password = ensure_demo_coordinator()
        self.stdout.write(self.style.SUCCESS(
            f"\nCoordinator login: {email} / {password}\n"
            "Sign in at http://127.0.0.1:8000/admin/ (rights from the Coordinators group)\n"
        ))
        if not settings.ADMIN_MFA_REQUIRED:
            self.stdout.write("The admin's second factor is off here; to try it: "
                              "ADMIN_MFA_REQUIRED=true make run\n")
