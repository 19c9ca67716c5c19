"""Groups, members and managers for the tests of the mirror groups' admin."""

import itertools
from datetime import date

from portal.mirror_groups.models import Application, GroupNews, Meeting, Membership, MirrorGroup, Role, Sector
from tests.factories import CountryFactory, UserFactory

_numbers = itertools.count()


def mirror_group(iso_code="PT", name="Portugal") -> MirrorGroup:
    return MirrorGroup.objects.create(country=CountryFactory(iso_code=iso_code, name=name))


def member(group, *, user=None, role=Role.MEMBER, **fields) -> Membership:
    number = next(_numbers)
    values = {
        "name": user.get_full_name() if user else f"Member {number}",
        "email": user.email if user else f"member{number}@example.org",
        "sector": Sector.RESEARCH, "region": "Norte", "organisation": f"Organisation {number}",
        **fields,
    }
    return Membership.objects.create(group=group, user=user, role=role, **values)


def manager(group, role=Role.NATIONAL_CONTACT_POINT, **fields):
    user = UserFactory()
    member(group, user=user, role=role, **fields)
    return user


def application(group, applicant=None, **fields) -> Application:
    values = {"motivation": "I run the national genome programme's data office.",
              "sector": Sector.INDUSTRY, "region": "Lisboa", "organisation": "Genomics SA", **fields}
    return Application.objects.create(group=group, applicant=applicant or UserFactory(), **values)


def meeting(group, **fields) -> Meeting:
    values = {"held_on": date(2026, 3, 2), "agenda": "Kick-off", **fields}
    return Meeting.objects.create(group=group, **values)


def news(group, **fields) -> GroupNews:
    values = {"title": "First meeting held", "text": "We met.", **fields}
    return GroupNews.objects.create(group=group, **values)
