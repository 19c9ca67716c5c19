"""The dashboard's panel of mirror group applications awaiting a decision, per country: coordinators see
every group's, a group's managers their own group's only."""

import datetime

import pytest
from django.utils import timezone

from portal.initiative.models import Country
from portal.mirror_groups.admin.dashboard import PendingApplicationsPanel
from portal.mirror_groups.models import Application, MirrorGroup, Role
from tests.dashboard import dashboard, panel, panel_queries
from tests.factories import ApplicationFactory, MirrorGroupFactory, coordinator, editor, manager

pytestmark = pytest.mark.django_db

NAME = "mirror-group-applications"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def groups():
    portugal = MirrorGroupFactory(iso="PT", name="Portugal")
    spain = MirrorGroupFactory(iso="ES", name="Spain")
    ApplicationFactory(group=portugal, applied_at=days_ago(3))
    ApplicationFactory(group=portugal, applied_at=days_ago(1))
    ApplicationFactory(group=spain, applied_at=days_ago(9))
    ApplicationFactory(group=spain, status=Application.Status.ACCEPTED, applied_at=days_ago(20))
    ApplicationFactory(group=portugal, status=Application.Status.DECLINED, applied_at=days_ago(30))
    return {"PT": portugal, "ES": spain}


def test_coordinators_see_every_countrys_applications_the_longest_waiting_first(client, groups):
    shown = panel(dashboard(client, coordinator()), NAME)

    assert "Mirror group applications awaiting a decision" in shown
    assert "3 applications await a decision." in shown
    assert shown.index("Spain") < shown.index("Portugal")
    assert "<td>1 application</td>" in shown and "<td>2 applications</td>" in shown
    assert f"/admin/mirror-groups/applications/?group={groups['PT'].pk}&amp;status=pending" in shown
    assert "/admin/mirror-groups/applications/?status=pending" in shown


def test_a_groups_manager_sees_their_own_groups_applications_only(client, groups):
    shown = panel(dashboard(client, manager(groups["ES"], Role.NATIONAL_CONTACT_POINT)), NAME)

    assert "1 application awaits a decision." in shown
    assert "Spain" in shown and "Portugal" not in shown
    assert f"?group={groups['PT'].pk}&amp;" not in shown


def test_a_manager_whose_group_has_none_waiting_sees_the_all_clear(client, groups):
    france = MirrorGroupFactory(iso="FR", name="France")

    shown = panel(dashboard(client, manager(france, Role.SCIENTIFIC_COORDINATOR)), NAME)

    assert "No application awaits a decision." in shown
    assert "Spain" not in shown and "Portugal" not in shown


def test_editors_and_former_managers_do_not_see_the_panel(client, groups):
    former = manager(groups["PT"], Role.NATIONAL_CONTACT_POINT, ends_on=datetime.date(2020, 1, 1))
    member = manager(groups["PT"], Role.MEMBER)

    assert panel(dashboard(client, editor()), NAME) is None
    for person in (former, member):
        client.force_login(person)
        assert client.get("/admin/").status_code in {302, 403}


def test_all_clear_for_coordinators_when_nothing_waits(client):
    ApplicationFactory(group=MirrorGroupFactory(), status=Application.Status.ACCEPTED)

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "No application awaits a decision." in shown
    assert "<table" not in shown


@pytest.mark.parametrize("who", ["coordinator", "manager"])
def test_the_queries_do_not_grow_with_the_applications_or_the_countries(who):
    countries = list(Country.objects.exclude(iso_code="PT").order_by("iso_code")[:8])
    portugal = MirrorGroupFactory(iso="PT", name="Portugal")
    user = coordinator() if who == "coordinator" else manager(portugal)
    ApplicationFactory(group=portugal)
    ApplicationFactory(group=MirrorGroup.objects.create(country=countries[0]))
    few = panel_queries(PendingApplicationsPanel, user)

    for country in countries[1:]:
        group = MirrorGroup.objects.create(country=country)
        for _ in range(3):
            ApplicationFactory(group=group)
    for _ in range(6):
        ApplicationFactory(group=portugal)

    assert panel_queries(PendingApplicationsPanel, user) == few
