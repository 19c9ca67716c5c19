"""Survey results: exact statistics over two versions, filters, the admin results page and who may see
it, the public results page and its small-cell suppression, query counts."""

import datetime
import json
import re
from dataclasses import asdict
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.initiative.models import StakeholderCluster
from surveys.definition import DEFINITIONS_DIR
from surveys.models import Response, ResponseExport
from surveys.publishing import confirm_breaking_edit
from surveys.results import Filters, survey_results, text_answers
from tests.factories import (
    CountryFactory,
    ProfileFactory,
    ResponseExportFactory,
    ResponseFactory,
    SurveyPageFactory,
    UserFactory,
    coordinator,
    editor,
    small_definition,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"
ENGINES = ["python", "postgresql"] if ON_POSTGRESQL else ["python"]


def second_definition() -> dict:
    """Version 2: "arrays" is removed, "panel" added, a matrix and a date question added."""
    definition = small_definition()
    kinds = definition["sections"][0]["questions"][1]
    kinds["choices"] = [
        {"name": "wgs", "label": "WGS"},
        {"name": "wes", "label": "WES"},
        {"name": "panel", "label": "Gene panel"},
        {"name": "none", "label": "None of the above", "exclusive": True},
    ]
    definition["sections"][0]["questions"][0]["label"] = "1. Main purpose?"
    definition["sections"][1]["questions"] += [
        {
            "name": "quality",
            "type": "matrix",
            "label": "6. Quality",
            "rows": [{"name": "completeness", "label": "Completeness"},
                     {"name": "accuracy", "label": "Accuracy"}],
            "choices": [
                {"name": "good", "label": "Good"},
                {"name": "fair", "label": "Fair"},
                {"name": "poor", "label": "Poor"},
            ],
        },
        {"name": "collected", "type": "date", "label": "7. Collected on"},
    ]
    return definition


def respond(survey, answers, *, respondent=None, days_ago=0, status=Response.Status.SUBMITTED,
            version=None):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return ResponseFactory(
        survey=survey,
        version=version or survey.current_version(),
        respondent=respondent,
        status=status,
        answers=answers,
        contribution_id=f"C{Response.objects.count():03d}" if status == Response.Status.SUBMITTED else None,
        submitted_at=when if status == Response.Status.SUBMITTED else None,
    )


@pytest.fixture
def people(db):
    portugal = CountryFactory(iso_code="PT", name="Portugal")
    spain = CountryFactory(iso_code="ES", name="Spain")
    academics = StakeholderCluster.objects.get(slug="academics")
    industry = StakeholderCluster.objects.get(slug="industry")
    return {
        "pt_academic": ProfileFactory(country=portugal, clusters=[academics]).user,
        "es_industry": ProfileFactory(country=spain, clusters=[industry]).user,
        "pt_academic_2": ProfileFactory(country=portugal, clusters=[academics]).user,
        "pt_industry": ProfileFactory(country=portugal, clusters=[industry]).user,
    }


@pytest.fixture
def answered(survey, people):
    """Five submitted responses, three to version 1 and two to version 2, and a draft."""
    first = survey.current_version()
    respond(survey, {"purpose": "clinical", "kinds": ["wgs", "arrays"], "describe": "Trios", "subjects": "10",
                     "per_kind": {"wgs": "4", "arrays": "6"}}, respondent=people["pt_academic"], days_ago=9)
    respond(survey, {"purpose": "research", "kinds": ["arrays"], "subjects": "20",
                     "per_kind": {"arrays": "20"}, "contact": "lab@example.org"},
            respondent=people["es_industry"], days_ago=8)
    respond(survey, {"purpose": "research", "kinds": ["none"], "subjects": "0"}, days_ago=7)
    survey.definition = second_definition()
    confirm_breaking_edit(survey, survey.definition)  # as the coordinator does in the editor
    survey.save_revision().publish()
    assert survey.current_version().number == 2
    respond(survey, {"purpose": "clinical", "kinds": ["wgs", "panel"], "describe": "Deep WGS",
                     "subjects": "30", "per_kind": {"wgs": "25", "panel": "5"},
                     "quality": {"completeness": "good", "accuracy": "fair"}, "collected": "2020-05-01"},
            respondent=people["pt_academic_2"], days_ago=2)
    respond(survey, {"purpose": "research", "kinds": ["wes"], "subjects": "40", "per_kind": {"wes": "40"},
                     "quality": {"completeness": "good", "accuracy": ""}, "collected": "2021-01-31"},
            respondent=people["pt_industry"], days_ago=1)
    respond(survey, {"purpose": "clinical", "kinds": ["wes"]}, status=Response.Status.DRAFT, version=first)
    return survey


def by_name(results):
    return {result.question.name: result for result in results.questions}


def counts(result):
    return {count.name: (count.count, count.percent) for count in result.counts}


@pytest.mark.parametrize("engine", ENGINES)
def test_statistics_are_exact_across_two_versions_with_a_removed_choice(answered, engine):
    results = survey_results(answered, engine=engine)
    assert results.total == 5
    questions = by_name(results)
    assert list(questions) == ["purpose", "kinds", "describe", "subjects", "per_kind", "contact", "quality",
                               "collected"]

    purpose = questions["purpose"]
    assert purpose.question.label == "1. Main purpose?"  # the latest wording
    assert (purpose.asked, purpose.answered) == (5, 5)
    assert counts(purpose) == {"clinical": (2, 40.0), "research": (3, 60.0)}

    kinds = questions["kinds"]
    assert [(count.name, count.label, count.removed) for count in kinds.counts] == [
        ("wgs", "WGS", False), ("wes", "WES", False), ("panel", "Gene panel", False),
        ("none", "None of the above", False), ("arrays", "Arrays", True),
    ]
    assert counts(kinds) == {"wgs": (2, 40.0), "wes": (1, 20.0), "panel": (1, 20.0), "none": (1, 20.0),
                             "arrays": (2, 40.0)}

    assert questions["describe"].answered == 2
    assert questions["describe"].texts == ["Deep WGS", "Trios"]  # newest first

    subjects = questions["subjects"].summary
    assert (subjects.n, subjects.min, subjects.median, subjects.max, subjects.total) == (5, 0, 20, 40, 100)

    per_kind = {row.name: row for row in questions["per_kind"].rows}
    assert list(per_kind) == ["wgs", "wes", "panel", "arrays"]  # rows follow the merged choices of "kinds"
    wgs = per_kind["wgs"].summary
    assert (wgs.n, wgs.min, wgs.median, wgs.max, wgs.total) == (2, 4, Decimal("14.5"), 25, 29)
    assert (per_kind["arrays"].summary.n, per_kind["arrays"].summary.median) == (2, 13)
    assert per_kind["arrays"].removed
    assert (per_kind["panel"].summary.n, per_kind["panel"].summary.total) == (1, 5)

    assert (questions["contact"].answered, questions["contact"].texts) == (1, [])  # emails are never listed

    quality = questions["quality"]
    assert (quality.asked, quality.answered) == (2, 2)  # asked in version 2 only
    rows = {row.name: (row.answered, {count.name: count.count for count in row.counts})
            for row in quality.rows}
    assert rows == {"completeness": (2, {"good": 2, "fair": 0, "poor": 0}),
                    "accuracy": (1, {"good": 0, "fair": 1, "poor": 0})}
    assert quality.rows[1].counts[1].percent == 100.0

    collected = questions["collected"].summary
    assert (collected.n, collected.min, collected.max) == (2, "2020-05-01", "2021-01-31")


@pytest.mark.skipif(not ON_POSTGRESQL, reason="compares the database's counting with Python's")
def test_postgresql_and_python_agree(answered):
    in_database = survey_results(answered, engine="postgresql")
    assert asdict(in_database) == asdict(survey_results(answered, engine="python"))


@pytest.mark.parametrize("engine", ENGINES)
def test_filters_combine(answered, engine):
    def total(**filters):
        return survey_results(answered, Filters(**filters), engine=engine).total

    assert total(country="pt") == 3  # from the respondents' profiles: this survey asks no country
    assert total(cluster="academics") == 2
    assert total(country="pt", cluster="industry") == 1
    assert total(answers=[("purpose", "research")]) == 3
    assert total(answers=[("kinds", "arrays")]) == 2  # a removed choice still filters
    assert total(country="pt", cluster="academics", answers=[("purpose", "clinical"), ("kinds", "wgs")]) == 2
    assert total(country="pt", answers=[("kinds", "arrays")]) == 1
    assert total(country="es", cluster="academics") == 0

    filtered = by_name(survey_results(answered, Filters(answers=[("kinds", "wgs")]), engine=engine))
    assert counts(filtered["purpose"]) == {"clinical": (2, 100.0), "research": (0, 0.0)}


def test_free_text_answers_are_paginated_newest_first(answered):
    describe = by_name(survey_results(answered))["describe"].question
    assert list(text_answers(answered, describe)) == [("C003", "Deep WGS"), ("C000", "Trios")]
    assert list(text_answers(answered, describe, Filters(answers=[("purpose", "clinical")]))) != []


def test_filters_on_the_survey_s_own_country_question(survey):
    definition = small_definition()
    definition["sections"][0]["questions"].insert(0, {
        "name": "country", "type": "single_choice", "label": "Country",
        "choices": [{"name": "pt", "label": "Portugal"}, {"name": "es", "label": "Spain"}],
    })
    survey.definition = definition
    survey.save_revision().publish()
    portugal = CountryFactory(iso_code="PT", name="Portugal")
    in_spain = ProfileFactory(country=portugal).user  # the profile says Portugal, the answer Spain
    respond(survey, {"country": "es", "purpose": "clinical", "kinds": ["wgs"]}, respondent=in_spain)
    respond(survey, {"country": "pt", "purpose": "clinical", "kinds": ["wgs"]})
    for engine in ENGINES:
        results = survey_results(survey, Filters(country="es"), engine=engine)
        assert results.total == 1


# --- The results page in the admin ----------------------------------------------------------------


def results_url(survey) -> str:
    return f"/admin/surveys/{survey.pk}/results/"


def test_coordinators_see_every_question_s_statistics_as_a_table_and_a_chart(client, answered):
    client.force_login(coordinator())
    page = client.get(results_url(answered))
    assert page.status_code == 200
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "5 submitted responses" in html
    # The table holds every figure; the chart beside it is an SVG that names its figures in its
    # description and carries them as a table too. A removed choice is said so and drawn as an outline.
    kinds = html[html.index('id="q-kinds"'):html.index('id="q-describe"')]
    removed = r'<th scope="row">Arrays <code>arrays</code> <strong>\(removed in a later version\)'
    assert re.search(removed, kinds)
    assert '<td class="numeric">2</td><td class="numeric">40.0%</td>' in kinds
    chart = kinds[kinds.index('<figure class="chart"'):kinds.index("</figure>")]
    assert 'role="img"' in chart and "style=" not in chart
    assert "Arrays (removed in a later version): 2 (40.0%)" in chart  # the SVG's description
    assert re.search(r'class="chart__bar chart__bar--noted"[^>]*>', chart)
    assert '<th scope="row">Arrays (removed in a later version)</th><td>2</td><td>40.0%</td>' in chart
    assert "Deep WGS" in html and "All 2 answers" in html
    assert '<label class="w-field__label" for="id_cluster"' in html or 'for="id_cluster"' in html
    assert "<script>" not in html.split("</header>")[-1]


def test_filters_in_the_admin_combine(client, answered):
    client.force_login(coordinator())
    page = client.get(results_url(answered), {"country": "pt", "cluster": "academics",
                                              "answer_1": "kinds:arrays"})
    assert "1 submitted response match the filters" in page.content.decode()


def test_free_text_answers_have_their_own_paginated_page(client, answered):
    client.force_login(coordinator())
    page = client.get(f"{results_url(answered)}answers/describe/", {"answer_1": "purpose:clinical"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Deep WGS") < html.index("Trios")
    assert client.get(f"{results_url(answered)}answers/purpose/").status_code == 404


def test_the_survey_page_has_a_results_button_and_menu_item(client, answered):
    client.force_login(coordinator())
    assert results_url(answered) in client.get(f"/admin/pages/{answered.pk}/edit/").content.decode()
    assert results_url(answered) in client.get(f"/admin/pages/{answered.get_parent().pk}/").content.decode()


def test_the_results_page_runs_as_many_queries_whatever_the_number_of_responses(client, answered):
    client.force_login(coordinator())
    academics = StakeholderCluster.objects.get(slug="academics")

    def add_responses(count):
        for _ in range(count):
            index = Response.objects.count()
            user = ProfileFactory(clusters=[academics]).user
            respond(answered, {"purpose": "clinical", "kinds": ["wgs"], "describe": f"Text {index}",
                               "subjects": str(index), "quality": {"completeness": "good"}}, respondent=user)

    # The statistics are cached: each count computes them.
    assert_queries_do_not_grow(client, results_url(answered), add_responses, few=0, more=12, budget=40,
                               data={"cluster": "academics"}, prepare=cache.clear)


def test_stakeholders_and_visitors_get_no_results(client, answered):
    url = results_url(answered)
    assert client.get(url).status_code == 302  # to sign in
    stakeholder = ProfileFactory().user
    client.force_login(stakeholder)
    page = client.get(url)
    assert page.status_code in {302, 403} and b"Deep WGS" not in page.content
    assert client.get(f"{url}answers/describe/").status_code in {302, 403}
    assert client.get(f"{url}codebook.csv").status_code in {302, 403}


def refused(response) -> bool:
    """Refused: Wagtail's admin sends who may not see a view back to the dashboard with a message."""
    return response.status_code in {302, 403} and b"Deep WGS" not in response.content


def test_an_admin_user_who_may_not_edit_the_survey_gets_no_results(client, answered):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert refused(client.get(results_url(answered)))
    assert refused(client.get(f"{results_url(answered)}answers/describe/"))
    assert refused(client.get(f"{results_url(answered)}codebook.csv"))


def test_editors_who_may_edit_but_not_publish_the_survey_get_no_results(client, answered):
    client.force_login(editor())
    assert refused(client.get(results_url(answered)))


# --- The public results page ----------------------------------------------------------------------


@pytest.fixture
def genomes(db):
    """The accessible genomes survey with public results: 16 datasets in Portugal, 6 in Italy, 3 in Spain."""
    definition = json.loads((DEFINITIONS_DIR / "accessible_genomes_2020.json").read_text())
    survey = SurveyPageFactory(title="Survey on accessible genomes", slug="accessible-genomes",
                               definition=definition, public_results=True)
    bases = ["yes"] * 5 + ["no"] * 5 + ["no_reconsent_possible"] * 5 + ["dont_know"]
    for index, basis in enumerate(bases):
        respond(survey, {"country": "pt", "b1_genetic_data": ["wgs", "wes"] if index < 3 else ["wgs"],
                         "b1_phenotypic_data": ["clinical_information", "treatment"], "d1_gdpr_basis": basis})
    for _index in range(6):
        respond(survey, {"country": "it", "b1_genetic_data": ["wgs"], "b1_phenotypic_data": ["treatment"],
                         "d1_gdpr_basis": "yes"})
    for _index in range(3):
        respond(survey, {"country": "es", "b1_genetic_data": ["wgs"], "b1_phenotypic_data": ["none"],
                         "d1_gdpr_basis": "yes"})
    respond(survey, {"country": "it", "b1_genetic_data": ["wgs"]}, status=Response.Status.DRAFT)
    return survey


def cells(html: str, heading: str, chart: bool = False) -> dict[str, list[str]]:
    """The rows of the table under a heading (`chart`: of the chart's table, else of the one after the
    chart): row label -> cell texts."""
    part = html[html.index(heading):]
    if not chart:
        part = part[part.index("</figure>"):]
    part = part[:part.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", part, re.S):
        label = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if label:
            rows[label.group(1).strip()] = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    return rows


def test_the_public_page_shows_no_count_below_five(client, genomes):
    page = client.get(genomes.url + "results/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Based on 25 contributions." in html
    # Spain's 3 would follow from the total and the others: Italy's 6, the smallest other, is not shown.
    assert cells(html, "Contributions per country", chart=True) == {
        "Italy": ["not shown"], "Portugal": ["16"], "Spain": ["fewer than 5"],
    }
    genetic = cells(html, "Datasets by type of genetic data")
    # Answered, then WGS, WES, clinical exome, arrays.
    assert genetic["Portugal"] == ["16", "16", "fewer than 5", "fewer than 5", "fewer than 5"]
    assert genetic["Italy"] == ["not shown", "not shown", "fewer than 5", "fewer than 5", "fewer than 5"]
    assert genetic["Spain"] == ["fewer than 5"] * 5
    assert genetic["All countries"] == ["25", "25", "fewer than 5", "fewer than 5", "fewer than 5"]
    basis = cells(html, "Legal basis")
    # No, no but re-consenting possible, yes, don't know: the one small cell would follow from the
    # others and the answered count, so one more is not shown.
    assert basis["Portugal"][0] == "16" and basis["Portugal"].count("fewer than 5") == 1
    assert "not shown" in basis["Portugal"]
    hidden = ("fewer than 5", "not shown")
    for row in basis.values():  # a row adds up to its answered count: never a single hidden cell
        assert sum(cell in hidden for cell in row) != 1
    for column in zip(*basis.values(), strict=True):  # nor in a column, which adds up to all countries
        assert sum(cell in hidden for cell in column) != 1
    every_number = [int(number) for number in re.findall(r"<td>\s*(\d+)\s*</td>", html)]
    assert every_number and min(every_number) >= 5
    assert "Trios" not in html


def test_the_public_page_says_so_when_there_are_fewer_than_five_contributions(client, survey):
    survey.public_results = True
    survey.save_revision().publish()
    respond(survey, {"purpose": "clinical", "kinds": ["wgs"]})
    html = client.get(survey.url + "results/").content.decode()
    assert "Fewer than 5 contributions so far" in html
    assert "<table" not in html


def test_no_public_page_unless_the_coordinator_allows_it(client, survey):
    respond(survey, {"purpose": "clinical", "kinds": ["wgs"]})
    assert client.get(survey.url + "results/").status_code == 404


def test_the_public_page_needs_few_queries(client, genomes):
    with CaptureQueriesContext(connection) as captured:
        client.get(genomes.url + "results/")
    assert len(captured) <= 20


def test_the_free_text_page_runs_as_many_queries_whatever_the_number_of_answers(client, answered):
    client.force_login(coordinator())

    def add_answers(count):
        for _ in range(count):
            text = f"Text {Response.objects.count()}"
            respond(answered, {"purpose": "clinical", "kinds": ["wgs"], "describe": text},
                    respondent=ProfileFactory().user)

    assert_queries_do_not_grow(client, f"{results_url(answered)}answers/describe/", add_answers, budget=40,
                               prepare=cache.clear)


def test_the_results_page_runs_as_many_queries_whatever_the_number_of_exports(client, answered):
    client.force_login(coordinator())

    def add_exports(count):
        for _ in range(count):
            ResponseExportFactory(survey=answered, status=ResponseExport.Status.DONE,
                                  requested_by=coordinator())

    assert_queries_do_not_grow(client, results_url(answered), add_exports, budget=40, prepare=cache.clear)
