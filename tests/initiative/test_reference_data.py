import itertools

import pytest

from portal.initiative.loading import load_reference_data
from portal.initiative.models import Country, DiseaseArea, StakeholderCluster, WorkingGroup
from tests.factories import coordinator
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_loads_the_ten_clusters_with_sub_areas_and_sources():
    load_reference_data()
    clusters = StakeholderCluster.objects.prefetch_related("sub_areas")
    assert clusters.count() == 10
    patients = clusters.get(slug="patient-organisations")
    assert [area.name for area in patients.sub_areas.all()] == ["Oncology", "Rare disease", "Neurology"]
    assert "Building genomics" in patients.description_source
    assert not patients.needs_review
    hta = clusters.get(slug="hta-bodies")
    assert hta.lead == "A EUnetHTA representative"
    # Where the sources are silent, the description is drafted and flagged for coordinators.
    assert clusters.get(slug="funders").needs_review
    assert clusters.get(slug="funders").lead == ""


def test_loads_working_groups_disease_areas_and_countries():
    load_reference_data()
    kinds = dict(WorkingGroup.objects.values_list("number", "kind"))
    assert kinds[1] == "coordination"
    assert {kinds[n] for n in range(2, 8)} == {"technical"}
    assert {kinds[n] for n in range(8, 12)} == {"use_case"}
    assert DiseaseArea.objects.get(slug="cancer").working_group.number == 9
    assert DiseaseArea.objects.count() == 4
    spain = Country.objects.get(iso_code="ES")
    assert spain.status == Country.Status.SIGNATORY
    assert str(spain.joined) == "2018-04-10"
    assert spain.source
    # No public source gives a date for some signatories: the date stays empty rather than guessed.
    assert Country.objects.filter(status="signatory", joined__isnull=True).exists()


def test_loading_again_creates_nothing_and_keeps_coordinators_edits():
    load_reference_data()
    cluster = StakeholderCluster.objects.get(slug="industry")
    cluster.description = "Edited by a coordinator."
    cluster.save()
    cluster.sub_areas.all().delete()
    Country.objects.filter(iso_code="BE").update(name="Belgique")

    created = load_reference_data()

    assert set(created.values()) == {0}
    cluster.refresh_from_db()
    assert cluster.description == "Edited by a coordinator."
    assert cluster.sub_areas.count() == 0
    assert Country.objects.get(iso_code="BE").name == "Belgique"


def _add_country(number):
    Country.objects.create(iso_code=f"Q{number}", name=f"Country {number}", status=Country.Status.SIGNATORY)


def _add_working_group(number):
    WorkingGroup.objects.create(number=100 + number, name=f"Group {number}", kind=WorkingGroup.Kind.TECHNICAL)


def _add_disease_area(number):
    groups = list(WorkingGroup.objects.all())
    DiseaseArea.objects.create(slug=f"area-{number}", name=f"Area {number}",
                               working_group=groups[number % len(groups)])


def _add_cluster(number):
    StakeholderCluster.objects.create(slug=f"cluster-{number}", name=f"Cluster {number}",
                                      description="A cluster.")


@pytest.mark.parametrize("listing, add", [
    ("country", _add_country), ("workinggroup", _add_working_group), ("diseasearea", _add_disease_area),
    ("stakeholdercluster", _add_cluster),
])
def test_the_admin_listings_run_the_same_queries_however_many_rows(client, listing, add):
    client.force_login(coordinator())
    numbers = itertools.count()

    def add_rows(count):
        for _ in range(count):
            add(next(numbers))

    assert_queries_do_not_grow(client, f"/admin/snippets/initiative/{listing}/", add_rows, budget=40)
