"""In Chromium, a coordinator filters a survey's results by an answer and a number range, adds a fourth
condition, corrects a range marked wrong, and asks for an export of what the page shows; axe checks the
page and its errors, and the CSP stays in force."""

import pytest
from playwright.sync_api import expect

from surveys.models import ResponseExport
from tests.e2e.browser import assert_accessible, assert_no_csp_violation, sign_in_to_admin, watch_csp
from tests.factories import SurveyPageFactory, coordinator
from tests.surveys.test_results import respond


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_filters_the_results_and_exports_what_they_show(live_server, page):
    survey = SurveyPageFactory(title="Test survey")
    for index, (purpose, kinds, subjects) in enumerate([
        ("clinical", ["wgs"], "10"), ("research", ["wes"], "20"), ("clinical", ["wgs", "wes"], "30"),
        ("clinical", ["wes"], "40"), ("research", ["wgs"], "50"),
    ]):
        respond(survey, {"purpose": purpose, "kinds": kinds, "subjects": subjects,
                         "describe": f"Data set {index}" if "wgs" in kinds else ""})
    csp_violations = watch_csp(page)
    sign_in_to_admin(page, live_server, coordinator())
    page.goto(f"{live_server.url}/admin/surveys/{survey.pk}/results/")
    expect(page.get_by_text("5 submitted responses,")).to_be_visible()

    page.get_by_label("Gave the answer").select_option(label="Clinical")
    page.get_by_label("Answered with a number").select_option(label="3. Subjects?")
    page.locator("#id_from_1").fill("35")
    page.locator("#id_to_1").fill("15")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_text("The filters were not applied")).to_be_visible()
    expect(page.get_by_text("Give a number no lower than 35.")).to_be_visible()
    expect(page.get_by_label("Gave the answer")).to_have_value("purpose:clinical")  # nothing lost
    assert_accessible(page)

    page.locator("#id_from_1").fill("15")
    page.locator("#id_to_1").fill("35")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 submitted response match the filters")).to_be_visible()

    # Applying made room for one more condition of each kind: a second answer and a second range.
    page.locator("#id_answer_2").select_option(label="WGS")
    page.locator("#id_number_2").select_option(label="3. Subjects?")
    page.locator("#id_from_2").fill("0")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 submitted response match the filters")).to_be_visible()
    expect(page.get_by_text("The export will hold the 1 response that matches the filters.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Prepare an export").click()
    exports = page.locator("#exports table")
    expect(exports).to_contain_text("Gave the answer “Clinical” to “1. Purpose?”")
    expect(exports).to_contain_text("“3. Subjects?” from 15 to 35")
    expect(exports).to_contain_text("1 response")
    assert ResponseExport.objects.get().rows_done == 1
    page.get_by_role("link", name="Refresh to see the progress").click()  # without Wagtail's message
    expect(exports).to_contain_text("“3. Subjects?” at least 0")
    assert_accessible(page)
    assert_no_csp_violation(page, csp_violations)
