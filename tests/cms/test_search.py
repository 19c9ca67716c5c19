"""Site search: live public pages and documents open to everyone, and nothing else."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import CollectionFactory, DocumentFactory, StandardPageFactory, coordinator

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params})


def result_titles(response) -> list[str]:
    return [hit.title for hit in response.context["results"]] if response.context["results"] else []


def test_search_finds_a_live_page_by_its_title_and_its_body(client):
    page = StandardPageFactory(title="Genomic literacy",
                               intro="<p>Workshops about sequencing for citizens.</p>")

    assert result_titles(search(client, "literacy")) == [page.title]
    assert page.title in result_titles(search(client, "sequencing"))


def test_search_results_follow_page_changes(client):
    page = StandardPageFactory(title="Genomic literacy")
    assert result_titles(search(client, "literacy")) == ["Genomic literacy"]

    page.title = "Citizen engagement"
    page.save_revision().publish()

    assert result_titles(search(client, "literacy")) == []
    assert result_titles(search(client, "citizen")) == ["Citizen engagement"]

    page.unpublish()
    assert result_titles(search(client, "citizen")) == []


def test_search_does_not_show_drafts_or_member_only_pages(client):
    draft = StandardPageFactory(title="Secret draft of the sequencing guideline", live=False)
    restricted = StandardPageFactory(title="Members sequencing notes")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    public = StandardPageFactory(title="Public sequencing guideline")

    titles = result_titles(search(client, "sequencing"))

    assert public.title in titles
    assert draft.title not in titles and restricted.title not in titles


def test_search_finds_a_public_document_but_not_one_in_a_restricted_collection(client):
    members = CollectionFactory(name="Members only", restricted=True)
    below_members = CollectionFactory(parent=members, name="Members' minutes")
    public = DocumentFactory(title="Roadmap brochure for citizens")
    DocumentFactory(title="Roadmap draft for members", collection=members)
    DocumentFactory(title="Roadmap minutes for members", collection=below_members)

    response = search(client, "roadmap")

    titles = result_titles(response)
    assert public.title in titles
    assert not [title for title in titles if "members" in title]
    assert f'href="{public.url}"' in response.text
    assert "Document (PDF)" in response.text


def test_a_news_result_shows_its_summary(client):
    response = search(client, "industry")

    assert "help build and sustain cross-border access to genomic data" in response.text


def test_search_results_are_paginated_pages_first_then_documents(client):
    for number in range(12):
        StandardPageFactory(title=f"Biobank page {number}")
    for number in range(3):
        DocumentFactory(title=f"Biobank document {number}")

    first = search(client, "biobank")
    second = search(client, "biobank", page=2)

    assert first.context["results"].paginator.count == 15
    assert len(result_titles(first)) == 10
    kinds = [hit.kind for hit in second.context["results"]]
    assert kinds == ["page", "page", "document", "document", "document"]
    assert "15 results" in first.text


@pytest.mark.parametrize("params, expected_page", [({"page": "abc"}, 1), ({"page": "99"}, 2)])
def test_a_bad_search_page_number_shows_the_first_or_last_page(client, params, expected_page):
    for number in range(12):
        StandardPageFactory(title=f"Biobank page {number}")

    response = search(client, "biobank", **params)

    assert response.status_code == 200
    assert response.context["results"].number == expected_page


@pytest.mark.parametrize("query", ["", "   ", "<script>", "'; drop table", "a" * 1000, "&&&", "!:*"])
def test_an_empty_or_odd_query_never_fails(client, query):
    response = search(client, query)

    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]


# Terms a query language would read as syntax (FTS5, tsquery) or a database refuse. Run this file on
# SQLite too (DATABASE_URL unset): a lone " broke only SQLite's FTS5 query (cms/search_backend.py).
AWKWARD = ['"', '""', '"""', "'", "''", '"sequencing', 'sequencing"', '"sequencing guideline"',
           'se"quen"cing', "*", "sequencing*", "-", "-sequencing", "NOT", "AND", "OR (", ")", "NEAR",
           "NEAR(a b)", ":",
           "title:sequencing", "{title}", "^sequencing", "+", "\\", "\\\"", "%", "%s", "a & b | !c", "<->",
           "x" * 199 + '"', '" ' * 100, "sequencing\x00", "\x00", "genómica 基因组 🧬", "ǅ\u200b\u202e",
           "\ufeff"]


@pytest.mark.parametrize("query", AWKWARD)
def test_no_search_input_causes_a_server_error(client, query):
    StandardPageFactory(title="Public sequencing guideline")
    DocumentFactory(title="Sequencing guideline document")

    response = search(client, query)

    assert response.status_code == 200
    if response.context["results"] is not None:  # a query left empty once cleaned shows the form only
        assert 'class="count" role="status"' in response.text


@pytest.mark.parametrize("query", ['"sequencing"', 'sequencing"', '"sequencing guideline"', "sequencing*",
                                   "(sequencing)", "sequencing:"])
def test_quotes_and_operators_around_a_word_still_find_it(client, query):
    page = StandardPageFactory(title="Public sequencing guideline")
    document = DocumentFactory(title="Sequencing guideline document")

    titles = result_titles(search(client, query))

    assert page.title in titles and document.title in titles


@pytest.mark.parametrize("query", ['"', '"sequencing', "sequencing*", "OR ("])
def test_the_admin_search_takes_the_same_input(client, query):
    StandardPageFactory(title="Public sequencing guideline")
    DocumentFactory(title="Sequencing guideline document")
    client.force_login(coordinator())

    assert client.get("/admin/pages/search/", {"q": query}).status_code == 200
    assert client.get("/admin/documents/", {"q": query}).status_code == 200


def test_every_page_has_a_labelled_search_field_in_its_header(client):
    text = client.get("/").text

    header = text.split("<header", 1)[1].split("</header>", 1)[0]
    assert 'role="search"' in header
    assert '<label for="site-search-query"' in header and 'id="site-search-query" name="q"' in header


def test_the_search_page_stays_within_its_query_budget(
    client, django_assert_max_num_queries
):
    for number in range(12):
        StandardPageFactory(title=f"Biobank page {number}")
    DocumentFactory(title="Biobank document")

    with django_assert_max_num_queries(20):
        response = search(client, "biobank")
    assert response.status_code == 200
