"""The journey of the issue: a stakeholder applies to their country's group, its NCP accepts in the admin,
and the new member appears on the group's public page."""

import pytest
from playwright.sync_api import expect

from portal.mirror_groups.models import Role
from portal.stakeholders.consents import record_consent
from portal.stakeholders.models import Consent
from tests.e2e.browser import (
    accept_application,
    assert_no_csp_violation,
    sign_in,
    sign_in_to_admin,
    watch_csp,
)
from tests.factories import MembershipFactory, MirrorGroupFactory, ProfileFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stakeholder_applies_the_ncp_accepts_and_the_member_is_listed(live_server, page):
    portugal = MirrorGroupFactory()
    ncp = UserFactory(first_name="Bruno", last_name="Contact")
    MembershipFactory(group=portugal, user=ncp, role=Role.NATIONAL_CONTACT_POINT)
    rui = ProfileFactory(user__email="rui@example.org", user__first_name="Rui", user__last_name="Costa",
                         country=portugal.country, status="approved").user
    record_consent(rui, Consent.Purpose.PUBLIC_LISTING, True, Consent.Source.PROFILE)
    csp_violations = watch_csp(page)

    sign_in(page, live_server.url, "rui@example.org")
    page.goto(live_server.url + "/mirror-groups/pt/")
    page.get_by_role("link", name="Apply to join the group").click()
    page.get_by_label("Why do you want to join the group?").fill("I lead a clinical genomics laboratory.")
    page.get_by_label("Industry or private sector").check()
    page.get_by_label("Region of the country").fill("Norte")
    page.get_by_role("textbox", name="Organisation").fill("Genomics Lab SA")
    page.get_by_role("button", name="Send the application").click()
    panel = page.get_by_role("region", name="National Mirror Groups")
    expect(panel).to_contain_text("Waiting for a decision")
    page.context.clear_cookies()

    sign_in_to_admin(page, live_server, ncp)
    accept_application(page, live_server, "Rui Costa", "Portugal", "Welcome to the group.")
    page.context.clear_cookies()

    page.goto(live_server.url + "/mirror-groups/pt/")
    members = page.get_by_role("table", name="Members who agreed to be listed")
    expect(members).to_contain_text("Rui Costa")
    expect(members).to_contain_text("Genomics Lab SA")
    assert_no_csp_violation(page, csp_violations)
