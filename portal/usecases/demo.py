"""Demo content of the industry use cases for `make run`: example companies' representatives of the Industry
cluster (accounts that cannot sign in, one listed in the industry directory), a published use case per
disease area and a few in other states. Every company, person and use case is an example, and says so.
The industry roles are WG7's (the Industry cluster's sub-areas, from the 2022 forum's slides). Created once,
never touched again."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from portal.core.demo import PEOPLE, created, register
from portal.initiative.models import Country, DiseaseArea, StakeholderCluster
from portal.stakeholders.consents import INDUSTRY_CLUSTER, record_consent
from portal.stakeholders.models import Consent, StakeholderProfile
from portal.stakeholders.services import APPROVED_STAKEHOLDERS

from . import directory
from .models import AuditEntry, Confidentiality, State, UseCase

# (given, family, organisation, country, roles, listed in the industry directory)
PEOPLE_SPEC = [
    ("Lea", "Sequencer", "Example Sequencing GmbH", "DE",
     ["Technology solutions provider", "Project support"], True),
    ("Pedro", "Platform", "Example Bioinformatics Lda", "PT", ["Data solutions provider",
                                                               "Partner in scaling up"], False),
    ("Aino", "Innovator", "Example Diagnostics Oy", "FI", ["Scientific innovator",
                                                          "Data for research and development"], False),
]
DETAILED = ("The detailed part of an example use case: in a real one, the company describes what it "
            "proposes, what it offers and seeks, the data it needs and its safeguards.")
# The moves (services.MOVES) that led each example to its state; the coordinators' are not signed.
PATHS = {
    State.DRAFT: [],
    State.SUBMITTED: [State.SUBMITTED],
    State.CHANGES_REQUESTED: [State.SUBMITTED, State.CHANGES_REQUESTED],
    State.PUBLISHED: [State.SUBMITTED, State.IN_REVIEW, State.ACCEPTED, State.PUBLISHED],
}
# (submitter's index, title, disease area slugs, roles, countries, state, days since the last move, summary)
USE_CASES = [
    (0, "Rapid genome sequencing for critically ill newborns (example)", ["rare-disease"],
     ["Technology solutions provider", "Project support"], ["DE", "PT"], State.PUBLISHED, 60,
     "Sequencing kits, training and support for a pilot of rapid whole-genome sequencing in neonatal "
     "intensive care, and the health economic analysis that goes with it."),
    (1, "A federated platform for tumour genome analysis (example)", ["cancer"],
     ["Data solutions provider", "Partner in scaling up"], ["PT", "ES"], State.PUBLISHED, 40,
     "A bioinformatics platform that runs the same analysis where each hospital keeps its tumour genomes, "
     "so results can be compared across borders without moving the data."),
    (2, "Polygenic risk scores in primary care (example)", ["common-complex-disease"],
     ["Scientific innovator"], ["FI", "EE"], State.PUBLISHED, 20,
     "A validated polygenic risk score for cardiovascular disease, and the tools for general practitioners "
     "to discuss it with patients."),
    (0, "Pathogen genome surveillance at scale (example)", ["infectious-disease"],
     ["Technology solutions provider", "Partner in scaling up"], ["DE", "NL"], State.PUBLISHED, 5,
     "Sequencing capacity and standard pipelines for public health laboratories to follow pathogen "
     "variants, with shared reporting formats."),
    (1, "Training clinicians in genomic medicine (example)", ["rare-disease", "cancer"], ["Project support"],
     ["PT"], State.DRAFT, 2, "Online courses and case discussions for clinicians new to genomic medicine."),
    (2, "Consented data for drug target discovery (example)", ["common-complex-disease"],
     ["Data for research and development"], ["FI"], State.SUBMITTED, 3,
     "Research on consented genomes inside a secure environment, to find new drug targets."),
    (0, "Long-read sequencing for repeat disorders (example)", ["rare-disease"],
     ["Technology solutions provider"], ["DE"], State.CHANGES_REQUESTED, 8,
     "Long-read sequencing to find repeat expansions that short reads miss."),
]


def _person(given, family, organisation, iso, roles, listed, *, industry, countries, approved):
    User = get_user_model()
    email = f"{given.lower()}.{family.lower()}@example.org"
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    # Without a password: nobody signs in as them.
    user = User.objects.create_user(username=uuid.uuid4().hex, email=email, first_name=given,
                                    last_name=f"{family} (example)")
    profile = StakeholderProfile.objects.create(
        user=user, organisation=organisation, role="Partnerships lead (example)", country=countries.get(iso),
        status=StakeholderProfile.Status.APPROVED, submitted_at=timezone.now(), decided_at=timezone.now())
    profile.clusters.add(industry)
    profile.sub_areas.set(directory.industry_roles().filter(name__in=roles))
    user.groups.add(approved)
    if listed:
        record_consent(user, Consent.Purpose.INDUSTRY_DIRECTORY, True, Consent.Source.PROFILE)
    return user


def _log(case, states, last_at) -> None:
    previous = State.DRAFT
    for number, state in enumerate(states):
        by = case.submitter if state == State.SUBMITTED else None
        asked = state == State.CHANGES_REQUESTED
        comment = "Please say more about the safeguards (example)." if asked else ""
        AuditEntry.objects.create(use_case=case, from_state=previous, to_state=state, by=by, comment=comment,
                                  at=last_at - datetime.timedelta(days=len(states) - 1 - number))
        previous = state


def create_demo_use_cases() -> list[str]:
    industry = StakeholderCluster.objects.filter(slug=INDUSTRY_CLUSTER).first()
    approved = Group.objects.filter(name=APPROVED_STAKEHOLDERS).first()
    if industry is None or approved is None:
        return []
    countries = Country.objects.in_bulk(field_name="iso_code")
    areas = DiseaseArea.objects.in_bulk(field_name="slug")
    people = [_person(*spec, industry=industry, countries=countries, approved=approved)
              for spec in PEOPLE_SPEC]
    made = []
    for submitter, title, area_slugs, roles, isos, state, days, summary in USE_CASES:
        if UseCase.objects.filter(title=title).exists():
            continue
        author, organisation = people[submitter], PEOPLE_SPEC[submitter][2]
        moved_at = timezone.now() - datetime.timedelta(days=days)
        case = UseCase.objects.create(
            organisation=organisation, title=title, summary=summary,
            time_frame="2026–2028 (example)", description=DETAILED, offers=DETAILED, seeks=DETAILED,
            data_needed=DETAILED, safeguards=DETAILED, confidentiality=Confidentiality.REVIEWERS,
            submitter=author, state=state, created_at=moved_at - datetime.timedelta(days=30),
            published_at=moved_at if state == State.PUBLISHED else None)
        case.disease_areas.set([areas[slug] for slug in area_slugs if slug in areas])
        case.industry_roles.set(directory.industry_roles().filter(name__in=roles))
        case.countries.set([countries[iso] for iso in isos if iso in countries])
        # Saved again with its relations, so that the search index holds their names.
        case.save()
        _log(case, PATHS[state], moved_at)
        made.append(title)
    if made and _add_to_menu():
        made.append("the catalogue in the main menu")
    return made


def _add_to_menu() -> bool:
    from cms.models import MainMenu, MainMenuItem

    menu = MainMenu.objects.first()
    url = reverse("usecases:catalogue")
    if menu is None or menu.items.filter(url=url).exists():
        return False
    MainMenuItem.objects.create(menu=menu, url=url, label="Industry use cases", sort_order=menu.items.count())
    return True


def register_demo_steps() -> None:
    register("usecases.examples", order=PEOPLE + 10,
             create=lambda: created("Industry use cases", create_demo_use_cases()))
