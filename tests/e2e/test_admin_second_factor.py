"""A coordinator enrols an authenticator app on the way into the admin, signs out, and signs in again
with a code from it."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, assert_no_csp_violation, fill_sign_in_form, watch_csp
from tests.factories import PASSWORD, coordinator, totp_code


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_enrols_totp_signs_out_and_signs_in_with_a_code(live_server, page, settings):
    settings.ADMIN_MFA_REQUIRED = True
    user = coordinator(email="grace@example.org", first_name="Grace", last_name="Hopper")
    csp_violations = watch_csp(page)

    page.goto(live_server.url + "/admin/")
    fill_sign_in_form(page, user.email)
    # The admin sends her to enrol; allauth first asks for the password again.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.get_by_text("The admin needs a second factor")).to_be_visible()
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(live_server.url + "/accounts/logout/")
    page.get_by_role("button", name="Sign Out", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/logout/"))

    page.goto(live_server.url + "/admin/")
    fill_sign_in_form(page, user.email)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert_no_csp_violation(page, csp_violations)
