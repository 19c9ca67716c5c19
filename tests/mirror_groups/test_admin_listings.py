"""The admin's mirror group listings run as many queries for many records as for few, for a coordinator
(every group) and for a group's national contact point (their group)."""

import itertools

import pytest

from portal.mirror_groups.models import Role
from tests.factories import (
    ApplicationFactory,
    DocumentFactory,
    GroupNewsFactory,
    MeetingFactory,
    MembershipFactory,
    MirrorGroupFactory,
    coordinator,
    manager,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

ADD = {
    "members": lambda group: MembershipFactory(group=group),
    "applications": lambda group: ApplicationFactory(group=group),
    "meetings": lambda group: MeetingFactory(group=group, minutes=DocumentFactory(title="Minutes")),
    "news": lambda group: GroupNewsFactory(group=group),
}


@pytest.mark.parametrize("listing", ["members", "applications", "meetings", "news"])
@pytest.mark.parametrize("who", ["coordinator", "national contact point"])
def test_a_listing_runs_the_same_queries_however_many_records(client, listing, who):
    group = MirrorGroupFactory()
    client.force_login(coordinator() if who == "coordinator" else manager(group, Role.NATIONAL_CONTACT_POINT))

    def add(count):
        for _ in range(count):
            ADD[listing](group)

    assert_queries_do_not_grow(client, f"/admin/mirror-groups/{listing}/", add, budget=40)


def test_the_groups_listing_runs_the_same_queries_however_many_groups(coordinator_client):
    numbers = itertools.count()

    def add_groups(count):
        for _ in range(count):
            number = next(numbers)
            group = MirrorGroupFactory(iso=f"Q{chr(65 + number)}", name=f"Country {number}")
            manager(group)
            ApplicationFactory(group=group)

    assert_queries_do_not_grow(coordinator_client, "/admin/mirror-groups/groups/", add_groups, budget=40)
