from urllib.parse import unquote

import pytest
from django.conf import settings

from tests.factories import coordinator

pytestmark = pytest.mark.django_db


def test_the_admin_login_hands_over_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert unquote(response["Location"]) == "/accounts/login/?next=/admin/pages/"

    final = client.get("/admin/", follow=True).redirect_chain[-1][0]
    assert unquote(final) == "/accounts/login/?next=/admin/"


def test_posting_credentials_to_the_admin_login_signs_nobody_in(client):
    user = coordinator()
    client.post("/admin/login/", {"username": user.username, "password": "a-long-test-password"})
    assert "_auth_user_id" not in client.session


def test_wagtail_password_management_is_off():
    assert settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED is False
    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False


def test_a_coordinator_signs_in_through_allauth_and_reaches_the_admin(client):
    user = coordinator()
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": user.email.upper(), "password": "a-long-test-password"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_allauth_rate_limits_guard_the_admin_sign_in(client):
    user = coordinator()
    for _ in range(10):
        client.post("/accounts/login/?next=/admin/", {"login": user.email, "password": "wrong"})

    right = {"login": user.email, "password": "a-long-test-password"}
    response = client.post("/accounts/login/?next=/admin/", right)

    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_a_signed_in_stakeholder_opening_the_admin_is_told_plainly_not_sent_round_in_circles(client):
    from tests.factories import ProfileFactory

    client.force_login(ProfileFactory().user)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert "No access to the administration" in response.text
    assert len(response.redirect_chain) == 1


def test_a_signed_in_coordinator_at_the_admin_login_goes_on_to_the_admin(client):
    client.force_login(coordinator())
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/admin/pages/"
