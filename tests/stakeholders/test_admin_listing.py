import csv
import io

import pytest
from openpyxl import load_workbook

from portal.initiative.models import StakeholderCluster
from portal.stakeholders.models import StakeholderProfile
from tests.factories import ClusterFactory, CountryFactory, ProfileFactory, coordinator, editor
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def stakeholders():
    academics = ClusterFactory(slug="academics", name="Academics")
    industry = ClusterFactory(slug="industry", name="Industry")
    spain = CountryFactory(iso_code="ES", name="Spain")
    return {
        "ana": ProfileFactory(user__first_name="Ana", user__last_name="Silva", clusters=[academics],
                              workshop_expert=True),
        "ben": ProfileFactory(user__first_name="Ben", user__last_name="Moreno", country=spain,
                              clusters=[industry], validator=True, organisation="Genomics SL"),
        "cai": ProfileFactory(user__first_name="Cai", user__last_name="Ortiz", clusters=[academics, industry],
                              status=StakeholderProfile.Status.APPROVED),
    }


def listed(client, query=""):
    response = client.get(f"/admin/stakeholders/{query}")
    assert response.status_code == 200
    return {name for name in ("Ana Silva", "Ben Moreno", "Cai Ortiz") if name in response.text}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Ana Silva", "Ben Moreno", "Cai Ortiz"}),
        ("?status=approved", {"Cai Ortiz"}),
        ("?status=pending&participation=validator", {"Ben Moreno"}),
        ("?participation=workshop_expert", {"Ana Silva"}),
        ("?q=Genomics", {"Ben Moreno"}),
        ("?q=moreno", {"Ben Moreno"}),
    ],
)
def test_coordinators_filter_and_search_the_stakeholders(client, stakeholders, query, expected):
    client.force_login(coordinator())
    assert listed(client, query) == expected


def test_filters_by_cluster_and_country(client, stakeholders):
    client.force_login(coordinator())
    industry = StakeholderCluster.objects.get(slug="industry")
    spain = stakeholders["ben"].country
    assert listed(client, f"?clusters={industry.pk}") == {"Ben Moreno", "Cai Ortiz"}
    assert listed(client, f"?country={spain.pk}") == {"Ben Moreno"}


def bulk(client, action, profiles, message=""):
    ids = "&".join(f"id={profile.pk}" for profile in profiles)
    url = f"/admin/bulk/stakeholders/stakeholderprofile/{action}/?next=/admin/stakeholders/&{ids}"
    return client.post(url, {"message": message})


def test_approve_in_bulk_decides_the_pending_ones_and_mails_each(client, stakeholders):
    client.force_login(coordinator())

    response = bulk(client, "approve", stakeholders.values(), "Welcome aboard.")

    assert response.status_code == 302
    for profile in stakeholders.values():
        profile.refresh_from_db()
        assert profile.status == StakeholderProfile.Status.APPROVED
    mails = queued_mail()
    assert sorted(m.to[0] for m in mails) == sorted([stakeholders["ana"].email, stakeholders["ben"].email])
    assert all("Welcome aboard." in m.body for m in mails)


def test_decline_in_bulk(client, stakeholders):
    client.force_login(coordinator())
    bulk(client, "decline", [stakeholders["ana"], stakeholders["ben"]])
    assert set(StakeholderProfile.objects.values_list("status", flat=True)) == {"declined", "approved"}


def test_editors_cannot_decide_in_bulk(client, stakeholders):
    client.force_login(editor())
    bulk(client, "approve", [stakeholders["ana"]])
    stakeholders["ana"].refresh_from_db()
    assert stakeholders["ana"].status == StakeholderProfile.Status.PENDING
    assert queued_mail() == []


def test_the_listing_exports_to_csv_with_the_filters_applied(client, stakeholders):
    client.force_login(coordinator())

    response = client.get("/admin/stakeholders/?export=csv&status=pending")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["Name"] for row in rows) == ["Ana Silva", "Ben Moreno"]
    ben = next(row for row in rows if row["Name"] == "Ben Moreno")
    assert ben["Clusters"] == "Industry"
    assert ben["Organisation"] == "Genomics SL"
    assert ben["Country"] == "Spain"


def test_the_listing_exports_to_xlsx(client, stakeholders):
    client.force_login(coordinator())

    response = client.get("/admin/stakeholders/?export=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    names = sorted(row[header.index("Name")] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Ana Silva", "Ben Moreno", "Cai Ortiz"]
