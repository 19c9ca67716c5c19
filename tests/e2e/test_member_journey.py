"""A pending stakeholder is refused a member-only document, is approved and opens it, then takes their
data and erases their account, in Chromium against the live server."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from portal.stakeholders.members import members_collection
from portal.stakeholders.models import DepartedStakeholder
from portal.stakeholders.services import is_erased_address, stakeholder_decide
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in, watch_csp
from tests.factories import PASSWORD, DocumentFactory, ProfileFactory, coordinator

DRAFT = b"Draft recommendations of the Stakeholder Forum to the 1+MG working groups"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_document_opens_once_approved_then_the_person_takes_their_data_and_leaves(
    live_server, page
):
    document = DocumentFactory(
        title="Draft recommendations", collection=members_collection(),
        file=ContentFile(DRAFT, name="draft-recommendations.txt"),
    )
    profile = ProfileFactory(user__email="ana@example.org", user__first_name="Ana", user__last_name="Silva")
    csp_violations = watch_csp(page)

    # Pending: the document is refused, with the reason.
    sign_in(page, live_server.url, "ana@example.org")
    expect(page.locator("p.status")).to_have_text("Awaiting approval")
    assert_accessible(page)
    response = page.goto(live_server.url + document.url)
    assert response.status == 403
    expect(page.get_by_role("heading", name="For approved members")).to_be_visible()
    assert DRAFT.decode() not in page.content()

    # Approved: the same link now gives the document (the browser downloads it with the session).
    stakeholder_decide(profile=profile, approve=True, by=coordinator())
    response = page.context.request.get(live_server.url + document.url)
    assert response.status == 200
    assert response.body() == DRAFT

    # The person downloads everything held about them...
    page.goto(live_server.url + "/my/")
    page.get_by_role("link", name="Download your data or erase your account").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["account"]["email"] == "ana@example.org"
    assert data["stakeholder_profile"]["status"] == "Approved"
    assert data["consents"][0]["purpose"] == "Membership and the privacy statement"

    # ...and erases the account: a wrong password is refused first, and nothing is lost.
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label("I understand that my account and my data are erased for good.").check()
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_text("This is not your password.").first).to_be_visible()
    assert get_user_model().objects.filter(email="ana@example.org").exists()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that my account and my data are erased for good.").check()
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", name="Your account is erased")).to_be_visible()
    assert_no_csp_violation(page, csp_violations)

    assert not get_user_model().objects.filter(email="ana@example.org").exists()
    assert is_erased_address("ana@example.org")
    assert DepartedStakeholder.objects.filter(was_approved=True).count() == 1
    page.goto(live_server.url + document.url)
    assert re.search(r"/accounts/login/", page.url), "signed out after erasure"
