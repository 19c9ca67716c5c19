"""The forum's journey: a stakeholder registers for a workshop and gets the confirmation with the programme
attached, cancels from the email, and the first person waiting for that workshop is offered the place and
takes it up on My portal."""

import icalendar
import pytest
from playwright.sync_api import expect

from portal.forum.models import Registration, WorkshopChoice
from portal.forum.registration import register
from tests.e2e.browser import assert_no_csp_violation, sign_in, watch_csp
from tests.factories import ForumEventPageFactory, WorkshopFactory, approved_stakeholder
from tests.helpers import path_in, wait_for_mail


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cancelled_workshop_place_goes_to_the_first_waiting_who_takes_it_up(
        live_server, page, browser, smtp_server):
    event = ForumEventPageFactory(title="Stakeholder Forum 2031", capacity=50)
    cancer = WorkshopFactory(event=event, title="Cancer workshop", capacity=1)
    WorkshopFactory(event=event, title="Rare disease workshop", starts_at=cancer.starts_at)
    ana = approved_stakeholder(user__email="ana@example.org", user__first_name="Ana")
    rui = approved_stakeholder(user__email="rui@example.org", user__first_name="Rui")
    csp_violations = watch_csp(page)

    sign_in(page, live_server.url, "ana@example.org")
    page.goto(live_server.url + event.url)
    page.get_by_role("link", name="Register for this event").click()
    page.get_by_label("Cancer workshop").check()
    page.get_by_label("Accessibility needs (optional)").fill("Live captions")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("region", name="Your forum registrations")).to_contain_text("Cancer workshop")
    register(event, rui, workshops=[cancer])  # the workshop is full: Rui waits for it

    [confirmation] = wait_for_mail(smtp_server, ana.email, "You are registered for Stakeholder Forum 2031")
    [programme] = list(confirmation.iter_attachments())
    entries = icalendar.Calendar.from_ical(programme.get_content()).walk("VEVENT")
    assert "Cancer workshop (Stakeholder Forum 2031)" in [str(entry["SUMMARY"]) for entry in entries]
    assert WorkshopChoice.objects.get(registration__user=rui).status == "waiting"

    page.goto(live_server.url + path_in(confirmation, "/forum/registrations/"))
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    assert_no_csp_violation(page, csp_violations)

    wait_for_mail(smtp_server, rui.email, "A place is free for you in Cancer workshop")
    context = browser.new_context()
    try:
        other = context.new_page()
        sign_in(other, live_server.url, "rui@example.org")
        other.goto(live_server.url + "/my/")
        other.get_by_role("button", name="Take up the workshop place").click()
        expect(other.get_by_text("The place is yours.")).to_be_visible()
    finally:
        context.close()
    assert WorkshopChoice.objects.get(registration__user=rui).status == "registered"
    assert Registration.objects.get(user=ana).status == "cancelled"
