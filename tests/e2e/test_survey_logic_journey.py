"""Issue 19's journey in Chromium: a question shown by a numeric comparison, an earlier answer piped into
its label, two datasets in a repeated section, leaving with "Save and come back later", resuming at the
same dataset through the resume link, and submitting."""

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory

DEFINITION = {
    "format": "1mg-portal-survey/1", "name": "journey", "title": "Datasets journey", "languages": ["en"],
    "privacy_statement_url": "/privacy/",
    "sections": [
        {"name": "about", "title": "About your centre", "questions": [
            {"name": "centre", "type": "short_text", "label": "Your centre?"},
            {"name": "subjects", "type": "number", "label": "How many subjects?"},
            {"name": "cohorts", "type": "number", "label": "How many cohorts at {{centre}}?",
             "condition": {"question": "subjects", "op": "ge", "value": 1000}},
        ]},
        {"name": "datasets", "title": "Your datasets",
         "repeat": {"min": 1, "max": 3, "item_label": "dataset_name", "item_name": "Dataset",
                    "add_label": "Add another dataset"},
         "questions": [{"name": "dataset_name", "type": "short_text", "label": "Name of the dataset",
                        "required": True}]},
        {"name": "end", "title": "Last words", "questions": [
            {"name": "remark", "type": "long_text", "label": "Anything else?"}]},
    ],
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_comparison_piping_and_two_datasets_left_resumed_and_submitted(live_server, page):
    survey = SurveyPageFactory(title="Datasets journey", slug="journey", definition=DEFINITION)
    csp_violations = watch_csp(page)
    page.goto(live_server.url + survey.url)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(re.compile(r"/journey/r/[^/]+/about/$"))
    page.wait_for_load_state()

    cohorts = page.locator("#q-cohorts")
    expect(cohorts).to_be_hidden()
    page.get_by_label("Your centre?").fill("Leuven <UZ>")
    page.get_by_label("How many subjects?").fill("1500")
    expect(cohorts).to_be_visible()  # 1500 >= 1000
    expect(cohorts.locator('[data-pipe="centre"]')).to_have_text("Leuven <UZ>")
    cohorts.get_by_role("textbox").fill("3")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    expect(page).to_have_url(re.compile(r"/datasets/$"))
    page.locator("#id_dataset_name").fill("Rare disease trios")
    page.get_by_role("button", name="Add another dataset").click()
    expect(page.get_by_role("heading", name="Dataset 2")).to_be_visible()
    page.locator("#id_dataset_name").fill("Cancer exomes")
    assert_accessible(page)
    page.get_by_role("button", name="Save and come back later").click()

    resume = page.get_by_role("link", name=re.compile(r"^https?:")).get_attribute("href")
    page.context.clear_cookies()  # another day, another browser session: the link alone brings them back
    page.goto(resume)
    expect(page).to_have_url(re.compile(r"/datasets/\?item=2$"))
    expect(page.locator("#id_dataset_name")).to_have_value("Cancer exomes")
    expect(page.get_by_role("link", name="Dataset 1: Rare disease trios")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Last words")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_role("heading", name="Dataset 1: Rare disease trios")).to_be_visible()
    expect(page.get_by_role("heading", name="Dataset 2: Cancer exomes")).to_be_visible()
    expect(page.get_by_text("How many cohorts at Leuven <UZ>?")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Thank you: your contribution is received")).to_be_visible()

    response = Response.objects.get(survey=survey)
    assert response.status == Response.Status.SUBMITTED
    assert response.answers["cohorts"] == "3"
    assert [item["dataset_name"] for item in response.answers["datasets"]] == ["Rare disease trios",
                                                                              "Cancer exomes"]
    assert_no_csp_violation(page, csp_violations)
