"""The public tracker: filters, search, counts per status as a chart with its table, CSV and XLSX of what is
shown, a page per recommendation with its history (by role, never by name), following and My portal."""

import csv
import io

import pytest
from openpyxl import load_workbook

from portal.recommendations import services
from portal.recommendations.models import Follow
from tests.factories import (
    FollowFactory,
    RecommendationFactory,
    SourceFactory,
    StatusChangeFactory,
    ThemeFactory,
    WorkingGroupMembershipFactory,
    approved_stakeholder,
    tracker,
    working_group,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return tracker()


@pytest.fixture
def recommendations():
    from portal.initiative.models import DiseaseArea

    brief = SourceFactory(title="Country Exchange Visits policy brief", kind="policy_brief")
    training = ThemeFactory(slug="training", name="Training")
    return {
        "industry": RecommendationFactory(title="Industry in every mirror group", working_groups=[7]),
        "rare": RecommendationFactory(title="Review rare disease needs", working_groups=[8],
                                      text="Requirements of the rare disease community.",
                                      disease_areas=[DiseaseArea.objects.get(slug="rare-disease")]),
        "training": RecommendationFactory(title="Train professionals", working_groups=[1], source=brief,
                                          themes=[training]),
    }


def listed(response) -> set[str]:
    return {title for title in ("Industry in every mirror group", "Review rare disease needs",
                                "Train professionals") if title in response.text}


@pytest.mark.parametrize(("query", "shown"), [
    ({}, {"Industry in every mirror group", "Review rare disease needs", "Train professionals"}),
    ({"working_group": "7"}, {"Industry in every mirror group"}),
    ({"disease_area": "rare-disease"}, {"Review rare disease needs"}),
    ({"theme": "training"}, {"Train professionals"}),
    ({"status": "accepted"}, {"Industry in every mirror group"}),
    ({"q": "rare disease community"}, {"Review rare disease needs"}),
    ({"working_group": "not-a-group"}, {"Industry in every mirror group", "Review rare disease needs",
                                       "Train professionals"}),
])
def test_the_tracker_filters_and_searches(client, page, recommendations, query, shown):
    recommendations["industry"].status = "accepted"
    recommendations["industry"].save()

    assert listed(client.get(page.url, query)) == shown


def test_the_tracker_filters_by_source(client, page, recommendations):
    source = recommendations["training"].source
    assert listed(client.get(page.url, {"source": source.pk})) == {"Train professionals"}


def test_the_counts_per_status_are_a_chart_with_its_table(client, page, recommendations):
    services.change_status(recommendations["industry"], status="accepted",
                           by=WorkingGroupMembershipFactory().user)

    response = client.get(page.url)

    assert 'role="img"' in response.text
    assert "Proposed: 2; Under consideration: 0; Accepted: 1" in response.text  # the SVG's description
    assert '<th scope="row">Accepted</th><td>1</td>' in response.text
    assert "style=" not in response.text.split('<figure class="chart"')[1].split("</figure>")[0]


def test_the_export_holds_the_filtered_list_in_csv_and_xlsx(client, page, recommendations):
    recommendations["training"].title = "=Train professionals"
    recommendations["training"].save()

    rows = list(csv.DictReader(io.StringIO(
        client.get(page.url + "export/csv/", {"working_group": "1"}).content.decode())))
    sheet = load_workbook(io.BytesIO(client.get(page.url + "export/xlsx/").content)).active

    assert [row["Title"] for row in rows] == ["'=Train professionals"]
    assert rows[0]["Addressed to"] == "WG1 Organisation and governance"
    assert rows[0]["Source"] == "Country Exchange Visits policy brief"
    assert rows[0]["Page"].endswith(f"/recommendations/{recommendations['training'].pk}/")
    titles = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert len(titles) == 3 and "=Train professionals" in titles
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_the_tracker_and_its_export_queries_do_not_grow(client, page):
    def add(count):
        for _ in range(count):
            StatusChangeFactory(recommendation=RecommendationFactory(
                working_groups=[7, 5], themes=[ThemeFactory()]))

    assert_queries_do_not_grow(client, page.url, add)
    assert_queries_do_not_grow(client, page.url + "export/csv/", add)


def test_a_recommendations_page_shows_its_history_by_role_never_by_name(client, page):
    contact = WorkingGroupMembershipFactory(user__first_name="Sandra", user__last_name="Contact").user
    recommendation = RecommendationFactory(title="Industry in every mirror group")
    services.change_status(recommendation, status="accepted", by=contact, note="Agreed at WG7.",
                           evidence_url="https://example.org/minutes")

    response = client.get(f"{page.url}{recommendation.pk}/")

    assert "Industry in every mirror group" in response.text
    assert "Working group contact, WG7" in response.text and "Agreed at WG7." in response.text
    assert "https://example.org/minutes" in response.text
    assert "Sandra" not in response.text
    assert client.get(f"{page.url}999999/").status_code == 404


def test_an_invented_status_says_it_is_an_example(client, page):
    recommendation = RecommendationFactory(status_is_example=True)
    assert "an example" in client.get(f"{page.url}{recommendation.pk}/").text


def test_a_stakeholder_follows_and_unfollows_and_sees_it_on_my_portal(client, page):
    person = approved_stakeholder()
    recommendation = RecommendationFactory(title="Industry in every mirror group")
    client.force_login(person)
    address = f"{page.url}{recommendation.pk}/"

    client.post(address + "follow/")
    client.post(address + "follow/")  # twice: still one follow

    assert Follow.objects.filter(user=person, recommendation=recommendation).count() == 1
    assert "Stop following" in client.get(address).text
    my_portal = client.get("/my/").text
    assert "Recommendations you follow" in my_portal and "Industry in every mirror group" in my_portal

    client.post(address + "follow/", {"follow": "no"})

    assert not Follow.objects.filter(user=person).exists()
    assert "Recommendations you follow" not in client.get("/my/").text


def test_the_signed_out_are_asked_to_sign_in_to_follow(client, page):
    recommendation = RecommendationFactory()

    response = client.post(f"{page.url}{recommendation.pk}/follow/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(f"{page.url}{recommendation.pk}/follow/").status_code == 405
    assert not Follow.objects.exists()


def test_the_my_portal_panel_queries_do_not_grow(client, page):
    person = approved_stakeholder()
    client.force_login(person)

    assert_queries_do_not_grow(client, "/my/", lambda count: FollowFactory.create_batch(count, user=person))


def test_erasing_a_contact_keeps_their_changes_by_role(client, page):
    from portal.stakeholders.services import account_erase

    contact = WorkingGroupMembershipFactory().user
    recommendation = RecommendationFactory()
    services.change_status(recommendation, status="accepted", by=contact)
    FollowFactory(user=contact, recommendation=recommendation)

    account_erase(contact)

    change = recommendation.changes.get()
    assert change.changed_by is None and change.changed_as == "Working group contact, WG7"
    assert not Follow.objects.exists()
    assert "Working group contact, WG7" in client.get(f"{page.url}{recommendation.pk}/").text
    assert working_group(7).memberships.count() == 0
