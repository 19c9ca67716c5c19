"""News and resource listings: pagination, filters, bad parameters and their query count."""

import datetime
import re

import pytest

from cms.models import NewsIndexPage, ResourceIndexPage, ResourcePage
from portal.initiative.models import DiseaseArea, StakeholderCluster
from tests.factories import DocumentFactory, NewsPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index():
    index = NewsIndexPage.objects.get()
    for page in index.get_children():
        page.delete()  # the demo's items: each test counts its own
    return NewsIndexPage.objects.get()


@pytest.fixture
def resource_index():
    index = ResourceIndexPage.objects.get()
    for page in index.get_children():
        page.delete()
    return ResourceIndexPage.objects.get()


def listed_titles(response) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.text)


def test_the_news_listing_shows_ten_items_a_page_newest_first(client, news_index):
    NewsPageFactory.create_batch(15, parent=news_index, date=datetime.date(2021, 5, 1))
    newest = NewsPageFactory(parent=news_index, title="The newest item", date=datetime.date(2022, 1, 1))

    first = client.get("/news/")
    third = client.get("/news/?page=2")

    assert first.status_code == 200
    assert len(listed_titles(first)) == 10
    assert listed_titles(first)[0] == newest.title
    assert len(listed_titles(third)) == 6
    assert "16 news items" in first.text
    assert 'href="?page=2" rel="next"' in first.text
    assert 'aria-current="page">2</a>' in third.text


@pytest.mark.parametrize("page, expected_page", [
    ("99", 2), ("-1", 2), ("abc", 1), ("", 1), ("1.5", 1), ("%00", 1), ("9" * 40, 2),
])
def test_a_bad_page_number_shows_the_last_or_first_page_never_an_error(
    client, news_index, page, expected_page
):
    NewsPageFactory.create_batch(12, parent=news_index)

    response = client.get(f"/news/?page={page}")

    assert response.status_code == 200
    assert response.context["items"].number == expected_page


def test_the_news_listing_filters_by_year_and_cluster(client, news_index):
    industry = StakeholderCluster.objects.get(slug="industry")
    funders = StakeholderCluster.objects.get(slug="funders")
    NewsPageFactory(parent=news_index, title="Industry in 2021", date=datetime.date(2021, 3, 1),
                    cluster=industry)
    NewsPageFactory(parent=news_index, title="Industry in 2022", date=datetime.date(2022, 3, 1),
                    cluster=industry)
    NewsPageFactory(parent=news_index, title="Funders in 2022", date=datetime.date(2022, 4, 1),
                    cluster=funders)

    assert listed_titles(client.get("/news/?year=2022")) == ["Funders in 2022", "Industry in 2022"]
    assert listed_titles(client.get("/news/?cluster=industry")) == ["Industry in 2022", "Industry in 2021"]
    both = client.get("/news/?year=2022&cluster=industry")
    assert listed_titles(both) == ["Industry in 2022"]
    # The form shows what is applied, with labelled selects, and keeps the filters across pages.
    assert '<label for="id_year">Year</label>' in both.text
    assert '<label for="id_cluster">Stakeholder cluster</label>' in both.text
    assert '<option value="2022" selected>2022</option>' in both.text
    assert '<option value="2020"' not in both.text, "only years that have news are offered"


def test_filters_are_kept_in_the_pagination_links(client, news_index):
    NewsPageFactory.create_batch(12, parent=news_index, date=datetime.date(2021, 3, 1))

    response = client.get("/news/?year=2021")

    assert 'href="?year=2021&amp;page=2"' in response.text


@pytest.mark.parametrize("query", [
    "year=1999", "year=abc", "year=2022%27--", "cluster=astrologers", "cluster=<script>", "year=&cluster=",
    "year=2021&year=2022", "cluster[]=industry",
])
def test_an_unknown_news_filter_value_is_ignored(client, news_index, query):
    NewsPageFactory.create_batch(3, parent=news_index, date=datetime.date(2021, 3, 1))

    response = client.get(f"/news/?{query}")

    assert response.status_code == 200
    assert len(listed_titles(response)) == 3
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_the_resource_listing_filters_by_type_and_disease_area(client, resource_index):
    cancer = DiseaseArea.objects.get(slug="cancer")
    Type = ResourcePage.ResourceType
    ResourcePageFactory(parent=resource_index, title="Cancer report", resource_type=Type.REPORT,
                        disease_area=cancer)
    ResourcePageFactory(parent=resource_index, title="Cancer slides", resource_type=Type.PRESENTATION,
                        disease_area=cancer, date=datetime.date(2022, 1, 1))
    ResourcePageFactory(parent=resource_index, title="General report", resource_type=Type.REPORT)

    assert listed_titles(client.get("/resources/?type=report")) == ["General report", "Cancer report"]
    assert sorted(listed_titles(client.get("/resources/?disease_area=cancer"))) == [
        "Cancer report", "Cancer slides"]
    assert listed_titles(client.get("/resources/?type=presentation&disease_area=cancer")) == ["Cancer slides"]
    response = client.get("/resources/?type=report")
    assert '<label for="id_type">Type</label>' in response.text
    assert '<label for="id_disease_area">Disease area</label>' in response.text
    assert "<legend>Filter the resources</legend>" in response.text


@pytest.mark.parametrize("query", ["type=pamphlet", "type=", "disease_area=astrology", "page=x&type=x"])
def test_an_unknown_resource_filter_value_is_ignored(client, resource_index, query):
    ResourcePageFactory.create_batch(2, parent=resource_index)

    response = client.get(f"/resources/?{query}")

    assert response.status_code == 200
    assert len(listed_titles(response)) == 2


def test_a_listing_with_nothing_to_show_says_so(client, news_index):
    response = client.get("/news/?year=2021")

    assert response.status_code == 200
    assert "No news matches these filters." in response.text


@pytest.mark.parametrize(("visitor", "sees_it"), [
    ("anonymous", False), ("pending", False), ("approved", True),
])
def test_a_member_only_news_item_is_listed_to_approved_stakeholders_only(
    client, news_index, visitor, sees_it
):
    from portal.stakeholders.members import restrict_to_members
    from portal.stakeholders.services import stakeholder_decide
    from tests.factories import ProfileFactory, coordinator

    public, restricted = NewsPageFactory.create_batch(2, parent=news_index)
    restrict_to_members(restricted)
    if visitor != "anonymous":
        profile = ProfileFactory()
        if visitor == "approved":
            stakeholder_decide(profile=profile, approve=True, by=coordinator())
        client.force_login(profile.user)

    titles = listed_titles(client.get("/news/"))

    assert public.title in titles
    assert (restricted.title in titles) == sees_it


def test_a_resource_with_a_document_links_to_it_from_the_listing(client, resource_index):
    from django.core.files.base import ContentFile

    document = DocumentFactory(title="Roadmap brochure", file=ContentFile(b"%PDF-1.4", name="roadmap.pdf"))
    ResourcePageFactory(parent=resource_index, title="With a document", document=document)

    response = client.get("/resources/")

    assert f'href="{document.url}"' in response.text
    assert "(PDF" in response.text


@pytest.mark.parametrize("url, index_fixture, page_factory", [
    ("/news/", "news_index", NewsPageFactory),
    ("/resources/", "resource_index", ResourcePageFactory),
])
def test_the_listing_query_count_does_not_grow_with_the_number_of_items(
    client, request, url, index_fixture, page_factory, django_assert_max_num_queries
):
    index = request.getfixturevalue(index_fixture)
    cluster = StakeholderCluster.objects.first()
    area = DiseaseArea.objects.first()
    extra = {"disease_area": area} | ({"cluster": cluster} if page_factory is NewsPageFactory else {})
    page_factory.create_batch(1, parent=index, **extra)
    with django_assert_max_num_queries(20) as few:
        client.get(url)

    page_factory.create_batch(9, parent=index, **extra)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(listed_titles(response)) == 10
