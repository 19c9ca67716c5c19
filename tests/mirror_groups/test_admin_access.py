"""A group's current scientific coordinator and NCP may use the admin; the access goes with the role."""

from datetime import date

import pytest
import time_machine
from wagtail.permissions import policy_registry

from portal.mirror_groups.models import Membership, Role
from tests.factories import MembershipFactory, MirrorGroupFactory, UserFactory, coordinator

pytestmark = pytest.mark.django_db


def admin_status(client, user) -> int:
    client.force_login(user)
    return client.get("/admin/mirror-groups/members/").status_code


@pytest.fixture
def portugal():
    return MirrorGroupFactory()


@pytest.mark.parametrize("role", [Role.SCIENTIFIC_COORDINATOR, Role.NATIONAL_CONTACT_POINT])
def test_the_coordinator_and_the_ncp_of_a_group_use_the_admin(client, portugal, role):
    user = UserFactory()
    MembershipFactory(group=portugal, user=user, role=role)
    assert admin_status(client, user) == 200


def test_a_plain_member_does_not(client, portugal):
    user = UserFactory()
    MembershipFactory(group=portugal, user=user)
    assert admin_status(client, user) == 302


@pytest.mark.parametrize("change", [
    {"role": Role.MEMBER},
    {"ends_on": date(2026, 3, 31)},
    {"user": None},
])
@time_machine.travel("2026-04-01 09:00 +00:00")
def test_losing_the_role_takes_the_access_away(client, portugal, change):
    user = UserFactory()
    ncp = MembershipFactory(group=portugal, user=user, role=Role.NATIONAL_CONTACT_POINT,
                            starts_on=date(2025, 1, 1))
    assert admin_status(client, user) == 200

    Membership.objects.filter(pk=ncp.pk).update(**change)

    assert admin_status(client, user) == 302
    assert client.get("/admin/").status_code == 302


def test_a_deleted_membership_takes_the_access_away(client, portugal):
    user = UserFactory()
    ncp = MembershipFactory(group=portugal, user=user, role=Role.NATIONAL_CONTACT_POINT)
    assert admin_status(client, user) == 200
    ncp.delete()
    assert admin_status(client, user) == 302


def test_the_access_follows_the_dates_of_the_role(client, portugal):
    user = UserFactory()
    MembershipFactory(group=portugal, user=user, role=Role.SCIENTIFIC_COORDINATOR, starts_on=date(2026, 5, 1),
           ends_on=date(2026, 12, 31))
    with time_machine.travel("2026-04-30 12:00 +00:00"):
        assert admin_status(client, user) == 302
    with time_machine.travel("2026-05-01 12:00 +00:00"):
        assert admin_status(client, user) == 200
    with time_machine.travel("2027-01-01 12:00 +00:00"):
        assert admin_status(client, user) == 302


def test_someone_managing_two_groups_sees_both(client, portugal):
    spain = MirrorGroupFactory(iso="ES", name="Spain")
    user = UserFactory()
    MembershipFactory(group=portugal, user=user, role=Role.SCIENTIFIC_COORDINATOR)
    MembershipFactory(group=spain, user=user, role=Role.NATIONAL_CONTACT_POINT)
    MembershipFactory(group=spain, name="Lucía Ortega")
    client.force_login(user)
    assert "Lucía Ortega" in client.get("/admin/mirror-groups/members/").text


def test_a_deactivated_account_loses_the_access(client, portugal):
    user = UserFactory()
    MembershipFactory(group=portugal, user=user, role=Role.NATIONAL_CONTACT_POINT)
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get("/admin/mirror-groups/members/").status_code == 302


def test_the_policy_names_who_may_change_a_groups_records(portugal):
    spain = MirrorGroupFactory(iso="ES", name="Spain")
    ncp, spanish_ncp, boss = UserFactory(), UserFactory(), coordinator()
    MembershipFactory(group=portugal, user=ncp, role=Role.NATIONAL_CONTACT_POINT)
    MembershipFactory(group=spain, user=spanish_ncp, role=Role.NATIONAL_CONTACT_POINT)
    spanish_member = MembershipFactory(group=spain)
    policy = policy_registry.get_by_type(Membership)

    assert set(policy.users_with_permission_for_instance("change", spanish_member)) == {spanish_ncp, boss}
    assert set(policy.users_with_permission("change")) == {ncp, spanish_ncp, boss}
    assert not policy.user_has_permission_for_instance(ncp, "change", spanish_member)
