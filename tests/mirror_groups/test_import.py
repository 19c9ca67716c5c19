"""Managers import members from CSV: the preview lists every row's problems before anything is saved;
then the valid rows, or all rows or none, are saved, and each new member is welcomed or invited."""

import html
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.mirror_groups.models import Membership, Role
from tests.factories import MembershipFactory, MirrorGroupFactory, UserFactory, coordinator, manager
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

GOOD = """name,email,role,sector,region,organisation,starts_on,ends_on,listed_publicly
Rita Lopes,Rita.Lopes@example.pt,coordinator,research,Norte,Universidade do Porto,2026-01-01,,yes
Tiago Reis,tiago.reis@example.pt,,Industry or private sector,Lisboa,Genomics SA,,,no
Inês Costa,ines.costa@example.pt,member,patients,Algarve,,2026-02-01,2027-01-31,
"""

BAD_ROWS = {
    2: ("Ana Bad,not-an-address,member,research,Norte,,,,", "Enter a valid email address"),
    3: ("Bruno Role,bruno@example.pt,chair,research,Norte,,,,", "Unknown role “chair”"),
    4: ("Carla Sector,carla@example.pt,member,farming,Norte,,,,", "Unknown sector “farming”"),
    5: ("Rita Again,rita.lopes@example.pt,member,research,Norte,,,,", None),
    6: ("Rita Lopes,RITA.LOPES@example.pt,member,research,Norte,,,,", "The address is also on row 5"),
    7: ("Old Member,old@example.pt,member,research,Norte,,,,", "old@example.pt is already in the group"),
    8: ("Second Ncp,second.ncp@example.pt,ncp,government,Centro,,,,",
        "is already the group's National contact point (NCP)"),  # the manager who imports
    9: ("First Coord,coord1@example.pt,coordinator,research,Norte,,2026-01-01,,", None),
    10: ("Second Coord,coord2@example.pt,coordinator,research,Norte,,2026-06-01,,",
         "Row 9 names a Scientific coordinator for the same time"),
    11: ("Dates Wrong,dates@example.pt,member,research,Norte,,2026-05-01,2026-04-01,",
         "The end date is before the start date"),
    12: ("Date Format,format@example.pt,member,research,Norte,,01/05/2026,,", "Write the date as YYYY-MM-DD"),
    13: ("Maybe Listed,maybe@example.pt,member,research,Norte,,,,maybe", "Write yes or no"),
    14: ("No Region,noregion@example.pt,member,research,,,,,", "region: This field is required"),
    15: ("Fine Person,fine@example.pt,member,elsi,Centro,,,,yes", None),
}


def bad_file() -> str:
    """Of two rows that clash (5 and 6, 9 and 10), the later one has the problem: the earlier can be saved."""
    header = "name,email,role,sector,region,organisation,starts_on,ends_on,listed_publicly\n"
    return header + "\n".join(row for row, _ in BAD_ROWS.values()) + "\n"


@pytest.fixture
def portugal():
    group = MirrorGroupFactory()
    MembershipFactory(group=group, name="Old Member", email="old@example.pt")
    return group


@pytest.fixture
def ncp(portugal):
    return manager(portugal, Role.NATIONAL_CONTACT_POINT)


def upload(client, group, text, name="members.csv", encoding="utf-8"):
    return client.post(f"/admin/mirror-groups/members/import/{group.pk}/",
                       {"file": SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")})


def checked_file(response) -> str:
    return re.search(r'name="checked_file" value="([^"]+)"', response.text).group(1)


def save(client, group, preview, mode):
    return client.post(f"/admin/mirror-groups/members/import/{group.pk}/",
                       {"checked_file": checked_file(preview), "mode": mode})


def problems_by_row(response) -> dict[int, str]:
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>(.*?)</tr>", response.text, re.S)
    return {int(number): cells for number, cells in rows}


def test_the_preview_of_a_good_file_saves_nothing(client, portugal, ncp):
    client.force_login(ncp)

    response = upload(client, portugal, GOOD)

    assert response.status_code == 200
    assert "3 rows checked" in response.text and "0 with problems" in response.text
    assert all("Ready" in cells for cells in problems_by_row(response).values())
    assert Membership.objects.filter(group=portugal).count() == 2
    assert queued_mail() == []


def test_saving_a_good_file_makes_the_members_and_invites_each(client, portugal, ncp):
    UserFactory(email="tiago.reis@example.pt")  # an account does not take up the membership by itself
    client.force_login(ncp)

    response = save(client, portugal, upload(client, portugal, GOOD), "all")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/mirror-groups/members/?group={portugal.pk}"
    rita = Membership.objects.get(group=portugal, email="rita.lopes@example.pt")
    assert (rita.role, rita.sector, rita.region, rita.organisation) == (
        Role.SCIENTIFIC_COORDINATOR, "research", "Norte", "Universidade do Porto")
    assert rita.starts_on == date(2026, 1, 1) and rita.listed_publicly and rita.user is None
    tiago = Membership.objects.get(group=portugal, email="tiago.reis@example.pt")
    assert (tiago.role, tiago.sector, tiago.listed_publicly, tiago.user) == (Role.MEMBER, "industry", False,
                                                                             None)
    ines = Membership.objects.get(group=portugal, email="ines.costa@example.pt")
    assert (ines.sector, ines.ends_on) == ("patients", date(2027, 1, 31))
    letters = {letter.to[0]: letter for letter in queued_mail()}
    assert set(letters) == {"rita.lopes@example.pt", "tiago.reis@example.pt", "ines.costa@example.pt"}
    for membership in (rita, tiago, ines):
        assert f"/mirror-groups/invitation/{membership.invitation_token}/" in letters[membership.email].body
    rita.refresh_from_db()
    assert rita.invited_at is not None


def test_a_semicolon_separated_file_with_a_byte_order_mark_is_read(client, portugal, ncp):
    client.force_login(ncp)
    text = "\ufeff" + GOOD.replace(",", ";")
    response = upload(client, portugal, text)
    assert "3 rows checked" in response.text and "0 with problems" in response.text


def test_the_preview_lists_every_rows_problems(client, portugal, ncp):
    client.force_login(ncp)

    response = upload(client, portugal, bad_file())

    shown = problems_by_row(response)
    assert set(shown) == set(BAD_ROWS)
    for number, (_, problem) in BAD_ROWS.items():
        if problem is None:
            assert "Ready" in shown[number], number
        else:
            assert problem in html.unescape(shown[number]), (number, shown[number])
    assert "11 with problems" in response.text
    assert Membership.objects.filter(group=portugal).count() == 2
    assert queued_mail() == []


def test_all_or_nothing_refuses_a_file_with_problems_and_saves_nothing(client, portugal, ncp):
    client.force_login(ncp)

    response = save(client, portugal, upload(client, portugal, bad_file()), "all")

    assert response.status_code == 200
    assert "Nothing was saved" in response.text
    assert 'name="checked_file"' in response.text  # the preview again, to choose otherwise
    assert Membership.objects.filter(group=portugal).count() == 2
    assert queued_mail() == []


def test_saving_the_valid_rows_leaves_the_others_out(client, portugal, ncp):
    client.force_login(ncp)

    response = save(client, portugal, upload(client, portugal, bad_file()), "valid")

    assert response.status_code == 302
    imported = set(Membership.objects.filter(group=portugal).values_list("email", flat=True))
    assert imported - {"old@example.pt", ncp.email} == {
        "rita.lopes@example.pt", "coord1@example.pt", "fine@example.pt"}
    assert sorted(letter.to[0] for letter in queued_mail()) == sorted(
        ["rita.lopes@example.pt", "coord1@example.pt", "fine@example.pt"])
    messages = client.get(response["Location"]).text
    assert "3 members imported" in messages and "11 rows with problems were left out" in messages


def test_the_file_is_checked_again_when_saved(client, portugal, ncp):
    client.force_login(ncp)
    preview = upload(client, portugal, GOOD)
    MembershipFactory(group=portugal, name="Added meanwhile", email="ines.costa@example.pt")

    assert save(client, portugal, preview, "all").status_code == 200
    assert not Membership.objects.filter(email="rita.lopes@example.pt").exists()
    save(client, portugal, preview, "valid")
    assert Membership.objects.filter(group=portugal).count() == 5


@pytest.mark.parametrize(("text", "encoding", "message"), [
    ("email,role\nrita@example.pt,member\n", "utf-8", "missing: name, sector, region"),
    ("name,email,sector,region\n", "utf-8", "The file has no rows"),
    ("name,email,sector,region\nInês,ines@example.pt,research,Sé\n", "latin-1", "not UTF-8"),
    ("name,email,sector,region\n" + "x,x@example.pt,research,Norte\n" * 501, "utf-8", "at most 500"),
])
def test_an_unreadable_file_is_refused_with_the_reason(client, portugal, ncp, text, encoding, message):
    client.force_login(ncp)
    response = upload(client, portugal, text, encoding=encoding)
    assert response.status_code == 200
    assert message in response.text
    assert Membership.objects.filter(group=portugal).count() == 2


def test_a_tampered_preview_saves_nothing(client, portugal, ncp):
    client.force_login(ncp)
    response = client.post(f"/admin/mirror-groups/members/import/{portugal.pk}/",
                           {"checked_file": "name,email\nx,x@example.org", "mode": "all"})
    assert response.status_code == 200
    assert "upload the file again" in response.text
    assert Membership.objects.filter(group=portugal).count() == 2


def test_a_preview_of_one_group_cannot_be_saved_into_another(client, portugal, ncp):
    spain = MirrorGroupFactory(iso="ES", name="Spain")
    client.force_login(coordinator())
    preview = upload(client, portugal, GOOD)
    response = client.post(f"/admin/mirror-groups/members/import/{spain.pk}/",
                           {"checked_file": checked_file(preview), "mode": "all"})
    assert "upload the file again" in response.text
    assert not spain.memberships.exists()


@pytest.mark.parametrize("who", ["anonymous", "stakeholder", "other_manager", "plain_member"])
def test_only_the_groups_managers_and_coordinators_import(client, portugal, ncp, who):
    spain = MirrorGroupFactory(iso="ES", name="Spain")
    people = {
        "stakeholder": UserFactory,
        "other_manager": lambda: manager(spain),
        "plain_member": lambda: MembershipFactory(group=portugal, user=UserFactory()).user,
    }
    if who != "anonymous":
        client.force_login(people[who]())
    url = f"/admin/mirror-groups/members/import/{portugal.pk}/"
    before = Membership.objects.count()

    assert client.get(url).status_code == 302
    assert upload(client, portugal, GOOD).status_code == 302
    assert Membership.objects.count() == before

    client.force_login(coordinator())
    assert client.get(url).status_code == 200
