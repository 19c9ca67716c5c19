"""The demo's example use cases: one published per disease area, others in other states, all marked as
examples, by example Industry members (one in the directory); loading twice adds nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from portal.initiative.models import DiseaseArea
from portal.usecases import directory
from portal.usecases.demo import create_demo_use_cases
from portal.usecases.models import AuditEntry, State, UseCase
from tests.factories import approved_stakeholder

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("load_demo_content")


def test_a_published_example_per_disease_area_in_the_catalogue_and_others_in_other_states(client, demo):
    for area in DiseaseArea.objects.all():
        html = client.get("/use-cases/", {"disease_area": area.slug}).text
        assert "(example)</a>" in html, area.slug
    states = set(UseCase.objects.values_list("state", flat=True))
    assert {State.PUBLISHED, State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED} <= states
    catalogue = client.get("/use-cases/").text
    for case in UseCase.objects.exclude(state=State.PUBLISHED):
        assert case.title not in catalogue
    assert all(case.title.endswith("(example)") and case.organisation.startswith("Example ")
               for case in UseCase.objects.all())
    # Their industry roles are WG7's, the Industry cluster's sub-areas.
    roles = set(directory.industry_roles())
    assert all(set(case.industry_roles.all()) <= roles and case.industry_roles.exists()
               for case in UseCase.objects.all())
    assert AuditEntry.objects.filter(to_state=State.PUBLISHED).count() == DiseaseArea.objects.count()


def test_the_example_people_cannot_sign_in_and_one_is_in_the_directory(client, demo):
    people = get_user_model().objects.filter(submitted_use_cases__isnull=False).distinct()
    assert people.exists() and not any(person.has_usable_password() for person in people)
    assert all(person.email.endswith("@example.org") for person in people)

    client.force_login(approved_stakeholder())
    html = client.get("/use-cases/directory/").text

    assert "Lea Sequencer (example)" in html
    assert "Rapid genome sequencing for critically ill newborns (example)</a>" in html


def test_the_catalogue_is_in_the_main_menu(client, demo):
    menu = client.get("/").text.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]

    assert '<a href="/use-cases/">Industry use cases</a>' in menu


def test_loading_twice_creates_nothing_more_and_keeps_edits(demo):
    counts = (UseCase.objects.count(), AuditEntry.objects.count(), get_user_model().objects.count())
    UseCase.objects.filter(state=State.DRAFT).update(summary="Edited by its author.")

    call_command("load_demo_content")

    assert create_demo_use_cases() == []
    assert (UseCase.objects.count(), AuditEntry.objects.count(), get_user_model().objects.count()) == counts
    assert UseCase.objects.get(state=State.DRAFT).summary == "Edited by its author."
