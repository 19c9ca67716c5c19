"""The NCP of a group works in the admin: accepts an application with a message, imports members from
a CSV file after reading the preview of its problems."""

import re

import pytest
from playwright.sync_api import expect

from portal.mirror_groups.models import Application, Membership, Role
from tests.e2e.browser import (
    accept_application,
    assert_accessible,
    assert_no_csp_violation,
    sign_in_to_admin,
    watch_csp,
)
from tests.factories import ApplicationFactory, MembershipFactory, MirrorGroupFactory, UserFactory

CSV = """name,email,role,sector,region
Tiago Reis,tiago.reis@example.pt,member,industry,Lisboa
Bad Row,not-an-address,member,research,Norte
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ncp_accepts_an_application_and_imports_members(live_server, page, tmp_path):
    portugal = MirrorGroupFactory()
    ncp = UserFactory(first_name="Nuno", last_name="Costa")
    MembershipFactory(group=portugal, user=ncp, role=Role.NATIONAL_CONTACT_POINT)
    applicant = UserFactory(first_name="Rita", last_name="Lopes")
    pending = ApplicationFactory(group=portugal, applicant=applicant)
    csp_violations = watch_csp(page)
    sign_in_to_admin(page, live_server, ncp)

    accept_application(page, live_server, "Rita Lopes", "Portugal", "Welcome; we meet on 12 May.")
    pending.refresh_from_db()
    assert pending.status == Application.Status.ACCEPTED

    page.goto(live_server.url + "/admin/mirror-groups/members/")
    page.get_by_role("link", name="Import from CSV").click()
    upload = tmp_path / "members.csv"
    upload.write_text(CSV)
    page.get_by_label("CSV file").set_input_files(upload)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the valid rows").click()

    expect(page.get_by_text("1 member imported")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/admin/mirror-groups/members/\?group={portugal.pk}$"))
    assert set(Membership.objects.filter(group=portugal).values_list("name", flat=True)) == {
        "Nuno Costa", "Rita Lopes", "Tiago Reis"}
    assert_no_csp_violation(page, csp_violations)
