"""The newer question types together in Chromium, in the standard view and in accessibility mode (one
question a page, larger text): "Other, please specify" (its text field appears when Other is picked and is
required then) and a file upload, to the review page and the receipt. The ranking's keyboard journey is
tests/e2e/test_survey_ranking.py."""

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response, ResponseFile
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory
from tests.factories.core import PDF

DEFINITION = {
    "format": "1mg-portal-survey/1", "name": "sources", "title": "Sources survey",
    "privacy_statement_url": "/privacy/", "languages": ["en"],
    "sections": [{"name": "source", "title": "Where your data come from", "questions": [
        {"name": "origin", "type": "single_choice", "label": "Where were the data collected?",
         "required": True, "other": True, "choices": [{"name": "hospital", "label": "A hospital"},
                                    {"name": "registry", "label": "A registry"}]},
        {"name": "report", "type": "file", "label": "Your latest data report", "accept": ["pdf"]},
    ]}],
}
REPORT = {"name": "report.pdf", "mimeType": "application/pdf", "buffer": PDF}


def answer_other(page):
    other_text = page.get_by_label("Please specify your other answer")
    expect(other_text).to_be_hidden()  # until "Other" is picked
    page.get_by_label("Other, please specify").check()
    expect(other_text).to_be_visible()
    return other_text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("accessible", [False, True], ids=["standard", "accessibility-mode"])
def test_other_please_specify_and_a_file_to_the_receipt(live_server, page, accessible):
    survey = SurveyPageFactory(title="Sources survey", slug="sources", definition=DEFINITION)
    csp_violations = watch_csp(page)
    page.goto(live_server.url + survey.url)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(re.compile(r"/r/[^/]+/source/$"))
    if accessible:
        page.get_by_role("link", name=re.compile("Accessibility mode")).click()
        expect(page.get_by_text("question 1 of 2")).to_be_visible()
    assert_accessible(page)

    other_text = answer_other(page)
    page.get_by_role("button", name="Save and continue").click()  # Other without its text
    expect(page.get_by_role("alert")).to_contain_text("Where were the data collected?")
    expect(page.get_by_label("Please specify your other answer")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    other_text = page.get_by_label("Please specify your other answer")
    other_text.fill("A biobank")
    if accessible:
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_text("question 2 of 2")).to_be_visible()
        assert_accessible(page)
    page.get_by_label("Choose a file").set_input_files(REPORT)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_text("Other: A biobank")).to_be_visible()
    expect(page.get_by_text(re.compile(r"report\.pdf"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Thank you: your contribution is received")).to_be_visible()
    response = Response.objects.get(survey=survey)
    assert response.status == Response.Status.SUBMITTED
    assert (response.answers["origin"], response.answers["origin__other"]) == ("other", "A biobank")
    assert ResponseFile.objects.get(response=response).file.file.read() == PDF
    assert_no_csp_violation(page, csp_violations)
