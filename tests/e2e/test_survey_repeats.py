"""A repeated section in Chromium: each item keeps a backup of its own in the browser, "Add another"
saves the item first, and the page passes the accessibility checks."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory
from tests.surveys.repeat_survey import repeat_definition

from .test_survey_journey import local_backups


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_item_has_its_own_backup_and_add_another_saves_the_item(live_server, page):
    survey = SurveyPageFactory(title="Datasets survey", slug="datasets-survey",
                               definition=repeat_definition())
    csp_violations = watch_csp(page)
    page.goto(live_server.url + survey.url)
    page.get_by_role("button", name="Start the survey").click()
    page.locator("#id_country_be").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(r"/datasets/$"))
    page.wait_for_load_state()
    assert_accessible(page)

    page.locator("#id_dataset_name").press_sequentially("Rare disease trios")
    page.get_by_role("button", name="Add another dataset").click()
    expect(page).to_have_url(re.compile(r"/datasets/\?item=2$"))
    expect(page.get_by_role("link", name="Dataset 1: Rare disease trios")).to_be_visible()
    expect(page.get_by_role("heading", name="Dataset 2")).to_be_visible()
    page.wait_for_load_state()  # survey.js (deferred) listens to what is typed only once it has run

    # The server cannot be reached: what is typed in item 2 stays in the browser, under item 2 only.
    page.context.route("**/r/**", lambda route: route.abort() if route.request.method == "POST"
                       else route.continue_())
    page.locator("#id_dataset_name").press_sequentially("Cancer exomes")
    page.wait_for_function("() => Object.keys(localStorage).some(key => key.endsWith('#item-2'))")
    assert [key.rsplit("#", 1)[1] for key in local_backups(page)] == ["item-2"]
    page.get_by_role("link", name="Dataset 1: Rare disease trios").click()
    expect(page.locator("#id_dataset_name")).to_have_value("Rare disease trios")  # not item 2's backup
    page.go_back()
    page.reload()
    expect(page.locator("#id_dataset_name")).to_have_value("Cancer exomes")  # from item 2's backup
    assert_no_csp_violation(page, csp_violations)
