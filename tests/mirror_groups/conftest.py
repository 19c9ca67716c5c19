import datetime

import pytest

from portal.initiative.models import Country
from portal.mirror_groups.models import Membership, MirrorGroup, Role, Sector
from tests.factories import CountryFactory

ESTABLISHED = datetime.date(2021, 3, 15)

# A group that meets every rule under the default settings: a coordinator, an NCP and five members from
# five sectors (industry among them) and four regions; six declared a gender, three and three.
COMPLETE = [
    (Role.SCIENTIFIC_COORDINATOR, "Ana Coordinator", Sector.RESEARCH, "Lisboa", "woman", True),
    (Role.NATIONAL_CONTACT_POINT, "Bruno Contact", Sector.GOVERNMENT, "Lisboa", "man", True),
    (Role.MEMBER, "Carla Industry", Sector.INDUSTRY, "Norte", "woman", True),
    (Role.MEMBER, "Duarte Hidden", Sector.ELSI, "Centro", "man", False),
    (Role.MEMBER, "Eva Patients", Sector.PATIENTS, "Algarve", "woman", True),
    (Role.MEMBER, "Filipe Funder", Sector.FUNDING, "Norte", "man", True),
    (Role.MEMBER, "Gabriela Unlisted", Sector.RESEARCH, "Norte", "", False),
]


def make_group(iso="PT", name="Portugal", *, people=COMPLETE, established_on=ESTABLISHED,
               status=Country.Status.SIGNATORY, **fields) -> MirrorGroup:
    country = CountryFactory(iso_code=iso, name=name, status=status)
    group = MirrorGroup.objects.create(country=country, established_on=established_on,
                                       mission="Improve quality of life.", **fields)
    for role, person, sector, region, gender, listed in people:
        add_member(group, person, role=role, sector=sector, region=region, gender=gender,
                   listed_publicly=listed)
    return group


def add_member(group, name, **fields) -> Membership:
    address = name.lower().replace(" ", ".") + f".{group.country.iso_code.lower()}@example.org"
    fields = {"role": Role.MEMBER, "sector": Sector.RESEARCH, "region": "Lisboa",
              "organisation": f"{name}'s organisation", "email": address, **fields}
    return Membership.objects.create(group=group, name=name, **fields)


@pytest.fixture
def group(db):
    return make_group()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Minutes and other documents go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
