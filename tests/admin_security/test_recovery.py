"""A person who lost their second factor: a coordinator resets it in the admin (Settings › Second factors),
with a reason that goes to the site history and to the person; the last coordinator locked out is reset
with `manage.py reset_mfa`."""

import io
import os

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from portal.admin_security.access import can_enter_admin
from portal.admin_security.recovery import RESET_ACTION
from tests.factories import (
    EmailAddressFactory,
    MirrorGroupFactory,
    UserFactory,
    coordinator,
    editor,
    manager,
    totp_code,
    with_totp,
)
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

LISTING = "/admin/second-factors/"
REASON = "Lost her phone on the train; asked by video call on 5 December"


def reset_url(person) -> str:
    return f"/admin/second-factors/reset/{person.pk}/"


def refused(response) -> bool:
    """Wagtail answers a refused admin view by sending the person to the dashboard, saying why."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def factors(person) -> list[str]:
    return sorted(Authenticator.objects.filter(user=person).values_list("type", flat=True))


@pytest.fixture
def locked_out():
    """An editor who set up an authenticator app (and got recovery codes) and then lost the phone."""
    person = editor(first_name="Rita", last_name="Lopes", email="rita@example.org")
    with_totp(person, recovery_codes=True)
    return person


def test_the_factorys_app_gives_codes_allauth_accepts(locked_out):
    app = Authenticator.objects.get(user=locked_out, type=Authenticator.Type.TOTP)

    assert TOTP(app).validate_code(totp_code())
    assert not TOTP(app).validate_code("000000" if totp_code() != "000000" else "111111")


def test_a_coordinator_resets_a_second_factor_with_a_reason(client, locked_out):
    boss = coordinator(first_name="Carla", last_name="Coordinator")
    client.force_login(boss)
    listing = client.get(LISTING)
    assert listing.status_code == 200
    assert reset_url(locked_out) in listing.text
    asking = client.get(reset_url(locked_out))
    assert asking.status_code == 200
    assert factors(locked_out) == ["recovery_codes", "totp"]  # asking deletes nothing

    response = client.post(reset_url(locked_out), {"reason": REASON})

    assert response.status_code == 302
    assert response["Location"] == LISTING
    assert factors(locked_out) == []
    entry = ModelLogEntry.objects.get(action=RESET_ACTION)
    assert entry.object_id == str(locked_out.pk)
    assert entry.user == boss
    assert entry.data["reason"] == REASON
    assert entry.data["by"] == "Carla Coordinator"
    assert entry.label == "Rita Lopes"
    history = client.get("/admin/reports/site-history/").text
    assert "Rita Lopes" in history
    assert f"Second factor reset by Carla Coordinator. Reason: {REASON}" in history
    [mail] = queued_mail()
    assert mail.to == ["rita@example.org"]
    assert mail.subject == "Your second factor on the 1+MG stakeholder portal was reset"
    assert "Carla Coordinator reset the second factor of your account" in mail.body
    assert REASON in mail.body and REASON in mail.alternatives[0][0]
    assert "http://testserver/accounts/2fa/" in mail.body


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reset_without_a_reason_is_refused_next_to_the_field_deleting_nothing(client, locked_out, reason):
    client.force_login(coordinator())

    response = client.post(reset_url(locked_out), {"reason": reason})

    assert response.status_code == 200
    assert "Give the reason for the reset" in response.text
    assert response.context["form"].errors["reason"]
    assert factors(locked_out) == ["recovery_codes", "totp"]
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()
    assert queued_mail() == []


def test_a_reason_with_markup_is_refused_and_the_text_kept(client, locked_out):
    client.force_login(coordinator())

    response = client.post(reset_url(locked_out), {"reason": "Lost it <script>x</script>"})

    assert response.status_code == 200
    assert "remove the HTML tags" in response.text
    assert "Lost it &lt;script&gt;x&lt;/script&gt;" in response.text
    assert factors(locked_out) == ["recovery_codes", "totp"]


@pytest.mark.parametrize("who", ["editor", "manager"])
def test_editors_and_mirror_group_managers_may_not_reset_nor_see_the_menu_item(client, locked_out, who):
    person = editor() if who == "editor" else manager(MirrorGroupFactory())
    client.force_login(person)
    assert client.get("/admin/").status_code == 200  # they do enter the admin

    assert refused(client.get(LISTING))
    assert refused(client.get(reset_url(locked_out)))
    assert refused(client.post(reset_url(locked_out), {"reason": REASON}))

    assert factors(locked_out) == ["recovery_codes", "totp"]
    assert LISTING not in client.get("/admin/").text
    assert queued_mail() == []


def test_the_menu_item_is_under_settings_for_coordinators(client):
    client.force_login(coordinator())
    home = client.get("/admin/").text
    assert LISTING in home
    assert "Second factors" in home


def test_nobody_resets_their_own_second_factor_here(client):
    boss = coordinator()
    with_totp(boss, recovery_codes=True)
    client.force_login(boss)

    listing = client.get(LISTING)
    response = client.post(reset_url(boss), {"reason": REASON}, follow=True)

    assert reset_url(boss) not in listing.text
    assert "/accounts/2fa/" in listing.text  # where they manage their own
    assert "You cannot reset your own second factor here" in response.text
    assert factors(boss) == ["recovery_codes", "totp"]
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()


def test_the_listing_shows_everyone_who_enters_the_admin_and_whether_they_have_a_second_factor(client):
    boss = coordinator(first_name="Carla", last_name="Coordinator")
    enrolled = editor(first_name="Eva", last_name="Enrolled")
    with_totp(enrolled, recovery_codes=True)
    not_enrolled = editor(first_name="Nuno", last_name="Notyet")
    ncp = manager(MirrorGroupFactory())
    root = UserFactory(first_name="Root", last_name="Superuser", is_superuser=True)
    stakeholder = UserFactory(first_name="Sara", last_name="Stakeholder")
    gone = coordinator(first_name="Gone", last_name="Inactive", is_active=False)
    client.force_login(boss)

    response = client.get(LISTING)

    listed = set(response.context["object_list"])
    assert listed == {boss, enrolled, not_enrolled, ncp, root}
    for person in (boss, enrolled, not_enrolled, ncp, root, stakeholder, gone):
        assert (person in listed) == can_enter_admin(person), person
    assert "Authenticator app since" in response.text
    assert reset_url(enrolled) in response.text
    assert reset_url(not_enrolled) not in response.text  # nothing to reset
    assert client.get(reset_url(stakeholder)).status_code == 404
    without = client.get(LISTING + "?has_authenticators=false")
    assert set(without.context["object_list"]) == {boss, not_enrolled, ncp, root}
    found = client.get(LISTING + "?q=enrolled")
    assert set(found.context["object_list"]) == {enrolled}


def test_the_listing_is_paginated_and_its_query_count_does_not_grow(client, django_assert_max_num_queries):
    client.force_login(coordinator())
    editors = Group.objects.get(name="Editors")

    def add_admins(count):
        for _ in range(count):
            with_totp(editor(), recovery_codes=True)
        editors.user_set.add(*UserFactory.create_batch(count))

    add_admins(2)
    with django_assert_max_num_queries(40) as few:
        assert client.get(LISTING).status_code == 200

    add_admins(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LISTING)
    assert response.context["paginator"].count == 65
    assert len(response.context["object_list"]) < 65
    assert client.get(LISTING + "?p=2").status_code == 200


def test_editors_do_not_see_the_resets_in_the_site_history(client, locked_out):
    client.force_login(coordinator())
    client.post(reset_url(locked_out), {"reason": REASON})

    client.force_login(editor())

    assert REASON not in client.get("/admin/reports/site-history/").text


# manage.py reset_mfa: the last coordinator locked out


def test_the_command_resets_the_account_with_the_address_in_any_letter_case(locked_out):
    out = _run("RITA@Example.ORG", reason="Last coordinator, lost phone")

    assert factors(locked_out) == []
    assert "Reset the second factor of Rita Lopes (rita@example.org)" in out
    assert "authenticator app" in out and "recovery codes" in out
    entry = ModelLogEntry.objects.get(action=RESET_ACTION)
    assert entry.user is None
    assert entry.data == {"reason": "Last coordinator, lost phone", "by": "command line",
                          "removed": ["recovery_codes", "totp"]}
    [mail] = queued_mail()
    assert mail.to == ["rita@example.org"]
    assert "reset by the portal's operators" in mail.body


def test_the_command_finds_an_account_by_another_verified_address(locked_out):
    EmailAddressFactory(user=locked_out, email="rita.lopes@work.example.org")
    EmailAddressFactory(user=UserFactory(), email="typed@example.org", verified=False)

    _run("Rita.Lopes@work.example.org", reason="Lost phone")

    assert factors(locked_out) == []
    with pytest.raises(CommandError) as unverified:
        _run("typed@example.org", reason="Lost phone")
    assert unverified.value.returncode == os.EX_NOUSER


def test_the_command_says_so_for_an_unknown_address_and_exits_with_an_error(locked_out):
    with pytest.raises(CommandError, match="No account has the address nobody@example.org") as refused:
        _run("nobody@example.org", reason="Lost phone")

    assert refused.value.returncode == os.EX_NOUSER
    assert factors(locked_out) == ["recovery_codes", "totp"]


@pytest.mark.parametrize("reason", [None, "  "])
def test_the_command_needs_a_reason(locked_out, reason):
    with pytest.raises(CommandError, match="reason"):
        _run("rita@example.org", **({} if reason is None else {"reason": reason}))

    assert factors(locked_out) == ["recovery_codes", "totp"]
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()


def test_the_command_says_when_there_is_nothing_to_reset():
    editor(first_name="Nuno", last_name="Notyet", email="nuno@example.org")

    out = _run("nuno@example.org", reason="Lost phone")

    assert "has no second factor: nothing to reset" in out
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()
    assert queued_mail() == []


def _run(*args, **options) -> str:
    out = io.StringIO()
    call_command("reset_mfa", *args, stdout=out, **options)
    return out.getvalue()
