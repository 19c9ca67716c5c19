"""Sessions of people who can enter the admin end after 2 idle hours and 12 hours in all; stakeholders'
sessions stay long."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from portal.admin_security.sessions import ACTIVE_AT
from tests.factories import ProfileFactory, coordinator

pytestmark = pytest.mark.django_db

START = timezone.now().replace(microsecond=0)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def at(clock, **delta):
    clock.move_to(START + timedelta(**delta))


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_admin_idle_for_two_hours_is_signed_out_and_told_why(client, clock):
    client.force_login(coordinator())
    assert client.get("/admin/").status_code == 200

    at(clock, hours=1, minutes=59)
    assert client.get("/admin/").status_code == 200  # still in, and this counts as activity
    at(clock, hours=3, minutes=58)
    assert client.get("/admin/").status_code == 200

    at(clock, hours=5, minutes=59)
    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain[0][0] == reverse("account_login") + "?next=/admin/pages/"
    assert "signed out after 2\xa0hours without activity" in response.text
    assert not is_signed_in(client)


def test_an_admin_is_signed_out_twelve_hours_after_signing_in_however_active(client, clock):
    client.force_login(coordinator())
    for hour in range(1, 12):
        at(clock, hours=hour)
        assert client.get("/admin/").status_code == 200

    at(clock, hours=12)
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "stay signed in for at most 12\xa0hours" in response.text
    assert not is_signed_in(client)


def test_wagtails_editing_session_ping_does_not_keep_an_idle_admin_signed_in(client, clock):
    client.force_login(coordinator())
    page = Page.objects.filter(depth=2).first()
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", str(page.pk), 0])
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    for minutes in range(10, 120, 10):  # an editor left open pings on
        at(clock, minutes=minutes)
        assert client.post(ping).status_code == 200
    at(clock, hours=2)
    response = client.post(ping)

    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert not is_signed_in(client)


def test_a_stakeholder_keeps_the_long_session(client, clock):
    profile = ProfileFactory()
    client.force_login(profile.user)

    at(clock, days=13)
    response = client.get("/my/")

    assert response.status_code == 200
    assert is_signed_in(client)


def test_activity_is_written_to_the_session_at_most_once_a_minute(client, clock):
    client.force_login(coordinator())
    key = client.session.session_key

    at(clock, seconds=70)
    client.get("/admin/")
    stamped = client.session[ACTIVE_AT]
    saved_until = Session.objects.get(session_key=key).expire_date
    at(clock, seconds=100)
    client.get("/admin/")

    assert client.session[ACTIVE_AT] == stamped == int((START + timedelta(seconds=70)).timestamp())
    assert Session.objects.get(session_key=key).expire_date == saved_until  # the session was not saved

    at(clock, seconds=131)
    client.get("/admin/")
    assert client.session[ACTIVE_AT] == stamped + 61
