"""A group's public page: its mission, role and tasks, news and meetings, the members who agreed to be
listed and no one else, and gender only as counts over five or more who declared one."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile

from portal.mirror_groups.models import Membership, Role
from tests.factories import (
    COMPLETE,
    DocumentFactory,
    EstablishedGroupFactory,
    GroupNewsFactory,
    MeetingFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def members_table(html: str) -> str:
    return html.split('<table class="members">', 1)[1].split("</table>", 1)[0] if "members" in html else ""


def test_the_page_lists_the_members_who_agreed_to_be_listed_and_no_one_else(client, group):
    html = client.get("/mirror-groups/pt/").text

    listed = members_table(html)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", listed)
    assert [row[:2] for row in rows] == [
        ("Ana Coordinator", "Scientific coordinator"), ("Bruno Contact", "National contact point (NCP)"),
        ("Carla Industry", "Member"), ("Eva Patients", "Member"), ("Filipe Funder", "Member"),
    ]
    assert rows[2][2:] == ("Carla Industry&#x27;s organisation", "Industry or private sector")
    assert "2 members chose not to be listed publicly." in html
    for hidden in Membership.objects.filter(listed_publicly=False):
        assert hidden.name not in html and hidden.organisation.replace("'", "&#x27;") not in html
    for member in Membership.objects.all():
        assert member.email not in html  # nobody's address, listed or not
    # Where a member works is never shown per person.
    assert "Algarve" not in html


def test_the_page_shows_mission_role_tasks_news_and_meetings(client, group):
    group.role = "National contributors.\n\nInitiative multipliers."
    group.tasks = "Build a decision-making framework."
    group.save()
    GroupNewsFactory(group=group, title="First meeting held", text="We met.",
                     published_on=datetime.date(2021, 4, 1))
    GroupNewsFactory(group=group, title="Not yet out", text="Soon.",
                     published_on=datetime.date.today() + datetime.timedelta(days=3))
    minutes = DocumentFactory(title="Minutes, April 2021", file=ContentFile(b"Minutes.", name="minutes.txt"))
    MeetingFactory(group=group, held_on=datetime.date(2021, 4, 15), agenda="Welcome\nRoadmap",
                   minutes=minutes, attendance=6)
    MeetingFactory(group=group, held_on=datetime.date(2021, 9, 1), agenda="Recommendations")

    html = client.get("/mirror-groups/PT/").text

    assert "<h1>National Mirror Group of Portugal</h1>" in html
    assert "established on 15 March 2021" in html
    assert "<p>Improve quality of life.</p>" in html
    assert "<p>National contributors.</p>\n\n<p>Initiative multipliers.</p>" in html
    assert "Build a decision-making framework." in html
    assert "First meeting held" in html and "Not yet out" not in html
    meetings = html.split('<table class="meetings">', 1)[1].split("</table>", 1)[0]
    assert meetings.index("1 September 2021") < meetings.index("15 April 2021")  # latest first
    assert "Welcome<br>Roadmap" in meetings
    assert f'<a href="{minutes.url}">Minutes, April 2021</a>' in meetings
    assert "<td>6</td>" in meetings and "not published" in meetings
    assert "Meets every composition rule." in html


def test_gender_shows_as_counts_only_from_five_declared(client, group):
    html = client.get("/mirror-groups/pt/").text
    genders = html.split('<ul class="genders">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", genders) == ["Woman: 3", "Man: 3", "In another way: 0"]

    Membership.objects.filter(name__in=["Ana Coordinator", "Bruno Contact"]).update(gender="")
    html = client.get("/mirror-groups/pt/").text

    assert 'class="genders"' not in html and "Woman" not in html and "Man:" not in html
    assert "4 members declared a gender: too few to judge the balance" in html


def test_a_group_being_set_up_without_members(client):
    EstablishedGroupFactory(iso="CY", name="Cyprus", people=[], established_on=None)

    html = client.get("/mirror-groups/cy/").text

    assert "being set up" in html
    assert "The group has no members in the portal yet." in html
    assert "The group has no contact point in the portal yet." in html
    assert 'name="message"' not in html


def test_members_who_left_are_not_on_the_page(client, group):
    MembershipFactory(group=group, name="Left Already", ends_on=datetime.date(2020, 1, 1),
                      listed_publicly=True, role=Role.MEMBER)

    html = client.get("/mirror-groups/pt/").text

    assert "Left Already" not in html
    assert f"{len(COMPLETE)} members, the scientific coordinator" in html


def test_only_countries_of_the_initiative_with_a_group_have_a_page(client, group):
    from portal.initiative.models import Country

    assert client.get("/mirror-groups/es/").status_code == 404
    Country.objects.filter(pk=group.country_id).update(status=Country.Status.NONE)
    assert client.get("/mirror-groups/pt/").status_code == 404


def test_the_page_runs_the_same_queries_however_many_members_news_and_meetings(
    client, group, django_assert_max_num_queries
):
    client.get("/mirror-groups/pt/")
    with django_assert_max_num_queries(40) as few:
        client.get("/mirror-groups/pt/")
    for number in range(10):
        MembershipFactory(group=group, name=f"Extra Member {number}", listed_publicly=True)
        GroupNewsFactory(group=group, title=f"News {number}", text="Text.",
                         published_on=datetime.date(2022, 1, 1))
        minutes = DocumentFactory(title=f"Minutes {number}", file=ContentFile(b"M", name="m.txt"))
        MeetingFactory(group=group, held_on=datetime.date(2022, 1, 1 + number), agenda="Agenda",
                       minutes=minutes)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Extra Member 9" in client.get("/mirror-groups/pt/").text
