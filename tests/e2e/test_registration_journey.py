"""A stakeholder registers, confirms their email, completes their profile and a coordinator approves them.

The whole journey runs in Chromium against the live server; mail goes through the outbox to an SMTP
server on loopback that refuses the first two messages with 451.
"""

import re

import pytest
from playwright.sync_api import expect

from portal.outbox.models import OutboxMessage
from portal.stakeholders.models import StakeholderProfile
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, fill_sign_in_form, watch_csp
from tests.factories import coordinator
from tests.helpers import link_in, mails_to, wait_for_mail

STAKEHOLDER_EMAIL = "ada.lovelace@example.org"
STAKEHOLDER_PASSWORD = "Analytical-Engine-1843"
COORDINATOR_EMAIL = "coordinator@example.org"
COORDINATOR_PASSWORD = "Review-Board-2020"

CONFIRMATION_SUBJECT = "Confirm your email address"
REVIEW_SUBJECT = "New stakeholder registration: Ada Lovelace"
APPROVAL_SUBJECT = "Your registration is approved"


# --- helpers -----------------------------------------------------------------------------------

def cluster_count(page, slug):
    return page.locator(f'p.count[data-cluster="{slug}"]')


# --- the journey -------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stakeholder_registers_and_a_coordinator_approves(live_server, browser, page, flaky_smtp_server):
    coordinator(username="coordinator", email=COORDINATOR_EMAIL, password=COORDINATOR_PASSWORD,
                first_name="Grace", last_name="Hopper")
    csp_violations = watch_csp(page)

    # 1. An anonymous visitor sees the clusters and their counts on the home page.
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Stakeholder clusters")).to_be_visible()
    expect(cluster_count(page, "academics")).to_have_text("0 approved stakeholders")
    assert_accessible(page)
    assert_no_csp_violation(page, csp_violations)

    # 2. They register.
    page.get_by_role("link", name="Register as a stakeholder").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    assert_accessible(page)
    assert_no_csp_violation(page, csp_violations)
    page.fill('input[name="first_name"]', "Ada")
    page.fill('input[name="last_name"]', "Lovelace")
    page.fill('input[name="email"]', STAKEHOLDER_EMAIL)
    page.fill('input[name="password1"]', STAKEHOLDER_PASSWORD)
    page.fill('input[name="password2"]', STAKEHOLDER_PASSWORD)
    page.check('input[name="privacy_consent"]')
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    # 3. The confirmation mail gets through the two 451 refusals and arrives once.
    wait_for_mail(flaky_smtp_server, STAKEHOLDER_EMAIL, CONFIRMATION_SUBJECT)
    assert flaky_smtp_server.handler.refused == 2
    confirmations = mails_to(flaky_smtp_server, STAKEHOLDER_EMAIL, CONFIRMATION_SUBJECT)
    assert len(confirmations) == 1, f"expected one confirmation mail, got {len(confirmations)}"
    confirmation = confirmations[0]
    relayed = OutboxMessage.objects.get(subject__contains=CONFIRMATION_SUBJECT)
    assert (relayed.status, relayed.attempts) == (OutboxMessage.Status.SENT, 3)
    page.goto(link_in(confirmation, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()

    # 4. Signed in, they complete their profile and submit it for approval.
    expect(page).to_have_url(re.compile(r"/my/profile/$"))
    expect(page.get_by_role("heading", name="Complete your profile")).to_be_visible()
    page.get_by_role("textbox", name="Organisation").fill("University of London")
    page.get_by_role("combobox", name="Country").select_option(label="United Kingdom")
    page.get_by_role("checkbox", name="Academics", exact=True).check()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("heading", name="My portal")).to_be_visible()
    expect(page.locator("p.status")).to_have_text("Awaiting approval")
    wait_for_mail(flaky_smtp_server, COORDINATOR_EMAIL, REVIEW_SUBJECT)

    # 5. A coordinator signs in to the admin in a browser of their own and approves them.
    profile = StakeholderProfile.objects.get(user__email=STAKEHOLDER_EMAIL)
    coordinator_context = browser.new_context()
    try:
        admin = coordinator_context.new_page()
        admin.set_default_timeout(15_000)
        admin.goto(live_server.url + "/admin/")
        expect(admin).to_have_url(re.compile(r"/accounts/login/"))
        fill_sign_in_form(admin, COORDINATOR_EMAIL, COORDINATOR_PASSWORD)
        expect(admin).to_have_url(re.compile(r"/admin/$"))
        admin.goto(live_server.url + "/admin/stakeholders/")
        row = admin.get_by_role("row").filter(has_text=STAKEHOLDER_EMAIL)
        expect(row).to_contain_text("Awaiting approval")
        row.get_by_role("button", name=re.compile("More options")).click()
        approve = row.get_by_role("link", name="Approve", exact=True)
        expect(approve).to_have_attribute("href", f"/admin/stakeholders/decide/{profile.pk}/approve/")
        approve.click()
        admin.get_by_role("button", name="Approve").click()
        expect(admin.get_by_text("Ada Lovelace is approved.")).to_be_visible()
    finally:
        coordinator_context.close()

    # 6. The stakeholder is told, and the Academics cluster counts them.
    wait_for_mail(flaky_smtp_server, STAKEHOLDER_EMAIL, APPROVAL_SUBJECT)
    page.goto(live_server.url + "/")
    expect(cluster_count(page, "academics")).to_have_text("1 approved stakeholder")
    # Nothing sent the confirmation a second time while the rest of the journey ran.
    assert len(mails_to(flaky_smtp_server, STAKEHOLDER_EMAIL, CONFIRMATION_SUBJECT)) == 1
