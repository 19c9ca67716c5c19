"""Who sees and changes what in the mirror groups' admin: every view, export and action, for someone
signed out, a stakeholder who is a plain member, the NCP of Portugal (on Portugal's records and, by their
address, on Spain's) and a portal coordinator."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.mirror_groups.models import Application, GroupNews, Meeting, Membership, MirrorGroup, Role
from tests.factories import (
    ApplicationFactory,
    GroupNewsFactory,
    MeetingFactory,
    MembershipFactory,
    MirrorGroupFactory,
    ProfileFactory,
    coordinator,
    manager,
)

pytestmark = pytest.mark.django_db

# The views of each admin section that name a record in their address.
RECORD_VIEWS = {
    "groups": ["edit", "delete", "inspect", "history", "usage"],
    "members": ["edit", "delete", "inspect", "history", "usage"],
    "applications": ["inspect", "history", "usage", "decide_accept", "decide_decline"],
    "meetings": ["edit", "delete", "inspect", "history", "usage"],
    "news": ["edit", "delete", "inspect", "history", "usage"],
}
LISTINGS = ["index", "index_results", "export_csv", "export_xlsx", "add"]
NAMESPACES = {section: f"mirror_groups_{section}" for section in RECORD_VIEWS}


def country(group, label):
    return SimpleNamespace(
        groups=group,
        members=MembershipFactory(group=group, name=f"{label} Member",
                                  email=f"member@{label.lower()}.example.org"),
        applications=ApplicationFactory(group=group, organisation=f"{label} Genomics"),
        meetings=MeetingFactory(group=group, agenda=f"{label} agenda"),
        news=GroupNewsFactory(group=group, title=f"{label} news"),
    )


@pytest.fixture
def world():
    portugal, spain = MirrorGroupFactory(), MirrorGroupFactory(iso="ES", name="Spain")
    stakeholder = ProfileFactory(status="approved").user
    MembershipFactory(group=portugal, user=stakeholder)
    return SimpleNamespace(
        portugal=country(portugal, "Portuguese"), spain=country(spain, "Spanish"),
        ncp=manager(portugal, Role.NATIONAL_CONTACT_POINT), stakeholder=stakeholder,
        coordinator=coordinator(),
    )


def record_url(section, view, record):
    namespace = NAMESPACES[section]
    if view.startswith("decide_"):
        return reverse(f"{namespace}:decide", args=[record.pk, view.removeprefix("decide_")])
    return reverse(f"{namespace}:{view}", args=[record.pk])


def listing_url(section, view):
    namespace = NAMESPACES[section]
    if view.startswith("export_"):
        return reverse(f"{namespace}:index") + f"?export={view.removeprefix('export_')}"
    return reverse(f"{namespace}:{view}")


RECORD_CASES = [(section, view) for section, views in RECORD_VIEWS.items() for view in views]
LISTING_CASES = [(section, view) for section in RECORD_VIEWS for view in LISTINGS
                 if not (view == "add" and section in {"groups", "applications"})]


def body(response) -> str:
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(content)).active
        return "\n".join(" ".join(str(cell) for cell in row) for row in sheet.iter_rows(values_only=True))
    return content.decode()


def refused(response) -> bool:
    """Wagtail answers a refusal in the admin by sending the person away (to sign in, or to the dashboard)."""
    return response.status_code == 302 and response["Location"].split("?")[0] in {"/admin/", "/admin/login/"}


@pytest.mark.parametrize("who", ["anonymous", "stakeholder"])
@pytest.mark.parametrize(("section", "view"), RECORD_CASES)
def test_the_signed_out_and_stakeholders_reach_no_record(client, world, who, section, view):
    if who == "stakeholder":
        client.force_login(world.stakeholder)
    for place in (world.portugal, world.spain):
        url = record_url(section, view, getattr(place, section))
        assert refused(client.get(url)), url
        assert refused(client.post(url, {})), url
    assert Membership.objects.count() == 4 and Application.objects.count() == 2


@pytest.mark.parametrize("who", ["anonymous", "stakeholder"])
@pytest.mark.parametrize(("section", "view"), LISTING_CASES)
def test_the_signed_out_and_stakeholders_reach_no_listing_or_export(client, world, who, section, view):
    if who == "stakeholder":
        client.force_login(world.stakeholder)
    assert refused(client.get(listing_url(section, view)))


@pytest.mark.parametrize(("section", "view"), RECORD_CASES)
def test_a_manager_opens_every_view_of_their_own_groups_records(client, world, section, view):
    client.force_login(world.ncp)
    response = client.get(record_url(section, view, getattr(world.portugal, section)))
    if section == "groups" and view == "delete":
        assert refused(response)  # a group is the coordinators' to delete
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(("section", "view"), RECORD_CASES)
def test_a_manager_is_refused_every_view_of_another_groups_records_by_address(client, world, section, view):
    client.force_login(world.ncp)
    record = getattr(world.spain, section)
    url = record_url(section, view, record)

    assert refused(client.get(url))
    assert refused(client.post(url, {"message": "Taken over", "title": "Taken over", "name": "Taken over"}))

    assert type(record).objects.filter(pk=record.pk).exists()
    record.refresh_from_db()
    assert "Taken over" not in str(vars(record))
    assert Application.objects.get(pk=world.spain.applications.pk).status == Application.Status.PENDING


@pytest.mark.parametrize(("section", "view"), RECORD_CASES)
def test_a_coordinator_opens_every_view_of_every_group(client, world, section, view):
    client.force_login(world.coordinator)
    for place in (world.portugal, world.spain):
        assert client.get(record_url(section, view, getattr(place, section))).status_code == 200


@pytest.mark.parametrize(("section", "view"), [case for case in LISTING_CASES if case[1] != "add"])
def test_listings_and_exports_hold_only_the_managers_groups(client, world, section, view):
    client.force_login(world.ncp)
    response = client.get(listing_url(section, view))
    assert response.status_code == 200
    text = body(response)
    assert "Spanish" not in text and "Spain" not in text
    client.force_login(world.coordinator)
    text = body(client.get(listing_url(section, view)))
    assert "Spain" in text or "Spanish" in text


def test_the_members_export_lists_the_groups_members_without_gender(client, world):
    Membership.objects.update(gender="woman")
    client.force_login(world.ncp)

    rows = list(csv.DictReader(io.StringIO(body(client.get(listing_url("members", "export_csv"))))))

    assert sorted(row["Name"] for row in rows) == sorted(
        Membership.objects.filter(group=world.portugal.groups).values_list("name", flat=True))
    assert all(row["Country"] == "Portugal" for row in rows)
    assert not any("woman" in value.lower() for row in rows for value in row.values())


def test_filtering_or_searching_for_another_groups_records_shows_none(client, world):
    client.force_login(world.ncp)
    for query in (f"?group={world.spain.groups.pk}", "?q=Spanish"):
        for section in ("members", "applications", "meetings", "news"):
            text = body(client.get(listing_url(section, "index") + query))
            assert "Mirror Group of Spain" not in text
            assert "Spanish Member" not in text and "Spanish news" not in text


@pytest.mark.parametrize("section", ["members", "meetings", "news"])
def test_a_manager_cannot_add_a_record_to_another_group(client, world, section):
    client.force_login(world.ncp)
    before = {model: model.objects.count() for model in (Membership, Meeting, GroupNews)}
    response = client.post(listing_url(section, "add"), {
        "group": world.spain.groups.pk, "name": "Intruder", "email": "intruder@example.org", "role": "member",
        "sector": "industry", "region": "Madrid", "held_on": "2026-05-01", "agenda": "Intrusion",
        "title": "Intrusion", "published_on": "2026-05-01", "text": "Intrusion",
    })
    assert response.status_code == 200  # the form again, with the group refused
    assert "Select a valid choice" in response.text
    assert before == {model: model.objects.count() for model in (Membership, Meeting, GroupNews)}


def test_the_add_form_offers_only_the_managers_groups(client, world):
    client.force_login(world.ncp)
    response = client.get(listing_url("members", "add"))
    assert "Portugal" in response.text and "Spain" not in response.text


def test_a_manager_edits_their_groups_texts_but_not_its_country(client, world):
    client.force_login(world.ncp)
    group = world.portugal.groups

    response = client.post(record_url("groups", "edit", group), {
        "country": world.spain.groups.country.pk, "established_on": "2022-01-10",
        "mission": "Bring genomics to care in Portugal.", "role": "", "tasks": "",
    })

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.mission == "Bring genomics to care in Portugal."
    assert group.country.iso_code == "PT"
    assert MirrorGroup.objects.count() == 2


def test_the_admin_menu_shows_the_mirror_groups_to_managers_only(client, world):
    client.force_login(world.ncp)
    assert "/admin/mirror-groups/members/" in client.get("/admin/").text
    client.force_login(world.stakeholder)
    assert refused(client.get("/admin/"))


def test_the_site_history_shows_a_manager_nothing_of_another_groups_records(client, world):
    client.force_login(world.coordinator)
    client.post(record_url("members", "edit", world.spain.members), {
        "group": world.spain.groups.pk, "name": "Spanish Member Renamed",
        "email": "member@spanish.example.org", "role": "member", "sector": "research", "region": "Madrid",
        "organisation": "",
    })
    assert "Spanish Member Renamed" in client.get("/admin/reports/site-history/").text

    client.force_login(world.ncp)
    response = client.get("/admin/reports/site-history/")
    assert "Spanish Member Renamed" not in body(response)
