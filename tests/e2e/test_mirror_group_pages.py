"""The National Mirror Groups' public pages in Chromium: someone filters the directory, writes to a group,
then a stakeholder applies to join (a mistake first) and follows the application on "My portal". Every
page passes axe-core and the CSP."""

import re

import pytest
from playwright.sync_api import expect

from portal.initiative.models import Country
from portal.mirror_groups.demo import create_demo_groups
from portal.mirror_groups.models import Application
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in, watch_csp
from tests.factories import ProfileFactory
from tests.services import queued_mail


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_directory_a_group_page_and_an_application(live_server, page):
    create_demo_groups()
    ProfileFactory(user__email="rui@example.org", user__first_name="Rui", user__last_name="Costa",
                   country=Country.objects.get(iso_code="PT"))
    csp_violations = watch_csp(page)

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="National Mirror Groups").click()
    expect(page.get_by_role("heading", name="National Mirror Groups", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Composition rules").select_option("industry")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("status")).to_have_text("2 countries")  # Cyprus's group is being set up
    expect(page.get_by_role("heading", name="Slovenia")).to_be_visible()
    expect(page.get_by_role("heading", name="Portugal")).to_have_count(0)
    page.get_by_role("link", name="Show all").click()
    page.get_by_role("link", name="Portugal").click()

    expect(page.get_by_role("heading", name="National Mirror Group of Portugal")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Rita Reader")
    page.get_by_label("Your email address").fill("rita@example.org")
    page.get_by_label("Your message").fill("How can a patient organisation take part?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Thank you: your message is on its way to the group.")).to_be_visible()
    assert [mail.to for mail in queued_mail()] == [["bruno.example.pt@example.org"]]

    sign_in(page, live_server.url, "rui@example.org")
    page.goto(live_server.url + "/mirror-groups/pt/")
    page.get_by_role("link", name="Apply to join the group").click()
    expect(page.get_by_label("Why do you want to join the group?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why do you want to join the group?").fill("I lead a clinical genomics laboratory.")
    page.get_by_label("Region of the country").fill("<b>Norte</b>")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Which sector do you represent?: This field is required.")
    assert_accessible(page)
    expect(page.get_by_label("Why do you want to join the group?")).to_have_value(
        "I lead a clinical genomics laboratory.")
    page.get_by_label("Industry or private sector").check()
    page.get_by_label("Region of the country").fill("Norte")
    page.get_by_role("button", name="Send the application").click()

    expect(page).to_have_url(re.compile(r"/my/$"))
    panel = page.get_by_role("region", name="National Mirror Groups")
    expect(panel).to_contain_text("Waiting for a decision")
    assert_accessible(page)
    assert Application.objects.get().region == "Norte"
    assert_no_csp_violation(page, csp_violations)
