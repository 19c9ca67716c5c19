"""A file question in Chromium: the chosen file goes with "Save and continue", never with an autosave nor
into the browser's backup, and a backup restores the other answers around the file field."""

import json
import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response, ResponseFile
from tests.e2e.browser import assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory
from tests.factories.core import PDF

from .test_survey_journey import local_backups

SURVEY_PATH = "/reports/"
DEFINITION = {
    "format": "1mg-portal-survey/1",
    "name": "reports",
    "title": "Reports survey",
    "privacy_statement_url": "/privacy/",
    "languages": ["en"],
    "sections": [{"name": "report", "title": "Your report", "questions": [
        {"name": "organisation", "type": "short_text", "label": "Organisation"},
        {"name": "report", "type": "file", "label": "Annual report", "accept": ["pdf"]},
    ]}],
}
SECTION = re.compile(rf"{SURVEY_PATH}r/([^/]+)/report/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_chosen_file_waits_for_the_page_s_button_and_stays_out_of_the_backup(live_server, page):
    SurveyPageFactory(title="Reports survey", slug="reports", definition=DEFINITION)
    csp_violations = watch_csp(page)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + SURVEY_PATH)
    page.get_by_role("button", name="Start the survey").click()
    expect(page).to_have_url(SECTION)
    page.wait_for_load_state()

    page.get_by_label("Organisation").fill("Genome centre")
    with page.expect_request(lambda request: request.headers.get("x-requested-with") == "autosave") as sent:
        page.get_by_label("Choose a file").set_input_files(
            {"name": "annual.pdf", "mimeType": "application/pdf", "buffer": PDF})
    sent.value.response()  # the autosave is answered

    assert b"%PDF" not in (sent.value.post_data_buffer or b"")
    assert Response.objects.get().answers["organisation"] == "Genome centre"
    assert not ResponseFile.objects.exists()
    for key in local_backups(page):
        assert "report" not in json.loads(page.evaluate(f"() => localStorage.getItem('{key}')"))

    # A backup (as an older browser might have kept one) restores the text and leaves the file field be.
    token = SECTION.search(page.url).group(1)
    key = f"survey-backup:{token}:" + page.evaluate("() => location.pathname")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [key, json.dumps({"organisation": ["Typed offline"], "report": ["C:\\fakepath\\old.pdf"]})])
    page.reload()
    expect(page.get_by_label("Organisation")).to_have_value("Typed offline")
    assert errors == []

    page.get_by_label("Choose a file").set_input_files(
        {"name": "annual.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    assert Response.objects.get().answers["report"]["name"] == "annual.pdf"
    assert ResponseFile.objects.get().file.file.read() == PDF
    assert_no_csp_violation(page, csp_violations)
