"""The journey of issue 11: a newcomer finds the 1+MG Survey on accessible genomes from the home page,
answers the first section, leaves, and comes back from "My portal" to the second section."""

import re

import pytest
from playwright.sync_api import expect

from surveys.demo import create_demo_survey, create_demo_survey_index
from surveys.models import Response, SurveyPage
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in, watch_csp
from tests.e2e.test_survey_journey import ABOUT_ANA, answer, section_url
from tests.factories import ProfileFactory

TITLE = "1+MG - Survey on accessible genomes - July 2020"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stakeholder_finds_the_survey_from_the_home_page_and_resumes_it_from_my_portal(live_server, page):
    create_demo_survey()
    create_demo_survey_index()
    assert SurveyPage.objects.get(title=TITLE).audience == SurveyPage.Audience.ANYONE
    ProfileFactory(user__email="ana.silva@example.org", status="approved")
    csp_violations = watch_csp(page)
    sign_in(page, live_server.url, "ana.silva@example.org")
    menu = page.get_by_role("navigation", name="Main")

    # The home page shows the open survey; the main menu's Surveys page lists it too.
    menu.get_by_role("link", name="Home").click()
    open_surveys = page.get_by_role("region", name="Open surveys")
    expect(open_surveys.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)
    menu.get_by_role("link", name="Surveys").click()
    expect(page.get_by_role("heading", name="Surveys", exact=True)).to_be_visible()
    expect(page.get_by_text("Open to anyone")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()

    # The first section, answered; the second shows, and Ana leaves without saving it.
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(section_url("general"))
    expect(page.get_by_role("progressbar", name="Section 1 of 5")).to_be_attached()
    answer(page, ABOUT_ANA)
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(section_url("b1"))
    menu.get_by_role("link", name="My portal").click()

    # "My portal" leads back to the second section, where she was.
    surveys = page.get_by_role("region", name="Your surveys")
    expect(surveys).to_contain_text(TITLE)
    surveys.get_by_role("link", name="continue your draft").click()
    expect(page).to_have_url(section_url("b1"))
    expect(page.get_by_text("Section 2 of 5")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Section 2 of 5")).to_be_attached()
    expect(page).to_have_title(re.compile(r"\(section 2 of 5\)"))
    assert_accessible(page)
    assert_no_csp_violation(page, csp_violations)

    response = Response.objects.get()
    assert response.respondent.email == "ana.silva@example.org"
    assert {name: response.answers[name] for name in ABOUT_ANA} == ABOUT_ANA
