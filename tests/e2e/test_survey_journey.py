"""A respondent answers the 1+MG Survey on accessible genomes (July 2020) in Chromium against the live
server: leaves half-way and comes back through the resume link in a fresh browser, meets the exclusive
"None of the above" option, completes the survey with the keyboard alone, and finds the answers they
typed but never saved restored from the backup in their browser."""

import re

import pytest
from playwright.sync_api import expect

from surveys.demo import create_demo_survey
from surveys.models import Response, SurveyPage
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp

SURVEY_PATH = "/accessible-genomes-survey/"
MAX_TABS = 200

# What Ana Silva answers, section by section (question name: value as the server keeps it).
ABOUT_ANA = {
    "respondent_name": "Ana Silva",
    "respondent_email": "ana.silva@example.org",
    "institution": "Instituto Nacional de Saúde Doutor Ricardo Jorge",
    "country": "pt",
    "dataset_name": "Portuguese rare disease exomes",
    "dataset_description": "Exomes of 1,200 families with an undiagnosed rare disease, 2016-2020",
}
RARE_DISEASES = {
    "b1_purpose": "research",
    "b1_genetic_data": ["wes", "arrays"],
    "b1_phenotypic_data": ["clinical_information", "treatment_response"],
    "b1_clinical_information": "Diagnoses as ORPHAcodes, phenotypes as HPO terms",
}
CLINICAL_DATA = {
    "c1_data_location": "federated",
    "c1_subject_identification": "A pseudonymous study number for each family member",
    "c1_linked_data": ["wes"],
    "c1_data_format": ["structured", "date_fields"],
}
FURTHER_DATASET = {"further_dataset_name": "Portuguese cancer genomes", "further_genetic_data": ["wgs"]}
ETHICS = {
    "d1_gdpr_basis": "yes",
    "d1_future_research": "yes",
    "d1_healthcare_use": "dont_know",
}


# --- helpers -----------------------------------------------------------------------------------

def accessible_genomes_survey() -> SurveyPage:
    """The demo survey, as the definition file in the repository has it."""
    create_demo_survey()
    return SurveyPage.objects.get(slug="accessible-genomes-survey")


def section_url(name: str) -> re.Pattern:
    return re.compile(rf"{SURVEY_PATH}r/[^/]+/{name}/$")


def start_the_survey(page, base_url):
    page.goto(base_url + SURVEY_PATH)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(section_url("general"))


def answer(page, answers: dict):
    """Answer with the mouse: type in text fields, pick from dropdowns, tick radios and checkboxes."""
    for name, value in answers.items():
        if isinstance(value, list):
            for choice in value:
                page.locator(f"#id_{name}_{choice}").check()
            continue
        field = page.locator(f"#id_{name}")
        if field.count() == 0:
            page.locator(f"#id_{name}_{value}").check()
        elif field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def expect_answers_shown(page, answers: dict):
    """Every answer is on the page: text in its field, the dropdown on its choice, exactly the options
    picked ticked (and no other)."""
    for name, value in answers.items():
        if isinstance(value, list):
            for choice in value:
                expect(page.locator(f"#id_{name}_{choice}")).to_be_checked()
            expect(page.locator(f'input[name="{name}"]:checked')).to_have_count(len(value))
        elif page.locator(f"#id_{name}").count():
            expect(page.locator(f"#id_{name}")).to_have_value(value)
        else:
            expect(page.locator(f"#id_{name}_{value}")).to_be_checked()
            expect(page.locator(f'input[name="{name}"]:checked')).to_have_count(1)


def save_and_continue(page, next_section: str | None):
    page.get_by_role("button", name="Save and continue").click()
    if next_section:
        expect(page).to_have_url(section_url(next_section))
    else:
        expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


def local_backups(page) -> list[str]:
    """The survey backups this browser keeps in localStorage (not the "backup off" preference)."""
    keys = page.evaluate("() => Object.keys(localStorage)")
    return [key for key in keys if key.startswith("survey-backup:")]


def _tab_until(page, focused, what: str, key: str):
    for _ in range(MAX_TABS):
        if focused():
            return
        page.keyboard.press(key)
    raise AssertionError(f"{what} never had the focus after {MAX_TABS} presses of {key} on {page.url}")


def tab_to(page, element_id: str, backwards: bool = False):
    """Press Tab (or Shift+Tab) until the element with this id has the keyboard focus."""
    _tab_until(
        page,
        lambda: page.evaluate("() => document.activeElement && document.activeElement.id") == element_id,
        f"#{element_id}",
        "Shift+Tab" if backwards else "Tab",
    )


def tab_to_button(page, name: str):
    """Press Tab until the button with this text has the keyboard focus."""
    _tab_until(
        page,
        lambda: page.evaluate(
            "name => document.activeElement.tagName === 'BUTTON'"
            " && document.activeElement.textContent.trim() === name",
            name,
        ),
        f"the button {name!r}",
        "Tab",
    )


def press_button(page, name: str):
    tab_to_button(page, name)
    page.keyboard.press("Enter")


def type_into(page, element_id: str, text: str):
    tab_to(page, element_id)
    page.keyboard.type(text)


def tick(page, element_id: str):
    """Tick a checkbox, or a radio button Tab lands on, with the space bar."""
    tab_to(page, element_id)
    page.keyboard.press("Space")
    expect(page.locator(f"#{element_id}")).to_be_checked()


def pick_radio(page, first_id: str, arrow_downs: int, wanted_id: str):
    """Tab into a radio group (the focus lands on its first option) and move down with the arrow keys."""
    tab_to(page, first_id)
    for _ in range(arrow_downs):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#{wanted_id}")).to_be_checked()


# --- the journeys ------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_respondent_leaves_half_way_comes_back_with_the_resume_link_finds_every_answer_and_submits(
    live_server, browser, page
):
    accessible_genomes_survey()
    csp_violations = watch_csp(page)

    # The start page: introduction, privacy statement, the button.
    page.goto(live_server.url + SURVEY_PATH)
    title = "1+MG - Survey on accessible genomes - July 2020"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_role("link", name="Privacy statement of this survey")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(section_url("general"))
    expect(page.get_by_text("Section 1 of 5")).to_be_visible()
    expect(page.locator("#q-respondent_name")).to_contain_text("(required)")
    assert_accessible(page)

    # Continuing without the required answers: a summary of errors linked to the questions.
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error:"))
    to_the_name = summary.get_by_role("link", name="Your name: This question is required.")
    expect(to_the_name).to_have_attribute("href", "#id_respondent_name")  # the field, not its wrapper
    expect(page.locator("#id_respondent_name")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    to_the_name.click()
    expect(page.locator("#id_respondent_name")).to_be_focused()

    # The general section and B1, then "Save and come back later".
    answer(page, ABOUT_ANA)
    save_and_continue(page, "b1")
    expect(page.get_by_text("Section 2 of 5")).to_be_visible()
    answer(page, RARE_DISEASES)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    resume_link = page.locator(f'main a[href*="{SURVEY_PATH}r/"]').get_attribute("href")
    assert re.fullmatch(rf"{live_server.url}{SURVEY_PATH}r/[\w-]+/", resume_link)
    assert_no_csp_violation(page, csp_violations)
    page.context.close()  # the browser is closed: no cookie, no session, no local backup survives

    # A new browser, the resume link: B1, where Ana left off, then the general section.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        csp_violations = watch_csp(page)
        page.goto(resume_link)
        expect(page).to_have_url(section_url("b1"))
        expect_answers_shown(page, RARE_DISEASES)
        expect(page.locator("#q-b1_clinical_information")).to_be_visible()
        page.get_by_role("button", name="Previous").click()
        expect(page).to_have_url(section_url("general"))
        expect_answers_shown(page, ABOUT_ANA)
        expect(page.locator("#id_country option:checked")).to_have_text("Portugal")
        save_and_continue(page, "b1")
        expect_answers_shown(page, RARE_DISEASES)
        save_and_continue(page, "c1")

        # The remaining sections, the review, the receipt.
        answer(page, CLINICAL_DATA)
        save_and_continue(page, "d1")
        answer(page, ETHICS)
        save_and_continue(page, "further_datasets")
        # One further dataset (the repeat the portal added), then past the empty second one.
        expect(page.get_by_text("Nothing is added here yet")).to_be_visible()
        answer(page, FURTHER_DATASET)
        page.get_by_role("button", name="Add another dataset").click()
        expect(page).to_have_url(re.compile(rf"{SURVEY_PATH}r/[^/]+/further_datasets/\?item=2$"))
        expect(page.get_by_role("link", name="Further dataset 1: Portuguese cancer genomes")).to_be_visible()
        save_and_continue(page, None)
        expect(page.locator(".error-summary")).to_have_count(0)
        further = page.get_by_role("heading", name="Further dataset 1: Portuguese cancer genomes")
        expect(further).to_be_visible()
        expect(page.get_by_text("Instituto Nacional de Saúde Doutor Ricardo Jorge")).to_be_visible()
        expect(page.get_by_text("Whole Exome Sequencing (WES); Arrays")).to_be_visible()
        expect(page.get_by_text("Structured data; Date fields")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Submit my answers").click()
        expect(page.get_by_role("heading", name="Thank you: your contribution is received")).to_be_visible()
        contribution_id = page.locator(".receipt strong").inner_text()
        expect(page.locator(".receipt")).to_have_text(f"Contribution ID: {contribution_id}")
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", contribution_id)
        expect(page.get_by_text("Portuguese rare disease exomes")).to_be_visible()
        assert_accessible(page)
        assert_no_csp_violation(page, csp_violations)
    finally:
        context.close()

    response = Response.objects.get()
    assert response.status == Response.Status.SUBMITTED
    assert response.contribution_id == contribution_id
    assert response.token in resume_link
    assert response.answers == {**ABOUT_ANA, **RARE_DISEASES, **CLINICAL_DATA, **ETHICS,
                                "further_datasets": [FURTHER_DATASET]}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_none_of_the_above_clears_and_disables_the_other_options_and_the_follow_up_shows_when_asked_for(
    live_server, page
):
    accessible_genomes_survey()
    csp_violations = watch_csp(page)
    start_the_survey(page, live_server.url)
    answer(page, ABOUT_ANA)
    save_and_continue(page, "b1")

    options = {
        choice: page.locator(f"#id_b1_phenotypic_data_{choice}")
        for choice in ("clinical_information", "treatment", "treatment_response", "lifestyle",
                       "socioeconomic_status")
    }
    none_of_the_above = page.get_by_label("None of the above")
    follow_up = page.locator("#q-b1_clinical_information")

    # The follow-up "Clinical information" waits until "Clinical information" is ticked.
    expect(follow_up).to_be_hidden()
    options["treatment"].check()
    expect(follow_up).to_be_hidden()
    options["clinical_information"].check()
    expect(follow_up).to_be_visible()
    expect(follow_up).to_contain_text("Clinical information:")
    expect(follow_up).to_contain_text("(Please describe key content)")

    # "None of the above" clears and disables the others, and the follow-up goes with them.
    none_of_the_above.check()
    for option in options.values():
        expect(option).not_to_be_checked()
        expect(option).to_be_disabled()
    expect(follow_up).to_be_hidden()

    # Unticking it gives the other options back, none of them ticked.
    none_of_the_above.uncheck()
    for option in options.values():
        expect(option).to_be_enabled()
        expect(option).not_to_be_checked()
    options["clinical_information"].check()
    expect(follow_up).to_be_visible()
    options["clinical_information"].uncheck()
    expect(follow_up).to_be_hidden()

    # What the server keeps is what the page shows: "None of the above" alone.
    none_of_the_above.check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    assert Response.objects.get().answers["b1_phenotypic_data"] == ["none"]
    assert_no_csp_violation(page, csp_violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_survey_can_be_completed_with_the_keyboard_alone(live_server, page):
    accessible_genomes_survey()
    csp_violations = watch_csp(page)
    page.goto(live_server.url + SURVEY_PATH)
    press_button(page, "Start the survey")

    # About you and your dataset: typing, and type-ahead in the country dropdown.
    expect(page).to_have_url(section_url("general"))
    type_into(page, "id_respondent_name", "Ana Silva")
    type_into(page, "id_respondent_email", "ana.silva@example.org")
    type_into(page, "id_institution", "Instituto Nacional de Saúde Doutor Ricardo Jorge")
    tab_to(page, "id_country")
    for _ in range(MAX_TABS):
        if page.locator("#id_country").input_value() == "pt":
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_country")).to_have_value("pt")
    type_into(page, "id_dataset_name", "Portuguese rare disease exomes")
    press_button(page, "Save and continue")

    # B1: radios with the arrow keys, checkboxes with the space bar, the follow-up that opens, and
    # Shift+Tab back up to an earlier question.
    expect(page).to_have_url(section_url("b1"))
    pick_radio(page, "id_b1_purpose_clinical", 1, "id_b1_purpose_research")
    tick(page, "id_b1_phenotypic_data_clinical_information")
    type_into(page, "id_b1_clinical_information", "Diagnoses as ORPHAcodes, phenotypes as HPO terms")
    tab_to(page, "id_b1_genetic_data_wes", backwards=True)
    page.keyboard.press("Space")
    expect(page.locator("#id_b1_genetic_data_wes")).to_be_checked()
    press_button(page, "Save and continue")

    # C1.
    expect(page).to_have_url(section_url("c1"))
    pick_radio(page, "id_c1_data_location_centralised", 1, "id_c1_data_location_federated")
    type_into(page, "id_c1_subject_identification", "A pseudonymous study number for each family member")
    tick(page, "id_c1_linked_data_wes")
    tick(page, "id_c1_data_format_structured")
    tick(page, "id_c1_data_format_date_fields")
    press_button(page, "Save and continue")

    # D1.
    expect(page).to_have_url(section_url("d1"))
    pick_radio(page, "id_d1_gdpr_basis_no", 2, "id_d1_gdpr_basis_yes")
    pick_radio(page, "id_d1_future_research_no", 1, "id_d1_future_research_yes")
    pick_radio(page, "id_d1_healthcare_use_yes", 2, "id_d1_healthcare_use_dont_know")
    press_button(page, "Save and continue")

    # Further datasets: none.
    expect(page).to_have_url(section_url("further_datasets"))
    press_button(page, "Save and continue")

    # Review and submit.
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)
    press_button(page, "Submit my answers")
    expect(page.get_by_role("heading", name="Thank you: your contribution is received")).to_be_visible()
    expect(page.locator(".receipt")).to_contain_text("Contribution ID")
    assert_no_csp_violation(page, csp_violations)

    response = Response.objects.get()
    assert response.status == Response.Status.SUBMITTED
    assert response.answers == {
        **{name: value for name, value in ABOUT_ANA.items() if name != "dataset_description"},
        **{**RARE_DISEASES, "b1_genetic_data": ["wes"], "b1_phenotypic_data": ["clinical_information"]},
        **CLINICAL_DATA,
        **ETHICS,
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_answers_typed_but_not_saved_come_back_from_the_local_backup_until_it_is_switched_off(
    live_server, page
):
    accessible_genomes_survey()
    csp_violations = watch_csp(page)
    start_the_survey(page, live_server.url)
    context = page.context

    # The server cannot be reached: every save (the autosave too) fails.
    context.route(
        "**/r/**", lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    expect(page.locator("#survey-backup")).to_be_checked()  # on by default
    page.locator("#id_respondent_name").press_sequentially("Ana Silva")
    page.locator("#id_institution").press_sequentially("Instituto Nacional de Saúde Doutor Ricardo Jorge")
    expect(page.locator("#survey-save-status")).to_contain_text("Not saved yet")
    page.wait_for_function("() => Object.keys(localStorage).some(key => key.startsWith('survey-backup:'))")
    assert "respondent_name" not in Response.objects.get().answers

    # The same page in another tab (after a crash, say): the answers come back from the backup.
    again = context.new_page()
    again.set_default_timeout(15_000)
    csp_violations_again = watch_csp(again)
    again.goto(page.url)
    expect(again.locator("#id_respondent_name")).to_have_value("Ana Silva")
    expect(again.locator("#id_institution")).to_have_value("Instituto Nacional de Saúde Doutor Ricardo Jorge")
    assert len(local_backups(again)) == 1

    # On a shared computer the backup is switched off: it is gone, and what is typed next is not kept.
    again.get_by_label(re.compile(r"^Save a backup on your local computer")).uncheck()
    assert local_backups(again) == []
    again.locator("#id_dataset_name").press_sequentially("Portuguese rare disease exomes")
    expect(again.locator("#survey-save-status")).to_contain_text("Not saved yet")
    assert local_backups(again) == []

    # The choice holds on the next visit to the page.
    third = context.new_page()
    third.goto(page.url)
    expect(third.locator("#survey-backup")).not_to_be_checked()
    expect(third.locator("#id_respondent_name")).to_have_value("")
    assert_no_csp_violation(page, csp_violations)
    assert_no_csp_violation(again, csp_violations_again)

