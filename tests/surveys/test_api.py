"""The open-data API's surveys (surveys/api.py, portal/core/api.py): every endpoint checked against the
OpenAPI document the API serves, what is public and what is not, the suppression, pagination, caching and
the rate limit."""

# ruff: noqa: F811  (the fixtures come from test_results.py)

import json

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from jsonschema import Draft202012Validator
from wagtail.models import PageViewRestriction

from portal.core.api import MAX_AGE, PER_PAGE
from surveys.models import Response
from tests.factories import StandardPageFactory, SurveyPageFactory, small_definition
from tests.queries import assert_queries_do_not_grow

from .test_public_dashboard import with_dashboard
from .test_results import genomes, respond  # noqa: F401

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/v1/openapi.json"
LIST = "/api/v1/surveys/"


def results(survey) -> str:
    return f"/api/v1/surveys/{survey.pk}/results/"


def dashboard(survey) -> str:
    return f"/api/v1/surveys/{survey.pk}/dashboard/"


def public_survey(**fields):
    return SurveyPageFactory(public_results=True, **fields)


def document(client) -> dict:
    answer = client.get(DOCUMENT)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    return answer.json()


def assert_documented(spec: dict, template: str, answer) -> dict:
    """The answer's status is one the document gives for that path, and its body is valid against the
    schema the document gives for that status. Returns the body."""
    responses = spec["paths"][template]["get"]["responses"]
    assert str(answer.status_code) in responses, f"{template}: {answer.status_code} is not documented"
    schema = responses[str(answer.status_code)]["content"]["application/json"]["schema"]
    body = answer.json()
    # The schema's references point into the document's components: they resolve against this root.
    errors = list(Draft202012Validator({**schema, "components": spec["components"]}).iter_errors(body))
    assert errors == [], f"{template} ({answer.status_code}): " + "; ".join(error.message for error in errors)
    return body


# The document and every endpoint against it


def test_the_document_describes_every_endpoint_and_each_answers_as_it_says(client, genomes):
    """Each path of the document is asked for what it gives (200) and for what it refuses (404, 422); a
    new endpoint fails here until it has its examples."""
    hidden = SurveyPageFactory(public_results=False)
    spec = document(client)
    assert spec["openapi"].startswith("3.")
    examples = {
        "/api/v1/surveys/": {200: [LIST, LIST + "?page=1"], 404: [LIST + "?page=2"], 422: [LIST + "?page=0"]},
        "/api/v1/surveys/{survey_id}/results/": {
            200: [results(genomes), results(genomes) + "?page=1"], 404: [results(hidden)],
            422: [results(genomes) + "?page=x"]},
        "/api/v1/surveys/{survey_id}/dashboard/": {
            200: [dashboard(genomes)], 404: [dashboard(hidden)], 422: ["/api/v1/surveys/x/dashboard/"]},
    }
    assert sorted(spec["paths"]) == sorted(examples)
    assert all(list(operations) == ["get"] for operations in spec["paths"].values()), "a read-only API"
    for template, by_status in examples.items():
        for status, urls in by_status.items():
            for url in urls:
                answer = client.get(url)
                assert answer.status_code == status, url
                assert_documented(spec, template, answer)


def test_there_is_no_documentation_page_only_the_document(client):
    # django-ninja's Swagger UI failed axe, so it is off: tools read /api/v1/openapi.json.
    assert client.get("/api/v1/docs/").status_code == 404
    assert client.get("/api/v1/openapi.json").status_code == 200


# What is public


def test_the_list_holds_the_published_surveys_with_public_results_and_nothing_else(client, genomes):
    SurveyPageFactory(title="Results kept in", public_results=False)
    public_survey(title="Not published yet", published=False)
    members = StandardPageFactory(title="Members")
    restriction = PageViewRestriction.objects.create(page=members,
                                                     restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Coordinators"))
    behind = public_survey(title="For members", parent=members)
    gone = public_survey(title="Taken down")
    gone.unpublish()

    body = client.get(LIST).json()

    assert [item["title"] for item in body["items"]] == ["Survey on accessible genomes"]
    item = body["items"][0]
    assert item["page_url"] == f"http://localhost{genomes.url}"
    assert item["results_page_url"] == f"http://localhost{genomes.url}results/"
    assert item["results_url"] == "http://testserver" + results(genomes)
    assert item["dashboard_url"] == "http://testserver" + dashboard(genomes)
    for survey in (behind, gone):
        assert client.get(results(survey)).status_code == 404
        assert client.get(dashboard(survey)).status_code == 404


def test_a_survey_without_a_dashboard_has_results_but_no_dashboard(client):
    survey = public_survey()
    assert client.get(LIST).json()["items"][0]["dashboard_url"] is None
    assert client.get(results(survey)).status_code == 200
    answer = client.get(dashboard(survey))
    assert answer.status_code == 404
    assert answer.json() == {"detail": "There is nothing public at this address."}


def test_results_are_not_public_unless_the_coordinator_allows_it(client, genomes):
    respond(genomes, {"country": "pt", "b1_genetic_data": ["wgs"]})
    genomes.public_results = False
    genomes.save_revision().publish()
    assert client.get(results(genomes)).status_code == 404
    assert client.get(dashboard(genomes)).status_code == 404
    assert client.get(LIST).json()["count"] == 0


# The figures: those of the public results page, suppressed alike


def by_country(question: dict) -> dict:
    return {row["country"]["name"] if row["country"] else "all": row for row in question["rows"]}


def test_the_results_are_the_public_pages_with_every_small_count_suppressed(client, genomes):
    respond(genomes, {"country": "pt", "institution": "Instituto Ricardo Jorge",
                      "respondent_name": "Rita Nome", "dataset_description": "Trios of rare disease families",
                      "d1_gdpr_basis": "yes"})
    body = client.get(results(genomes)).json()

    assert body["threshold"] == 5 and body["responses"] == {"count": 26, "suppressed": None}
    questions = body["questions"]["items"]
    assert [question["title"] for question in questions] == [
        "Datasets by type of genetic data", "Phenotypic and clinical data available",
        "Legal basis: consent under the GDPR"]
    genetic = questions[0]
    assert genetic["name"] == "b1_genetic_data" and genetic["several_answers"] is True
    assert [choice["name"] for choice in genetic["choices"]] == ["wgs", "wes", "clinical_exome", "arrays"]
    rows = by_country(genetic)
    assert list(rows) == ["it", "pt", "es", "all"]
    assert rows["pt"]["country"] == {"name": "pt", "label": "Portugal"}
    assert rows["pt"]["answered"] == {"count": 16, "suppressed": None}
    assert rows["es"]["answered"] == {"count": None, "suppressed": "small"}
    # Italy's 6 would give Spain's 3 away from the total: it is suppressed too.
    assert rows["it"]["answered"] == {"count": None, "suppressed": "secondary"}
    assert [(cell["choice"], cell["count"]) for cell in rows["all"]["choices"]] == [
        ("wgs", 25), ("wes", None), ("clinical_exome", None), ("arrays", None)]
    basis = questions[2]
    assert basis["several_answers"] is False
    for row in basis["rows"]:  # a single choice adds up to its answered count: never one hidden cell alone
        hidden = [cell for cell in [row["answered"], *row["choices"]] if cell["count"] is None]
        assert len(hidden) != 1
    given = [cell["count"] for question in questions for row in question["rows"]
             for cell in [row["answered"], *row["choices"]] if cell["count"] is not None]
    assert given and min(given) >= 5
    text = json.dumps(body)
    for private in ("Ricardo Jorge", "Rita Nome", "Trios"):  # no free text, nothing personal
        assert private not in text


def test_the_dashboard_gives_the_same_figures_per_country(client, genomes):
    body = client.get(dashboard(genomes)).json()
    questions = client.get(results(genomes)).json()["questions"]["items"]

    assert [table["question"] for table in body["tables"]] == [question["name"] for question in questions]
    assert body["tables"][0]["title"] == "Datasets by type of genetic data"
    countries = {entry["country"]["name"]: entry for entry in body["countries"]["items"]}
    assert list(countries) == ["it", "pt", "es"]
    assert countries["pt"]["responses"] == {"count": 16, "suppressed": None}
    assert countries["es"]["responses"] == {"count": None, "suppressed": "small"}
    assert countries["it"]["responses"] == {"count": None, "suppressed": "secondary"}
    assert body["all_countries"]["responses"] == {"count": 25, "suppressed": None}
    for question in questions:
        rows = by_country(question)
        for name, entry in [*countries.items(), ("all", body["all_countries"])]:
            figure = next(figure for figure in entry["figures"] if figure["question"] == question["name"])
            assert {"answered": figure["answered"], "choices": figure["choices"]} == {
                "answered": rows[name]["answered"], "choices": rows[name]["choices"]}


def test_fewer_responses_than_the_threshold_give_no_table(client):
    survey = public_survey(definition=with_dashboard(("kinds", "By kind"), definition=small_definition()))
    for _ in range(4):
        respond(survey, {"purpose": "clinical", "kinds": ["wgs"]})

    body = client.get(results(survey)).json()
    assert body["responses"] == {"count": None, "suppressed": "small"}
    assert body["questions"]["items"] == [] and body["questions"]["count"] == 0
    shown = client.get(dashboard(survey)).json()
    assert shown["tables"] == [] and shown["all_countries"] is None and shown["countries"]["items"] == []

    respond(survey, {"purpose": "clinical", "kinds": ["wgs"]})
    body = client.get(results(survey)).json()
    assert body["responses"] == {"count": 5, "suppressed": None}
    assert [question["name"] for question in body["questions"]["items"]] == ["kinds"]


# Pagination


def test_the_list_pages_with_links_to_the_next_and_previous(client):
    for _ in range(PER_PAGE + 1):
        public_survey()
    first = client.get(LIST).json()
    assert (first["count"], first["page"], first["pages"]) == (PER_PAGE + 1, 1, 2)
    assert len(first["items"]) == PER_PAGE and first["previous"] is None
    assert first["next"] == f"http://testserver{LIST}?page=2"
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 1 and second["next"] is None
    assert second["previous"] == f"http://testserver{LIST}?page=1"
    assert {item["id"] for item in first["items"] + second["items"]} == set(
        SurveyPageFactory._meta.model.objects.values_list("pk", flat=True))
    assert client.get(LIST + "?page=3").status_code == 404
    answer = client.get(LIST + "?page=none")
    assert answer.status_code == 422 and answer.json() == {"detail": "Not a valid value for: page."}


def test_a_long_survey_pages_its_questions(client):
    definition = small_definition()
    choices = [{"name": "yes", "label": "Yes"}, {"name": "no", "label": "No"}]
    definition["sections"].append({"name": "many", "title": "Many", "questions": [
        {"name": f"q{number}", "type": "single_choice", "label": f"Question {number}", "choices": choices}
        for number in range(PER_PAGE)]})
    survey = public_survey(definition=definition)
    for _ in range(5):
        respond(survey, {"purpose": "clinical", "kinds": ["wgs"]})
    first = client.get(results(survey)).json()["questions"]
    assert first["count"] == PER_PAGE + 2 and first["pages"] == 2  # purpose, kinds and the ten
    second = client.get(first["next"]).json()["questions"]
    assert [item["name"] for item in first["items"] + second["items"]] == [
        "purpose", "kinds", *[f"q{number}" for number in range(PER_PAGE)]]


# Caching


def cache_control(answer) -> set[str]:
    return {part.strip() for part in answer.get("Cache-Control", "").split(",") if part.strip()}


def test_answers_may_be_cached_and_are_not_sent_again_while_unchanged(client, genomes):
    first = client.get(results(genomes))
    assert cache_control(first) == {"public", f"max-age={MAX_AGE}"}
    tag = first["ETag"]
    again = client.get(results(genomes), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == tag and cache_control(again) == {"public", f"max-age={MAX_AGE}"}

    for _ in range(5):
        respond(genomes, {"country": "es", "b1_genetic_data": ["wes"], "d1_gdpr_basis": "no"})
    changed = client.get(results(genomes), HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert by_country(changed.json()["questions"]["items"][0])["es"]["answered"]["count"] == 8


def test_the_api_and_the_public_page_share_the_cached_figures(client, genomes, django_assert_max_num_queries):
    client.get(genomes.url + "results/")
    with django_assert_max_num_queries(8):  # the survey, restrictions, site, the cache's stamp: no tally
        assert client.get(results(genomes)).status_code == 200


def test_the_queries_do_not_grow_with_the_surveys_or_the_responses(client, genomes):
    def add_surveys(count):
        for _ in range(count):
            public_survey()

    assert_queries_do_not_grow(client, LIST, add_surveys, budget=12, prepare=cache.clear)

    def add_responses(count):
        for index in range(count):
            respond(genomes, {"country": ["pt", "it", "es"][index % 3], "b1_genetic_data": ["wgs"]})

    assert_queries_do_not_grow(client, results(genomes), add_responses, budget=30, prepare=cache.clear)
    assert_queries_do_not_grow(client, dashboard(genomes), add_responses, budget=30, prepare=cache.clear)


# The limit


def test_beyond_the_limit_the_answer_is_429_with_retry_after(client, genomes, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api": "3/m/ip"}
    spec = document(client)
    for url in (LIST, results(genomes), dashboard(genomes)):
        assert client.get(url).status_code == 200
    refused = client.get(results(genomes))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "max-age" not in refused.get("Cache-Control", "")
    body = assert_documented(spec, "/api/v1/surveys/{survey_id}/results/", refused)
    assert "Retry-After" in body["detail"]
    assert client.get(LIST, REMOTE_ADDR="192.0.2.7").status_code == 200  # per client address
    assert client.get(DOCUMENT).status_code == 200  # the document is not counted


def test_a_draft_changes_nothing_the_api_gives(client, genomes):
    """Drafts are never counted, in the figures nor in the stamp that keeps them cached."""
    before = client.get(results(genomes))
    respond(genomes, {"country": "pt", "b1_genetic_data": ["arrays"]}, status=Response.Status.DRAFT)
    after = client.get(results(genomes), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 304
