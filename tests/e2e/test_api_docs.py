"""The open-data API's interactive documentation (/api/v1/docs/, Swagger UI as django-ninja ships it): it runs
under the portal's strict CSP, loads nothing from another origin, and tries an endpoint.

axe is not run here: the page is Swagger UI's own, and axe reports its failures (low contrast, icon buttons
without a name, no language on <html>, controls inside controls). The OpenAPI document is the reference;
docs/api.md says so."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_csp_violation, watch_csp
from tests.factories import SurveyPageFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_documentation_runs_under_the_csp_from_the_portal_alone(live_server, page):
    SurveyPageFactory(title="Survey on sequencing capacity", public_results=True)
    violations = watch_csp(page)
    origins = set()
    page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))

    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.get_by_role("heading", name="1+MG stakeholder portal: open data")).to_be_visible()
    for path in ("/api/v1/surveys/", "/api/v1/surveys/{survey_id}/results/",
                 "/api/v1/surveys/{survey_id}/dashboard/"):
        expect(page.get_by_text(path, exact=True)).to_be_visible()
    page.get_by_text("/api/v1/surveys/", exact=True).click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
    expect(page.locator(".live-responses-table").get_by_text("Survey on sequencing capacity")).to_be_visible()

    assert origins == {urlsplit(live_server.url).netloc}
    assert_no_csp_violation(page, violations)
