"""New passwords have at least 12 characters; admins with an older, shorter one change it before the admin
answers; stakeholders' old passwords still sign them in."""

import re

import pytest

from tests.factories import ProfileFactory, UserFactory, coordinator
from tests.helpers import path_in, sign_in
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

RULE = "Your password must contain at least 12 characters."
OLD_PASSWORD = "gen0mes8"
NEW_PASSWORD = "genomes-for-europe-2026"


def field_errors(html: str, field: str) -> str:
    found = re.search(rf'<ul class="errors" id="id_{field}_errors">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


def test_a_new_password_shorter_than_12_characters_is_refused_next_to_the_field(client):
    response = client.post("/accounts/signup/", {
        "first_name": "Ana", "last_name": "Silva", "email": "ana.silva@example.org",
        "password1": "gen0mes-2026", "password2": "gen0mes-2026", "privacy_consent": "on",
    })
    short = client.post("/accounts/signup/", {
        "first_name": "Ana", "last_name": "Silva", "email": "ana.silva@example.org",
        "password1": "gen0mes-202", "password2": "gen0mes-202", "privacy_consent": "on",
    })

    assert response.status_code == 302  # 12 characters will do
    assert short.status_code == 200
    assert "too short. It must contain at least 12 characters" in field_errors(short.text, "password1")
    assert 'value="ana.silva@example.org"' in short.text


def test_every_form_that_sets_a_password_states_the_rule(client):
    assert RULE in client.get("/accounts/signup/").text

    UserFactory(email="known@example.org")
    client.post("/accounts/password/reset/", {"email": "known@example.org"})
    reset = client.get(path_in(queued_mail()[-1], "/accounts/password/reset/key/"), follow=True)
    assert RULE in reset.text

    client.force_login(UserFactory())
    assert RULE in client.get("/accounts/password/change/").text
    without = UserFactory()
    without.set_unusable_password()
    without.save()
    client.force_login(without)
    assert RULE in client.get("/accounts/password/set/").text


def test_an_admin_with_an_old_short_password_changes_it_before_the_admin_answers(client):
    user = coordinator(password=OLD_PASSWORD)
    assert sign_in(client, user, OLD_PASSWORD, next_path="/admin/").status_code == 302

    asked = client.get("/admin/pages/", follow=True)
    assert asked.redirect_chain[0][0] == "/accounts/password/change/?next=%2Fadmin%2Fpages%2F"
    assert "choose a new one before you go on" in asked.text
    assert client.get("/admin/").status_code == 302  # every admin page, until it is changed

    changed = client.post("/accounts/password/change/?next=/admin/pages/", {
        "oldpassword": OLD_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        "next": "/admin/pages/",
    })

    assert changed["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_an_admin_with_a_long_password_goes_straight_in(client):
    user = coordinator()
    assert sign_in(client, user, next_path="/admin/").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_stakeholder_with_an_old_short_password_is_not_forced_to_change_it(client):
    user = ProfileFactory(user__password=OLD_PASSWORD).user
    assert sign_in(client, user, OLD_PASSWORD, next_path="/my/").status_code == 302

    assert client.get("/my/").status_code == 200
    refused = client.get("/admin/", follow=True)
    assert "/accounts/password/change/" not in [url.split("?")[0] for url, _ in refused.redirect_chain]
