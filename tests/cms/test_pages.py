import pytest

from portal.initiative.models import StakeholderCluster
from portal.stakeholders.models import StakeholderProfile
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_1mg_b1mg_the_roadmap_and_lists_the_clusters(client):
    response = client.get("/")

    assert response.status_code == 200
    text = response.text
    for words in ("1+ Million Genomes", "Beyond 1 Million Genomes", "Engage", "Translate", "Drive",
                  "Register as a stakeholder"):
        assert words in text
    listing = text.split('id="clusters-title"', 1)[1]
    clusters = StakeholderCluster.objects.order_by("sort_order")
    positions = [listing.index(f">{cluster.name}</a>") for cluster in clusters]
    assert len(positions) == 10
    assert positions == sorted(positions), "clusters appear in the portal's order"


def test_the_home_page_counts_only_approved_stakeholders_per_cluster(client):
    academics = StakeholderCluster.objects.get(slug="academics")
    ProfileFactory(status=StakeholderProfile.Status.APPROVED, clusters=[academics])
    ProfileFactory(status=StakeholderProfile.Status.APPROVED, clusters=[academics])
    ProfileFactory(status=StakeholderProfile.Status.PENDING, clusters=[academics])
    ProfileFactory(status=StakeholderProfile.Status.DECLINED, clusters=[academics])

    response = client.get("/")

    academics = next(c for c in response.context["clusters"] if c.slug == "academics")
    assert academics.member_count == 2
    assert '<p class="count" data-cluster="academics">2 approved stakeholders</p>' in response.text


def test_a_cluster_page_shows_description_sub_areas_count_and_join(client):
    response = client.get("/clusters/patient-organisations/")

    assert response.status_code == 200
    text = response.text
    assert "Three disease areas organise this cluster" in text
    for area in ("Oncology", "Rare disease", "Neurology"):
        assert f"<li>{area}</li>" in text
    assert "0 approved stakeholders" in text
    assert 'href="/clusters/patient-organisations/join/"' in text


def test_a_drafted_cluster_description_says_so(client):
    assert "first draft" in client.get("/clusters/funders/").text
    assert "first draft" not in client.get("/clusters/academics/").text


def test_an_unknown_cluster_is_not_found(client):
    assert client.get("/clusters/astrologers/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/clusters/", "/clusters/academics/"])
def test_public_pages_stay_within_their_query_budget_as_data_grows(
    client, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    clusters = list(StakeholderCluster.objects.all())
    for _ in range(20):
        ProfileFactory(status=StakeholderProfile.Status.APPROVED, clusters=clusters[:3])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_layout_has_a_skip_link_landmarks_and_the_eu_funding_acknowledgement(client):
    text = client.get("/").text
    assert '<a class="skip-link" href="#main">' in text
    assert '<main id="main"' in text and "<header" in text and "<footer" in text and "<nav" in text
    assert "grant agreement No 951724" in text
    assert "http://" not in text.split("<body", 1)[0] and "https://" not in text.split("<body", 1)[0]
