"""The page follows the survey's logic as it is typed, in Chromium and under the strict CSP: a follow-up
shown by a numeric comparison, "(required)" of a question required only when, a calculated value, an
answer piped into a label and choices offered by an earlier answer."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory

KINDS = [{"name": "wgs", "label": "Whole genome"}, {"name": "wes", "label": "Exome"}]
DEFINITION = {
    "format": "1mg-portal-survey/1", "name": "live-logic", "title": "Live logic", "languages": ["en"],
    "privacy_statement_url": "/privacy/",
    "sections": [{"name": "only", "title": "Only", "questions": [
        {"name": "centre", "type": "short_text", "label": "Your centre?"},
        {"name": "subjects", "type": "number", "label": "How many subjects?"},
        {"name": "kinds", "type": "multiple_choice", "label": "Kinds of data?", "choices": KINDS},
        {"name": "cohorts", "type": "number", "label": "How many cohorts?",
         "condition": {"question": "subjects", "op": "ge", "value": 1000}},
        {"name": "per_kind", "type": "calculated", "label": "Subjects per kind",
         "expression": {"op": "/", "args": [{"question": "subjects"}, {"count": "kinds"}]}},
        {"name": "main", "type": "single_choice", "label": "Main kind at {{centre}}?",
         "choices": [{**kind, "when": {"question": "kinds", "in": [kind["name"]]}} for kind in KINDS]},
        {"name": "why", "type": "long_text", "label": "Why so few?",
         "required_when": {"not": {"question": "subjects", "op": "gt", "value": 10}}},
    ]}],
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_page_follows_the_logic_as_it_is_typed(live_server, page):
    SurveyPageFactory(title="Live logic", slug="live-logic", definition=DEFINITION)
    csp_violations = watch_csp(page)
    page.goto(live_server.url + "/live-logic/")
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(re.compile(r"/live-logic/r/[^/]+/only/"))
    page.wait_for_load_state()

    cohorts = page.locator("#q-cohorts")
    required = page.locator("#q-why .required")
    expect(cohorts).to_be_hidden()
    page.get_by_label("How many subjects?").fill("8")
    expect(required).to_be_visible()  # 8 is not more than 10
    page.get_by_label("How many subjects?").fill("1500")
    expect(cohorts).to_be_visible()
    expect(required).to_be_hidden()

    expect(page.locator("#id_main_wgs")).to_be_hidden()
    page.get_by_label("Whole genome").first.check()
    page.get_by_label("Exome").first.check()
    expect(page.locator("#id_per_kind")).to_have_text("750")
    expect(page.locator("#id_main_wgs")).to_be_visible()
    page.get_by_label("Exome").first.uncheck()
    expect(page.locator("#id_main_wes")).to_be_hidden()
    expect(page.locator("#id_per_kind")).to_have_text("1500")

    page.get_by_label("Your centre?").fill("<b>Leuven</b>")
    expect(page.locator('#q-main [data-pipe="centre"]')).to_have_text("<b>Leuven</b>")
    assert_accessible(page)
    assert_no_csp_violation(page, csp_violations)
