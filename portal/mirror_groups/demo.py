"""Example National Mirror Groups for `make run`: some meet every composition rule, some break rules, so
that the directory shows both. The people are invented (example names, example.org addresses); the
mission, role and tasks are the fact sheet's (fact_sheet.py). Created once, never touched again."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from portal.core.demo import CONTENT, created, register
from portal.initiative.models import Country

from .fact_sheet import fact_sheet
from .models import Gender, GroupNews, Meeting, Membership, MirrorGroup, Role, Sector

C, N, M = Role.SCIENTIFIC_COORDINATOR, Role.NATIONAL_CONTACT_POINT, Role.MEMBER
W, H, A = Gender.WOMAN, Gender.MAN, Gender.ANOTHER

# (role, given name, sector, region, organisation, gender, listed publicly)
GROUPS = {
    # Complete: every rule met.
    "PT": {"established_on": datetime.date(2021, 3, 15), "people": [
        (C, "Ana", Sector.RESEARCH, "Lisboa", "Example University Hospital", W, True),
        (N, "Bruno", Sector.GOVERNMENT, "Lisboa", "Example Ministry of Health", H, True),
        (M, "Carla", Sector.INDUSTRY, "Norte", "Example Genomics Lda.", W, True),
        (M, "Duarte", Sector.ELSI, "Centro", "Example Bioethics Council", H, False),
        (M, "Eva", Sector.PATIENTS, "Algarve", "Example Rare Disease Association", W, True),
        (M, "Filipe", Sector.FUNDING, "Alentejo", "Example Science Foundation", H, True),
        (M, "Gabriela", Sector.RESEARCH, "Norte", "Example Cancer Institute", "", False),
    ]},
    "FI": {"established_on": datetime.date(2021, 6, 1), "people": [
        (C, "Aino", Sector.RESEARCH, "Uusimaa", "Example Biobank", W, True),
        (N, "Eero", Sector.GOVERNMENT, "Uusimaa", "Example Health Agency", H, True),
        (M, "Helmi", Sector.INDUSTRY, "Pirkanmaa", "Example Diagnostics Oy", W, True),
        (M, "Ilkka", Sector.ELSI, "North Ostrobothnia", "Example University, Law Faculty", H, True),
        (M, "Kaisa", Sector.PATIENTS, "Southwest Finland", "Example Patients' Network", A, True),
        (M, "Lauri", Sector.FUNDING, "Uusimaa", "Example Research Council", H, False),
        (M, "Minna", Sector.RESEARCH, "North Savo", "Example University Hospital", W, True),
    ]},
    # No national contact point.
    "IT": {"established_on": datetime.date(2022, 1, 20), "people": [
        (C, "Giulia", Sector.RESEARCH, "Lazio", "Example Institute of Health", W, True),
        (M, "Marco", Sector.INDUSTRY, "Lombardia", "Example Sequencing S.p.A.", H, True),
        (M, "Sara", Sector.GOVERNMENT, "Lazio", "Example Regional Health Authority", W, True),
        (M, "Paolo", Sector.ELSI, "Toscana", "Example Bioethics Centre", H, False),
        (M, "Chiara", Sector.PATIENTS, "Campania", "Example Patients' Federation", W, True),
        (M, "Luca", Sector.RESEARCH, "Emilia-Romagna", "Example University", H, True),
    ]},
    # Too few members, from too few regions.
    "GR": {"established_on": datetime.date(2022, 9, 5), "people": [
        (C, "Eleni", Sector.RESEARCH, "Attica", "Example Research Centre", W, True),
        (N, "Nikos", Sector.GOVERNMENT, "Attica", "Example Ministry of Health", H, True),
        (M, "Maria", Sector.INDUSTRY, "Central Macedonia", "Example Biotech S.A.", W, True),
        (M, "Yannis", Sector.PATIENTS, "Attica", "Example Patients' Union", H, False),
    ]},
    # Nobody from industry.
    "SI": {"established_on": datetime.date(2021, 11, 10), "people": [
        (C, "Maja", Sector.RESEARCH, "Central Slovenia", "Example University Medical Centre", W, True),
        (N, "Luka", Sector.GOVERNMENT, "Central Slovenia", "Example Public Health Institute", H, True),
        (M, "Nina", Sector.ELSI, "Drava", "Example Faculty of Law", W, True),
        (M, "Jan", Sector.PATIENTS, "Savinja", "Example Patients' Alliance", H, True),
        (M, "Tina", Sector.FUNDING, "Central Slovenia", "Example Research Agency", W, False),
        (M, "Matej", Sector.RESEARCH, "Gorizia", "Example Genetics Laboratory", H, True),
        (M, "Ana", Sector.RESEARCH, "Coastal-Karst", "Example Hospital", W, True),
    ]},
    # Being set up: a coordinator, nothing else yet.
    "CY": {"established_on": None, "people": [
        (C, "Andreas", Sector.RESEARCH, "Nicosia", "Example Institute of Neurology and Genetics", H, True),
    ]},
}

MINUTES = (
    "Minutes of the example meeting\n\n"
    "This sample document stands for the minutes of a National Mirror Group meeting in the demo content.\n"
)


def _example_address(given: str, iso: str) -> str:
    return f"{given.lower()}.example.{iso.lower()}@example.org"


def _create_group(country: Country, spec: dict) -> MirrorGroup:
    from wagtail.documents.models import Document

    text = fact_sheet()
    group = MirrorGroup.objects.create(
        country=country, established_on=spec["established_on"],
        mission=text["mission"], role=text["role"], tasks=text["tasks"],
    )
    for role, given, sector, region, organisation, gender, listed in spec["people"]:
        Membership.objects.create(
            group=group, name=f"{given} Example", email=_example_address(given, country.iso_code), role=role,
            sector=sector, region=region, organisation=organisation, gender=gender, listed_publicly=listed,
            starts_on=spec["established_on"],
        )
    if spec["established_on"] is not None:
        first = spec["established_on"] + datetime.timedelta(days=30)
        minutes = Document.objects.create(
            title=f"Minutes of the first meeting (example), {country.name}",
            file=ContentFile(MINUTES.encode(), name=f"nmg-{country.iso_code.lower()}-minutes.txt"),
        )
        Meeting.objects.create(group=group, held_on=first, minutes=minutes, attendance=len(spec["people"]),
                               agenda="Welcome and introductions\nThe 1+MG roadmap and the group's work plan")
        Meeting.objects.create(group=group, held_on=first + datetime.timedelta(days=120),
                               agenda="Feedback on the draft recommendations of the working groups",
                               attendance=max(len(spec["people"]) - 2, 1))
        GroupNews.objects.create(
            group=group, title="The group is established (example)", published_on=spec["established_on"],
            text=f"The National Mirror Group of {country.name} met for the first time. This news item is "
                 "part of the portal's demo content.",
        )
    return group


def _add_to_menu() -> bool:
    from cms.models import MainMenu, MainMenuItem

    menu = MainMenu.objects.first()
    url = reverse("mirror_groups:directory")
    if menu is None or menu.items.filter(url=url).exists():
        return False
    MainMenuItem.objects.create(menu=menu, url=url, label="National Mirror Groups",
                                sort_order=menu.items.count())
    return True


def create_demo_groups() -> list[str]:
    """The example groups whose country has none yet; the directory joins the menu with the first ones."""
    created = []
    countries = Country.objects.in_bulk(GROUPS, field_name="iso_code")
    for iso, spec in GROUPS.items():
        country = countries.get(iso)
        if country is None or MirrorGroup.objects.filter(country=country).exists():
            continue
        _create_group(country, spec)
        created.append(iso)
    if not created:
        return []
    found = [f"{len(created)} example National Mirror Groups"]
    if _add_to_menu():
        found.append("the directory in the main menu")
    return found


def register_demo_steps() -> None:
    register("mirror_groups.groups", order=CONTENT + 10,
             create=lambda: created("National Mirror Groups", create_demo_groups()))
