"""The respondent's pages in Chromium: the error summary's links take the focus to the fields, a matrix is
one group of radio buttons a row, the review and the receipt follow the chosen language, and the backup in
the browser goes only once the server has the answers."""

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response, SurveyPage
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory

from .test_survey_journey import local_backups

SURVEY_PATH = "/data-quality/"
IN_PORTUGUESE = {
    "title": "Inquérito sobre a qualidade dos dados",
    "sections.quality.title": "Qualidade",
    "sections.quality.questions.purpose.label": "Finalidade",
    "sections.quality.questions.purpose.choices.clinical.label": "Clínica",
    "sections.quality.questions.purpose.choices.research.label": "Investigação",
    "sections.quality.questions.kinds.label": "Tipos de dados",
    "sections.quality.questions.kinds.choices.none.label": "Nenhum destes",
    "sections.quality.questions.rating.label": "Como avalia os dados?",
    "sections.quality.questions.rating.rows.completeness.label": "Completude",
    "sections.quality.questions.rating.rows.accuracy.label": "Exatidão",
    "sections.quality.questions.rating.choices.good.label": "Boa",
    "sections.quality.questions.rating.choices.fair.label": "Razoável",
    "sections.quality.questions.rating.choices.poor.label": "Fraca",
    "sections.quality.questions.subjects.label": "Número de participantes",
}
DEFINITION = {
    "format": "1mg-portal-survey/1",
    "name": "data-quality",
    "title": "Data quality survey",
    "privacy_statement_url": "/privacy/",
    "languages": ["en", "pt"],
    "translations": {"pt": IN_PORTUGUESE},
    "sections": [{"name": "quality", "title": "Quality", "questions": [
        {"name": "purpose", "type": "single_choice", "label": "Purpose", "required": True,
         "choices": [{"name": "clinical", "label": "Clinical"}, {"name": "research", "label": "Research"}]},
        {"name": "kinds", "type": "multiple_choice", "label": "Kinds of data", "required": True,
         "choices": [{"name": "wgs", "label": "WGS"}, {"name": "wes", "label": "WES"},
                     {"name": "none", "label": "None of these", "exclusive": True}]},
        {"name": "rating", "type": "matrix", "label": "How do you rate the data?", "required": True,
         "rows": [{"name": "completeness", "label": "Completeness"},
                  {"name": "accuracy", "label": "Accuracy"}],
         "choices": [{"name": "good", "label": "Good"}, {"name": "fair", "label": "Fair"},
                     {"name": "poor", "label": "Poor"}]},
        {"name": "subjects", "type": "number", "label": "Number of subjects", "required": True},
    ]}],
}
SECTION = re.compile(rf"{SURVEY_PATH}r/([^/]+)/quality/")


def data_quality_survey() -> SurveyPage:
    return SurveyPageFactory(title="Data quality survey", slug="data-quality", definition=DEFINITION)


def start(page, base_url) -> str:
    """Start the survey; the response's token."""
    page.goto(base_url + SURVEY_PATH)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(SECTION)
    page.wait_for_load_state()  # survey.js (deferred) listens from then on
    return SECTION.search(page.url).group(1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_errors_lead_to_the_fields_a_matrix_row_is_a_group_and_the_review_and_receipt_speak_portuguese(
    live_server, page
):
    data_quality_survey()
    csp_violations = watch_csp(page)
    token = start(page, live_server.url)

    # Each row of the matrix is a group of radio buttons named by the row, inside the question's group.
    question = page.get_by_role("group", name="How do you rate the data? (required)")
    expect(question.get_by_role("group")).to_have_count(2)
    expect(question.get_by_role("group", name="Completeness").get_by_role("radio")).to_have_count(3)
    expect(question.get_by_role("group", name="Accuracy").get_by_role("radio", name="Fair")).to_be_visible()

    # Every link of the error summary takes the focus to the first field of its question.
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    first_fields = {
        "Purpose: This question is required.": "id_purpose_clinical",
        "Kinds of data: This question is required.": "id_kinds_wgs",
        "How do you rate the data?: This question is required.": "id_rating__completeness-good",
        "Number of subjects: This question is required.": "id_subjects",
    }
    expect(summary.get_by_role("link")).to_have_count(len(first_fields))
    assert_accessible(page)
    for name, field in first_fields.items():
        link = summary.get_by_role("link", name=name)
        expect(link).to_have_attribute("href", f"#{field}")
        link.click()
        expect(page.locator(f"#{field}")).to_be_focused()
    expect(page.locator("#q-subjects label")).to_be_in_viewport()  # the question shows with its field

    # In Portuguese, with the mouse and with the keyboard within one row of the matrix.
    page.get_by_label("Language").select_option("pt")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Qualidade")).to_be_visible()
    page.get_by_label("Investigação").check()
    page.locator("#id_kinds_wes").check()
    page.get_by_role("group", name="Completude").get_by_label("Boa").check()
    page.get_by_role("group", name="Exatidão").get_by_label("Boa").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("group", name="Exatidão").get_by_label("Razoável")).to_be_checked()
    expect(page.get_by_role("group", name="Completude").get_by_label("Boa")).to_be_checked()
    page.get_by_label("Número de participantes").fill("120")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    # The review: the survey's texts in Portuguese.
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.locator(".meta")).to_have_text("Inquérito sobre a qualidade dos dados")
    expect(page.get_by_role("heading", name="Qualidade")).to_be_visible()
    expect(page.get_by_text("Como avalia os dados?")).to_be_visible()
    expect(page.get_by_text("Completude: Boa; Exatidão: Razoável")).to_be_visible()
    expect(page.get_by_text("Investigação")).to_be_visible()
    assert_accessible(page)

    # A backup of this response left behind (typed, never sent), and one of someone else's response.
    others = "survey-backup:another-response:/data-quality/r/another-response/quality/"
    page.evaluate(
        """([token, others]) => {
            localStorage.setItem("survey-backup:" + token + ":/data-quality/r/" + token + "/quality/", "{}");
            localStorage.setItem(others, "{}");
        }""",
        [token, others],
    )
    page.get_by_role("button", name="Submit my answers").click()

    # The receipt, in Portuguese too; it clears this response's backups and only these.
    expect(page.get_by_role("heading", name="Thank you: your contribution is received")).to_be_visible()
    expect(page.locator(".meta")).to_have_text("Inquérito sobre a qualidade dos dados")
    expect(page.get_by_text("Completude: Boa; Exatidão: Razoável")).to_be_visible()
    page.wait_for_function(
        "() => Object.keys(localStorage).filter(key => key.startsWith('survey-backup:')).length === 1"
    )
    assert local_backups(page) == [others]
    assert_accessible(page)
    assert_no_csp_violation(page, csp_violations)
    assert Response.objects.get().answers == {
        "purpose": "research", "kinds": ["wes"], "rating": {"completeness": "good", "accuracy": "fair"},
        "subjects": "120",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_backup_stays_until_the_server_confirms_it_has_the_answers(live_server, page):
    data_quality_survey()
    csp_violations = watch_csp(page)
    start(page, live_server.url)
    section = page.url
    offline = "**/r/**"
    page.context.route(offline, lambda route: route.abort() if route.request.method == "POST"
                       else route.continue_())

    # Typed, then "Save and continue" while the server cannot be reached: the page is never sent.
    page.get_by_label("Number of subjects").fill("120")
    page.wait_for_function("() => Object.keys(localStorage).some(key => key.startsWith('survey-backup:'))")
    with page.expect_request(lambda request: request.method == "POST" and request.is_navigation_request()):
        page.get_by_role("button", name="Save and continue").click()
    assert Response.objects.get().answers == {}

    # Back on the page: the answer comes back from the backup, which is still there.
    page.context.unroute(offline)
    page.goto(section)
    expect(page.get_by_label("Number of subjects")).to_have_value("120")
    assert len(local_backups(page)) == 1

    # Sent again, now that the server answers: it stores the page (and says what is missing), and only
    # then is the backup gone.
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert local_backups(page) == []
    assert Response.objects.get().answers["subjects"] == "120"
    assert_no_csp_violation(page, csp_violations)
