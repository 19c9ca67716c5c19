"""The catalogue of published use cases: anyone reads it, filters it by disease area, industry role and
country, searches the public part (never the detailed part, never an unpublished use case) and follows new
ones in an Atom feed; each entry leads to the use case's public page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from portal.initiative.models import Country, DiseaseArea, SubArea
from portal.usecases import services
from portal.usecases.models import State
from tests.factories import CountryFactory, UseCaseFactory, coordinator
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

CATALOGUE = "/use-cases/"
FEED = "/use-cases/feed.atom"
ATOM = "{http://www.w3.org/2005/Atom}"


def role(name: str) -> SubArea:
    return SubArea.objects.get(cluster__slug="industry", name=name)


def area(slug: str) -> DiseaseArea:
    return DiseaseArea.objects.get(slug=slug)


def published(title, *, days_ago=0, areas=("rare-disease",), roles=(), countries=(), **fields):
    case = UseCaseFactory(title=title, state=State.PUBLISHED,
                          published_at=timezone.now() - datetime.timedelta(days=days_ago),
                          disease_areas=[area(slug) for slug in areas], **fields)
    case.industry_roles.set([role(name) for name in roles])
    case.countries.set(countries)
    # Saved once its relations are set, as publishing does: the index holds their names.
    case.save()
    return case


def titles(response) -> list[str]:
    html = response.text
    return [part.split("</a>", 1)[0].split(">")[-1] for part in html.split('<li class="listing-item">')[1:]]


def test_anyone_reads_the_published_use_cases_newest_first_linked_to_their_page(client):
    older = published("Sequencing for newborns", days_ago=10)
    newer = published("Cloud analysis of tumours", days_ago=1)
    UseCaseFactory(title="A draft nobody sees")
    UseCaseFactory(title="Submitted, not yet published", state=State.SUBMITTED)

    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    assert titles(response) == ["Cloud analysis of tumours", "Sequencing for newborns"]
    assert f'href="/use-cases/{newer.pk}/"' in response.text
    assert client.get(f"/use-cases/{older.pk}/").status_code == 200


def test_filters_by_disease_area_industry_role_and_country(client):
    portugal = CountryFactory(iso_code="PT", name="Portugal")
    finland = CountryFactory(iso_code="FI", name="Finland")
    published("Rare, data solutions, Portugal", areas=["rare-disease"], roles=["Data solutions provider"],
              countries=[portugal])
    published("Cancer, sequencing, Finland", areas=["cancer"], roles=["Technology solutions provider"],
              countries=[finland])

    assert titles(client.get(CATALOGUE, {"disease_area": "cancer"})) == ["Cancer, sequencing, Finland"]
    data_solutions = role("Data solutions provider").pk
    assert titles(client.get(CATALOGUE, {"role": data_solutions})) == ["Rare, data solutions, Portugal"]
    assert titles(client.get(CATALOGUE, {"country": "FI"})) == ["Cancer, sequencing, Finland"]
    assert titles(client.get(CATALOGUE, {"country": "FI", "disease_area": "rare-disease"})) == []
    # A value that is not a choice is ignored, not an error.
    assert len(titles(client.get(CATALOGUE, {"country": "XX", "role": "nope"}))) == 2


def test_the_search_finds_the_public_part_only_and_published_use_cases_only(client):
    published("Federated pharmacogenomics", summary="Dosing guidance from shared genotypes.",
              description="Our confidential pricing model, codename Zanzibar.", seeks="Quokka licences.",
              organisation="Helix Example Ltd")
    UseCaseFactory(title="Unpublished pharmacogenomics draft", summary="Dosing guidance too.")
    withdrawn = published("Withdrawn pharmacogenomics", summary="Dosing guidance as well.")
    services.move(withdrawn, withdrawn.submitter, State.WITHDRAWN, "")

    def found(words):
        return titles(client.get(CATALOGUE, {"q": words}))

    assert found("pharmacogenomics") == ["Federated pharmacogenomics"]
    assert found("dosing") == ["Federated pharmacogenomics"]
    assert found("Helix") == ["Federated pharmacogenomics"]
    assert found("Rare disease") == ["Federated pharmacogenomics"]
    assert found("Zanzibar") == []
    assert found("Quokka") == []
    assert "Zanzibar" not in client.get(CATALOGUE, {"q": "pharmacogenomics"}).text


def test_the_search_combines_with_the_filters(client):
    published("Genome sequencing for rare disease", areas=["rare-disease"])
    published("Genome sequencing for cancer", areas=["cancer"])

    response = client.get(CATALOGUE, {"q": "sequencing", "disease_area": "cancer"})

    assert titles(response) == ["Genome sequencing for cancer"]
    assert "1 use case matches “sequencing”" in response.text


def test_publishing_through_the_moves_puts_the_use_case_in_the_search(client):
    case = UseCaseFactory(title="Variant interpretation service", state=State.ACCEPTED)
    case.countries.set([CountryFactory(iso_code="EE", name="Estonia")])

    services.move(case, coordinator(), State.PUBLISHED, "")

    assert titles(client.get(CATALOGUE, {"q": "Estonia"})) == ["Variant interpretation service"]


def test_the_catalogue_pages_in_a_fixed_number_of_queries(client):
    country = CountryFactory(iso_code="PT", name="Portugal")
    counter = iter(range(100))

    def add(count):
        for _ in range(count):
            published(f"Use case {next(counter)}", roles=["Project support", "Scientific innovator"],
                      countries=[country])

    assert_queries_do_not_grow(client, CATALOGUE, add)
    assert_queries_do_not_grow(client, CATALOGUE, add, data={"q": "use case", "country": "PT"})


def test_the_feed_gives_new_published_use_cases_public_part_only(client):
    published("Older use case", days_ago=3, summary="An older public summary.")
    newest = published("Newest use case", days_ago=1, summary="The newest public summary.",
                       description="Secret description of the newest one.", organisation="Helix Example Ltd")
    UseCaseFactory(title="Draft use case")

    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "private" not in response.get("Cache-Control", "")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Newest use case", "Older use case"]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver/use-cases/{newest.pk}/"
    assert first.findtext(f"{ATOM}summary") == "The newest public summary."
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Helix Example Ltd"
    assert [category.get("term") for category in first.findall(f"{ATOM}category")] == ["Rare disease"]
    assert b"Secret description" not in response.content
    assert b"Draft use case" not in response.content


def test_the_feed_reads_a_fixed_number_of_queries(client):
    counter = iter(range(100))

    def add(count):
        for _ in range(count):
            published(f"Fed use case {next(counter)}", areas=["cancer", "rare-disease"])

    assert_queries_do_not_grow(client, FEED, add)


def test_the_catalogue_offers_only_the_countries_of_published_use_cases(client):
    published("In Portugal", countries=[CountryFactory(iso_code="PT", name="Portugal")])
    UseCaseFactory(title="Draft in Finland").countries.set([CountryFactory(iso_code="FI", name="Finland")])

    html = client.get(CATALOGUE).text

    assert '<option value="PT">Portugal</option>' in html
    assert "Finland" not in html
    assert Country.objects.filter(iso_code="FI").exists()
