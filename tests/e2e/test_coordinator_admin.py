"""A coordinator edits reference data in the Wagtail admin, whose inline scripts the CSP lets run."""


import pytest
from playwright.sync_api import expect

from portal.initiative.models import StakeholderCluster
from tests.e2e.browser import assert_no_csp_violation, sign_in_to_admin, watch_csp
from tests.factories import coordinator


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_coordinator_adds_a_sub_area_to_a_cluster(live_server, page):
    user = coordinator()
    cluster = StakeholderCluster.objects.get(slug="funders")
    csp_violations = watch_csp(page)

    sign_in_to_admin(page, live_server, user)

    page.goto(live_server.url + f"/admin/snippets/initiative/stakeholdercluster/edit/{cluster.pk}/")
    page.get_by_role("button", name="Add sub-area").click()
    page.locator('input[name="sub_areas-0-name"]').fill("Public research funders")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Stakeholder cluster 'Funders' updated.")).to_be_visible()

    assert [area.name for area in cluster.sub_areas.all()] == ["Public research funders"]
    assert_no_csp_violation(page, csp_violations)
