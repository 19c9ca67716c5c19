"""A respondent ranks options with the keyboard alone in Chromium: the list's "Move up" / "Move down"
buttons, the focus staying on the moved option, a spoken message after each move; in the standard view
and in accessibility mode (one question a page, larger text)."""

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory
from tests.surveys.test_ranking import ranking_definition

from .test_survey_journey import press_button, tab_to_button


def start(page, url: str, accessible: bool):
    page.goto(url)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(re.compile(r"/r/[^/]+/goals/$"))
    if accessible:
        page.get_by_role("link", name=re.compile("Accessibility mode")).click()
        expect(page.get_by_text("question 1 of 2")).to_be_visible()


def focused_text(page) -> str:
    return page.evaluate("() => document.activeElement.textContent.trim()")


def rank_by_keyboard(page):
    """Training to the top (2 presses of its "Move up"), then Data access below Data quality."""
    status = page.locator("#q-priorities .ranking-status")
    expect(page.locator("#q-priorities .ranking-position").first).to_have_text("Not ranked")
    expect(page.locator("#id_priorities__access")).to_be_hidden()  # the selects stay in the form, hidden
    keep = page.locator("#q-priorities .ranking-keep")
    expect(keep).to_be_visible()  # nothing ranked yet: the order shown can be taken as it is

    tab_to_button(page, "Move up: Training")
    page.keyboard.press("Enter")
    expect(status).to_have_text("Training moved to position 2 of 3.")
    assert focused_text(page) == "Move up: Training"  # the focus moved with the option
    expect(keep).to_be_hidden()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Training moved to position 1 of 3.")
    assert focused_text(page) == "Move down: Training"  # "Move up" is disabled at the top
    press_button(page, "Move down: Data access")
    expect(status).to_have_text("Data access moved to position 3 of 3.")

    positions = page.locator("#q-priorities .ranking-item")
    expect(positions).to_have_text([re.compile(r"^1st\s*Training"), re.compile(r"^2nd\s*Data quality"),
                                    re.compile(r"^3rd\s*Data access")])
    expect(page.locator("#id_priorities__training")).to_have_value("1")
    expect(page.locator("#id_priorities__access")).to_have_value("3")


def rank_the_top_one_by_keyboard(page):
    """The top one of four: refget moved up to the top; the others stay not ranked."""
    press_button(page, "Move up: refget")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("#q-top_tools .ranking-status")).to_have_text("refget moved to position 1 of 4.")
    expect(page.locator("#id_top_tools__refget")).to_have_value("1")
    expect(page.locator("#id_top_tools__beacon")).to_have_value("2")
    expect(page.locator("#id_top_tools__crypt4gh")).to_have_value("")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("accessible", [False, True], ids=["standard", "accessibility-mode"])
def test_a_respondent_ranks_options_with_the_keyboard_alone(live_server, page, accessible):
    survey = SurveyPageFactory(title="Ranking survey", definition=ranking_definition())
    csp_violations = watch_csp(page)
    start(page, live_server.url + survey.url, accessible)
    assert_accessible(page)

    rank_by_keyboard(page)
    assert_accessible(page)
    if accessible:
        press_button(page, "Save and continue")
        expect(page.get_by_text("question 2 of 2")).to_be_visible()
    rank_the_top_one_by_keyboard(page)
    press_button(page, "Save and continue")

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_text("1. Training; 2. Data quality; 3. Data access")).to_be_visible()
    expect(page.get_by_text("1. refget; 2. Beacon")).to_be_visible()
    response = Response.objects.get(survey=survey)
    assert response.working_answers["priorities"] == ["training", "quality", "access"]
    assert_no_csp_violation(page, csp_violations)
