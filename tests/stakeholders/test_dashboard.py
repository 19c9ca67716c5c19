"""The dashboard's panel of registrations awaiting approval: coordinators see the oldest first, editors
do not see it."""

import datetime

import pytest
from django.utils import timezone

from portal.stakeholders.admin.dashboard import PendingRegistrationsPanel
from portal.stakeholders.models import StakeholderProfile
from tests.dashboard import dashboard, panel, panel_queries
from tests.factories import CountryFactory, ProfileFactory, coordinator, editor

pytestmark = pytest.mark.django_db


def waiting(count, *, first_name="Ana"):
    now = timezone.now()
    return [
        ProfileFactory(user__first_name=first_name, user__last_name=f"Pending{number}",
                       organisation=f"Institute {number}",
                       submitted_at=now - datetime.timedelta(days=count - number))
        for number in range(count)
    ]


def test_coordinators_see_the_registrations_awaiting_approval_oldest_first(client):
    spain = CountryFactory(iso_code="ES", name="Spain")
    oldest = ProfileFactory(user__first_name="Ben", user__last_name="Moreno", organisation="Genomics SL",
                            country=spain, submitted_at=timezone.now() - datetime.timedelta(days=10))
    waiting(6)
    ProfileFactory(status=StakeholderProfile.Status.APPROVED, user__first_name="Cai")
    ProfileFactory(status=StakeholderProfile.Status.INCOMPLETE, user__first_name="Dora")

    shown = panel(dashboard(client, coordinator()), "registrations")

    assert "Registrations awaiting approval" in shown
    assert "7 registrations await approval." in shown
    assert shown.index("Ben Moreno") < shown.index("Ana Pending0") < shown.index("Ana Pending3")
    assert "Ana Pending4" not in shown  # five rows, the oldest
    assert "Genomics SL, Spain" in shown
    assert f'href="/admin/stakeholders/inspect/{oldest.pk}/">Ben Moreno</a>' in shown
    assert "/admin/stakeholders/?status=pending" in shown
    assert "Cai" not in shown and "Dora" not in shown


def test_one_registration_is_counted_in_the_singular(client):
    waiting(1)
    assert "1 registration awaits approval." in panel(dashboard(client, coordinator()), "registrations")


def test_editors_do_not_see_the_panel(client):
    waiting(2)
    page = dashboard(client, editor())

    assert panel(page, "registrations") is None
    assert "Ana Pending0" not in page


def test_all_clear_when_nobody_waits(client):
    ProfileFactory(status=StakeholderProfile.Status.APPROVED)

    shown = panel(dashboard(client, coordinator()), "registrations")

    assert "No registration awaits approval." in shown
    assert "<table" not in shown


def test_the_queries_do_not_grow_with_the_registrations():
    user = coordinator()
    waiting(2)
    few = panel_queries(PendingRegistrationsPanel, user)
    waiting(20, first_name="Eva")

    assert panel_queries(PendingRegistrationsPanel, user) == few
