"""A coordinator builds a small survey with the question builder of the Wagtail page editor, publishes
it, and a respondent meets its questions."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from cms.models import HomePage
from surveys.models import SurveyPage
from tests.e2e.browser import assert_no_csp_violation, sign_in_to_admin, watch_csp
from tests.factories import coordinator


def container(page, count_field: str):
    """The block list whose item count the hidden field `count_field` keeps."""
    return page.locator(f'input[name="{count_field}"]').locator("xpath=ancestor::div[@data-contentpath][1]")


def click_until(button, shown):
    """Click until `shown` appears: on a loaded machine a click can come before the block widgets listen."""
    for _ in range(3):
        button.click()
        try:
            shown.wait_for(state="visible", timeout=5000)
            return
        except PlaywrightTimeout:
            continue
    shown.wait_for(state="visible")


def tick(page, selector: str):
    """Tick a checkbox of a block just added: on a loaded machine the first click can land while the block's
    widgets are still being set up, and leave the box as it was."""
    box = page.locator(selector)
    for _ in range(3):
        try:
            box.check(timeout=5000)
            return
        except (PlaywrightTimeout, PlaywrightError):
            continue
    box.check()


def add_question(page, kind: str):
    insert = container(page, "sections-0-value-questions-count").get_by_role("button", name="Insert a block")
    option = page.get_by_role("option", name=kind)
    click_until(insert.last, option)
    option.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_builds_a_survey_in_the_page_editor(live_server, page):
    home = HomePage.objects.get()
    csp_violations = watch_csp(page)
    sign_in_to_admin(page, live_server, coordinator())

    page.goto(live_server.url + f"/admin/pages/add/surveys/surveypage/{home.pk}/")
    page.wait_for_load_state("networkidle")
    page.fill('input[name="title"]', "Data sharing survey")
    page.fill('input[name="survey_name"]', "data-sharing-2026")
    page.fill('input[name="privacy_statement_url"]', "/privacy/")
    page.locator("#sections-root").get_by_role("button", name="Insert a block").click()
    page.fill('input[name="sections-0-value-name"]', "data")
    page.fill('input[name="sections-0-value-title"]', "Your data")

    add_question(page, "Multiple choice")
    kinds = "sections-0-value-questions-0-value"
    page.fill(f'input[name="{kinds}-name"]', "kinds")
    page.fill(f'input[name="{kinds}-label"]', "Kinds of data?")
    tick(page, f'input[name="{kinds}-required"]')
    page.fill(f'input[name="{kinds}-choices-0-value-name"]', "wgs")
    page.fill(f'input[name="{kinds}-choices-0-value-label"]', "Whole genomes")
    container(page, f"{kinds}-choices-count").get_by_role("button", name="Add").last.click()
    page.fill(f'input[name="{kinds}-choices-1-value-name"]', "none")
    page.fill(f'input[name="{kinds}-choices-1-value-label"]', "None of the above")
    tick(page, f'input[name="{kinds}-choices-1-value-exclusive"]')

    add_question(page, "Short text")
    describe = "sections-0-value-questions-1-value"
    page.fill(f'input[name="{describe}-name"]', "describe")
    page.fill(f'input[name="{describe}-label"]', "Describe the genomes")
    condition = container(page, f"{describe}-condition-rules-count")
    add_rule = condition.get_by_role("button", name="Add").last
    toggle = condition.locator("xpath=ancestor::section[1]").get_by_role("button", name="Toggle section")
    click_until(toggle.first, add_rule)
    click_until(add_rule, page.locator(f'input[name="{describe}-condition-rules-0-value-question"]'))
    page.fill(f'input[name="{describe}-condition-rules-0-value-question"]', "kinds")
    page.fill(f'input[name="{describe}-condition-rules-0-value-choices"]', "wgs")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # Wagtail autosaves a new page as a draft once its form is valid; Publish then publishes that draft and
    # says so in other words. Publishing freezes the survey's first version: slow on a loaded machine.
    published = page.get_by_text(
        re.compile(r"Page 'Data sharing survey' (created and published|has been published)\."))
    expect(published).to_be_visible(timeout=20_000)

    survey = SurveyPage.objects.get(slug="data-sharing-survey")
    questions = survey.current_version().definition["sections"][0]["questions"]
    assert questions == [
        {"name": "kinds", "type": "multiple_choice", "label": "Kinds of data?", "required": True,
         "choices": [{"name": "wgs", "label": "Whole genomes"},
                     {"name": "none", "label": "None of the above", "exclusive": True}]},
        {"name": "describe", "type": "short_text", "label": "Describe the genomes",
         "condition": {"question": "kinds", "in": ["wgs"]}},
    ]

    page.goto(live_server.url + survey.url)
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_role("group", name=re.compile("Kinds of data?"))).to_be_visible()
    page.get_by_label("Whole genomes").check()
    expect(page.get_by_label(re.compile("Describe the genomes"))).to_be_visible()
    assert_no_csp_violation(page, csp_violations)
