"""The public directory: every country of the initiative with its group at a glance, filters, and a
fixed number of queries however many groups there are."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.initiative.models import Country
from portal.mirror_groups.models import Membership, Role, Sector
from tests.factories import COMPLETE, CountryFactory, EstablishedGroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/mirror-groups/"


def entry(html: str, iso: str) -> str:
    """The directory's item of one country."""
    items = html.split('<li class="listing-item" data-country="')[1:]
    found = [item for item in items if item.startswith(f'{iso}"')]
    assert found, f"{iso} is not in the directory"
    return found[0].split("</main>")[0]


def countries_in(html: str) -> list[str]:
    return re.findall(r'data-country="([A-Z]{2})"', html)


@pytest.fixture
def only_these_countries(db):
    """The directory lists every country of the initiative: only the test's own, not the reference data's."""
    Country.objects.all().delete()


@pytest.fixture
def initiative(only_these_countries):
    """Portugal meets every rule, Italy has no NCP, Spain no group, Norway observes, Iceland is not part."""
    EstablishedGroupFactory(iso="PT", name="Portugal")
    without_ncp = [person for person in COMPLETE if person[0] != Role.NATIONAL_CONTACT_POINT]
    EstablishedGroupFactory(iso="IT", name="Italy", people=without_ncp, established_on=None)
    CountryFactory(iso_code="ES", name="Spain")
    EstablishedGroupFactory(iso="NO", name="Norway", people=COMPLETE[:3], status=Country.Status.OBSERVER)
    CountryFactory(iso_code="IS", name="Iceland", status=Country.Status.NONE)


def test_the_directory_lists_every_country_of_the_initiative_at_a_glance(client, initiative):
    html = client.get(DIRECTORY).text

    assert countries_in(html) == ["IT", "NO", "PT", "ES"]  # by name; Iceland is not part of 1+MG
    portugal = entry(html, "PT")
    assert "Signatory" in portugal and "group established on 15 March 2021" in portugal
    assert "7 members" in portugal
    assert "Meets every composition rule." in portugal
    for sector in (Sector.RESEARCH, Sector.INDUSTRY, Sector.PATIENTS):
        assert str(Sector(sector).label) in portugal
    assert '<a href="/mirror-groups/pt/">Portugal</a>' in portugal

    italy = entry(html, "IT")
    assert "group being set up" in italy
    assert "Breaks 1 composition rule:" in italy
    assert "<strong>National contact point</strong> (not met): There are 0 people" in italy
    # Every check, passed or not, says why.
    assert "<strong>Industry</strong> (met): Industry is represented." in italy

    norway = entry(html, "NO")
    assert "Observer" in norway and "3 members" in norway
    assert "1 members besides the coordinator and NCP; the group needs 5 to 12." in norway

    spain = entry(html, "ES")
    assert "no group in the portal yet" in spain and "composition" not in spain
    assert "/mirror-groups/es/" not in spain


def test_no_person_appears_in_the_directory(client, initiative):
    html = client.get(DIRECTORY).text

    for person in Membership.objects.all():
        assert person.name not in html
        assert person.email not in html
        assert person.organisation not in html


@pytest.mark.parametrize(("filters", "expected"), [
    ({"status": "observer"}, ["NO"]),
    ({"status": "signatory"}, ["IT", "PT", "ES"]),
    ({"established": "yes"}, ["NO", "PT"]),
    ({"established": "no"}, ["IT", "ES"]),
    ({"composition": "met"}, ["PT"]),
    ({"composition": "broken"}, ["IT", "NO"]),
    ({"composition": "national-contact-point"}, ["IT"]),
    ({"composition": "size"}, ["NO"]),
    ({"sector": "funding"}, ["IT", "PT"]),
    ({"sector": "industry", "status": "observer"}, ["NO"]),
    ({"status": "nonsense", "sector": "nothing"}, ["IT", "NO", "PT", "ES"]),  # ignored, not an error
])
def test_the_directory_filters(client, initiative, filters, expected):
    response = client.get(DIRECTORY, filters)

    assert response.status_code == 200
    assert countries_in(response.text) == expected


def test_the_filters_show_what_is_chosen_and_offer_each_rule(client, initiative):
    html = client.get(DIRECTORY, {"composition": "industry", "sector": "elsi"}).text

    assert '<option value="industry" selected>Breaks: Industry</option>' in html
    assert '<option value="elsi" selected>' in html
    assert "No country matches these filters." in html
    assert '<a href="/mirror-groups/">Show all</a>' in html


def test_memberships_that_ended_or_have_not_started_do_not_count(client, initiative):
    portugal = EstablishedGroupFactory(iso="FI", name="Finland", people=COMPLETE[:2])
    today = datetime.date.today()
    Membership.objects.filter(group=portugal).update(ends_on=today - datetime.timedelta(days=1))
    MembershipFactory(group=portugal, name="Future Member", email="future@example.org",
                      sector=Sector.INDUSTRY, region="Uusimaa", starts_on=today + datetime.timedelta(days=10))

    finland = entry(client.get(DIRECTORY).text, "FI")

    assert "0 members" in finland
    assert "Sectors represented:</strong> none yet" in finland


def test_the_directory_runs_the_same_queries_however_many_groups(
    client, only_these_countries, django_assert_max_num_queries
):
    EstablishedGroupFactory(iso="PT", name="Portugal")
    client.get(DIRECTORY)  # the composition rules' settings row is made on the first visit
    with CaptureQueriesContext(connection) as one_group:
        assert client.get(DIRECTORY).status_code == 200

    for iso, name in [("IT", "Italy"), ("FI", "Finland"), ("GR", "Greece"), ("SI", "Slovenia"),
                      ("CY", "Cyprus"), ("BE", "Belgium")]:
        EstablishedGroupFactory(iso=iso, name=name)
    with django_assert_max_num_queries(len(one_group.captured_queries)):
        html = client.get(DIRECTORY).text
    assert len(countries_in(html)) == 7
