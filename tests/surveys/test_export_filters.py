"""The results page's filters: number ranges and any number of conditions, the same figures in both
statistics engines, cached apart; an export asked for from the page holds exactly the responses and the
figures the page shows under the same filters (CSV and XLSX, the tables of repeats too); query counts
that grow neither with the conditions nor with the data."""
# ruff: noqa: F811  (the fixtures come from the test modules next door)

import csv
import html as html_lib
import io
import re
import zipfile
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys import exports
from surveys.models import Response, ResponseExport
from surveys.results import (
    FilterForm,
    Filters,
    cached_survey_results,
    merged_questions,
    submitted_responses,
    survey_results,
    survey_versions,
)
from surveys.types.values import read_number
from tests.factories import ProfileFactory, ResponseExportFactory, SurveyPageFactory, coordinator
from tests.queries import assert_queries_do_not_grow

from .repeat_survey import repeat_definition, three_respondents
from .test_answer_items import ON_POSTGRESQL, both_engines_agree, postgresql_only, varied  # noqa: F401
from .test_exports import built_by_the_worker
from .test_results import answered, people, respond, results_url  # noqa: F401
from .test_statistical_exports import read_statistical

pytestmark = pytest.mark.django_db


def kept(survey, filters) -> set[str]:
    questions = merged_questions(survey_versions(survey))
    return set(submitted_responses(survey, questions, filters).values_list("contribution_id", flat=True))


# --- Number ranges --------------------------------------------------------------------------------


RANGES = [
    Filters(ranges=[("subjects", Decimal(10), Decimal(30))]),
    Filters(ranges=[("subjects", Decimal("12.5"), None)]),  # "12,5" is 12.5; " 7 " is 7; "many" is none
    Filters(ranges=[("subjects", None, Decimal(0))]),  # "-3" and "0"
    Filters(ranges=[("subjects", Decimal(20), Decimal(400)), ("subjects", None, Decimal(250))]),
    Filters(country="pt", ranges=[("subjects", Decimal(5), None)], answers=[("kinds", "wgs")]),
    # More than three conditions: a cluster, three answers and two ranges, all holding at once.
    Filters(cluster="academics", answers=[("purpose", "clinical"), ("kinds", "wgs"), ("grade", "a")],
            ranges=[("subjects", Decimal(1), None), ("subjects", None, Decimal(90))]),
]


@postgresql_only
def test_ranges_read_numbers_as_the_statistics_do_and_both_engines_agree_under_them(varied):
    """The database reads an answer as a number exactly as the statistics do (read_number), odd answers
    included, and only in versions that ask the question as a number; both engines count the same over
    what the filters keep."""
    questions = {question.name: question for question in merged_questions(survey_versions(varied))}
    subjects = questions["subjects"]
    rows = Response.objects.filter(survey=varied, status=Response.Status.SUBMITTED).values_list(
        "contribution_id", "version_id", "answers")
    for low, high in [(Decimal(10), Decimal(30)), (Decimal("-3"), Decimal("0.5")), (Decimal("12.5"), None),
                      (None, Decimal(7))]:
        expected = {
            contribution for contribution, version, answers in rows
            if version in subjects.versions and (number := read_number(answers.get("subjects"))) is not None
            and (low is None or number >= low) and (high is None or number <= high)
        }
        assert kept(varied, Filters(ranges=[("subjects", low, high)])) == expected
        assert expected  # each range keeps some responses
    for filters in RANGES:
        results = both_engines_agree(varied, filters)
        assert 0 < results.total == len(kept(varied, filters)), filters


def test_a_rating_and_a_calculated_value_take_ranges_and_don_t_know_is_no_number():
    definition = {
        "format": "1mg-portal-survey/1", "name": "rated", "title": "Rated", "languages": ["en"],
        "privacy_statement_url": "/privacy/",
        "sections": [{"name": "only", "title": "Only", "questions": [
            {"name": "score", "type": "rating", "label": "Satisfied?", "scale_min": 0, "scale_max": 10,
             "dont_know": True},
            {"name": "sites", "type": "number", "label": "Sites", "kind": "decimal"},
            {"name": "double", "type": "calculated", "label": "Twice the sites",
             "expression": {"op": "*", "args": [{"question": "sites"}, 2]}},
            {"name": "note", "type": "short_text", "label": "Note"},
        ]}],
    }
    survey = SurveyPageFactory(definition=definition, slug="rated")
    answers = [("3", "1", "2"), ("8", " 4,5 ", "9"), ("dont_know", "10", "20"), ("10", "", None),
               ("2", 12, "24"), ("1", "many", None), ("4", ".5", "1"), ("5", "-3", "-6")]
    for score, sites, double in answers:
        respond(survey, {"score": score, "sites": sites, "double": double, "note": "n"})
    assert kept(survey, Filters(ranges=[("score", Decimal(5), None)])) == {"C001", "C003", "C007"}
    assert kept(survey, Filters(ranges=[("score", None, Decimal(10))])) == {
        "C000", "C001", "C003", "C004", "C005", "C006", "C007"}
    assert kept(survey, Filters(ranges=[("sites", Decimal("4.5"), Decimal(12))])) == {"C001", "C002", "C004"}
    assert kept(survey, Filters(ranges=[("sites", None, Decimal("0.5"))])) == {"C006", "C007"}
    assert kept(survey, Filters(ranges=[("double", Decimal(8), Decimal(20))])) == {"C001", "C002"}
    both = Filters(ranges=[("double", Decimal(2), None), ("score", Decimal(0), Decimal(9))])
    found = both_engines_agree(survey, both) if ON_POSTGRESQL else survey_results(survey, both)
    assert found.total == 3
    form = FilterForm({}, questions=merged_questions(survey_versions(survey)))
    offered = [name for name, _label in form.fields["number_1"].choices]
    assert offered == ["", "score", "sites", "double"]  # asked of the types: what compares as a number
    with pytest.raises(ValueError):
        survey_results(survey, Filters(ranges=[("note", Decimal(1), None)]))


def test_the_cached_statistics_are_kept_per_filters(answered):
    cache.clear()
    low = Filters(ranges=[("subjects", None, Decimal(15))])
    high = Filters(ranges=[("subjects", Decimal(15), None)])
    assert cached_survey_results(answered, low).total == 2
    assert cached_survey_results(answered, high).total == 3
    assert cached_survey_results(answered, low).total == 2
    with CaptureQueriesContext(connection) as captured:
        assert cached_survey_results(answered, high).total == 3
    assert len(captured) == 1  # the stamp that checks no response changed: the figures come from the cache


# --- The form -------------------------------------------------------------------------------------


def test_the_form_takes_as_many_conditions_as_are_sent_and_offers_one_more(answered):
    questions = merged_questions(survey_versions(answered))
    data = {"answer_1": "purpose:clinical", "answer_2": "kinds:wgs", "answer_3": "kinds:panel",
            "answer_4": "kinds:wes", "answer_7": "purpose:clinical",
            "number_1": "subjects", "from_1": "10", "number_2": "subjects", "to_2": "30,"}
    form = FilterForm(data, questions=questions)
    assert [field.name for field in form.answer_fields()] == [f"answer_{n}" for n in (1, 2, 3, 4, 7, 8)]
    assert [fields[0].name for fields in form.range_fields()] == ["number_1", "number_2", "number_3"]
    assert not form.is_valid()  # "30," is no number
    assert form.errors == {"to_2": ["Enter a number."]}
    data["to_2"] = "30"
    form = FilterForm(data, questions=questions)
    assert form.filters() == Filters(
        answers=[("purpose", "clinical"), ("kinds", "wgs"), ("kinds", "panel"), ("kinds", "wes"),
                 ("purpose", "clinical")],
        ranges=[("subjects", Decimal(10), None), ("subjects", None, Decimal(30))])
    assert form.described(form.filters())[-2:] == ["“3. Subjects?” at least 10", "“3. Subjects?” at most 30"]


@pytest.mark.parametrize(("data", "field", "error"), [
    ({"number_1": "subjects"}, "from_1", "Give the lowest number, the highest or both."),
    ({"from_1": "3"}, "number_1", "Choose the question the numbers are answers to."),
    ({"number_1": "subjects", "from_1": "30", "to_1": "10"}, "to_1", "Give a number no lower than 30."),
    ({"number_1": "purpose", "from_1": "1"}, "number_1", "Select a valid choice."),
    ({"number_1": "subjects", "from_1": "NaN"}, "from_1", "Enter a number."),
])
def test_a_bad_range_is_shown_beside_its_field_and_nothing_typed_is_lost(client, answered, data, field,
                                                                         error):
    client.force_login(coordinator())
    sent = {"country": "pt", "answer_1": "kinds:wgs", "answer_2": "purpose:clinical", **data}
    page = client.get(results_url(answered), sent).content.decode()
    assert "The filters were not applied" in page
    assert error in page[page.index(f'id="id_{field}"') - 2000:page.index(f'id="id_{field}"') + 2000]
    assert 'value="pt" selected' in page and 'value="kinds:wgs" selected' in page
    assert 'value="purpose:clinical" selected' in page
    for name, value in data.items():
        if error.startswith("Select a valid choice"):
            break  # a select cannot show what it does not offer
        assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"|value="{re.escape(value)}" selected',
                         page), name
    assert "5 submitted responses," in page  # the figures of every response, not of half the filters


def test_filters_beyond_the_limit_are_refused_with_a_reason(answered):
    questions = merged_questions(survey_versions(answered))
    data = {f"answer_{number}": "purpose:clinical" for number in range(1, FilterForm.MAX_CONDITIONS + 2)}
    form = FilterForm(data, questions=questions)
    assert not form.is_valid()
    assert form.non_field_errors() == [f"Use at most {FilterForm.MAX_CONDITIONS} conditions of each kind."]


# --- Exports under the page's filters --------------------------------------------------------------


def hidden_filters(page: str) -> str:
    """The filters the page's export form sends, as the page writes them."""
    found = re.search(r'<input type="hidden" name="filters" value="([^"]*)"', page)
    return html_lib.unescape(found[1]) if found else ""


def export_from_the_page(client, survey, query: dict, format: str, django_capture_on_commit_callbacks):
    """Ask for an export as a coordinator does, from the results page under these filters; the job runs
    once the request commits. Returns the page's HTML and the export."""
    page = client.get(results_url(survey), query).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(results_url(survey) + "export/",
                            {"format": format, "filters": hidden_filters(page)})
    assert asked.status_code == 302
    return page, ResponseExport.objects.latest("pk")


def read_table(export, format: str, table: str = "responses") -> list[dict]:
    """The rows of one table of an export's file, as {column: value} (values as the CSV writes them)."""
    data = export.file.read()
    if format == "csv":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rows = list(csv.reader(io.StringIO(archive.read(f"{table}.csv").decode())))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data))[table]
        rows = [["" if value is None else _as_csv(value) for value in row]
                for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _as_csv(value) -> str:
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return str(value)


PAGE_FILTERS = [
    {"country": "pt"},
    {"number_1": "subjects", "from_1": "10", "to_1": "30"},
    {"answer_1": "purpose:clinical", "number_1": "subjects", "from_1": "5"},
    # Four answer conditions and two ranges.
    {"answer_1": "purpose:research", "answer_2": "kinds:wes", "answer_3": "purpose:research",
     "answer_4": "kinds:wes", "number_1": "subjects", "from_1": "1", "number_2": "subjects", "to_2": "45"},
]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize("query", PAGE_FILTERS)
def test_an_export_holds_exactly_the_responses_and_figures_the_page_shows(
    client, answered, media_in_tmp, django_capture_on_commit_callbacks, format, query
):
    client.force_login(coordinator())
    page, export = export_from_the_page(client, answered, query, format, django_capture_on_commit_callbacks)
    form = FilterForm(query, questions=merged_questions(survey_versions(answered)))
    filters = form.filters()
    assert filters and export.status == "done", export.error
    assert Filters.from_json(export.filters) == filters
    shown = survey_results(answered, filters)
    counted = re.search(r"(\d+) submitted responses? match the filters", page)
    assert int(counted[1]) == shown.total == export.rows_done

    rows = read_table(export, format)
    assert {row["contribution_id"] for row in rows} == kept(answered, filters)
    by_name = {result.question.name: result for result in shown.questions}
    purpose = Counter(row["purpose"] for row in rows if row["purpose"])
    assert purpose == {count.name: count.count for count in by_name["purpose"].counts if count.count}
    for count in by_name["kinds"].counts:
        assert sum(row[f"kinds__{count.name}"] == "1" for row in rows) == count.count
    numbers = [Decimal(row["subjects"]) for row in rows if row["subjects"]]
    summary = by_name["subjects"].summary
    assert (len(numbers), sum(numbers)) == (summary.n, summary.total)
    assert (min(numbers), max(numbers)) == (summary.min, summary.max)

    listed = client.get(results_url(answered)).content.decode()
    listed = listed[listed.index('id="exports"'):]
    for line in form.described(filters):
        assert html_lib.escape(line) in listed


def test_an_export_without_filters_holds_every_response_and_says_so(
    client, answered, media_in_tmp, django_capture_on_commit_callbacks
):
    client.force_login(coordinator())
    page, export = export_from_the_page(client, answered, {}, "csv", django_capture_on_commit_callbacks)
    assert hidden_filters(page) == "" and export.filters == {}
    assert len(read_table(export, "csv")) == 5
    listed = client.get(results_url(answered)).content.decode()
    assert "None: every submitted response" in listed
    assert "Filters do not apply to exports" not in listed


def test_an_export_asked_for_under_filters_with_errors_is_refused(client, answered):
    client.force_login(coordinator())
    asked = client.post(results_url(answered) + "export/",
                        {"format": "csv", "filters": "number_1=subjects&from_1=9&to_1=2"})
    assert asked.status_code == 302 and "from_1=9" in asked["Location"]
    assert not ResponseExport.objects.exists()
    page = client.get(asked["Location"]).content.decode()
    assert "The filters have errors: correct them before preparing an export." in page


@pytest.mark.parametrize("end", ["1E999999", "1E-20000"])
def test_a_range_end_beyond_what_numbers_hold_is_an_error_beside_it(client, answered, end):
    client.force_login(coordinator())
    page = client.get(results_url(answered), {"number_1": "subjects", "from_1": end})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors["from_1"] and form.data["from_1"] == end  # what was typed is kept


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_tables_of_repeats_hold_the_items_of_the_responses_kept_only(media_in_tmp, format):
    survey = SurveyPageFactory(definition=repeat_definition())
    three_respondents(survey)
    job = exports.request_export(survey, format, coordinator(), Filters(answers=[("country", "pt")]))
    export = exports.run_export(job.pk)
    assert [row["contribution_id"] for row in read_table(export, format)] == ["REP-0002", "REP-0003"]
    export.file.seek(0)
    items = read_table(export, format, "repeat_datasets")
    assert [(row["contribution_id"], row["dataset_name"], row["depth"]) for row in items] == [
        ("REP-0002", "Biobank genomes", "40")]


# --- Queries ----------------------------------------------------------------------------------------

MANY = {"country": "pt", "cluster": "academics", "answer_1": "purpose:clinical", "answer_2": "kinds:wgs",
        "answer_3": "kinds:wgs", "answer_4": "purpose:clinical", "number_1": "subjects", "from_1": "0",
        "number_2": "subjects", "to_2": "1000", "number_3": "subjects", "from_3": "-5", "to_3": "5000"}


def test_the_results_page_runs_as_many_queries_whatever_the_conditions_and_the_responses(client, answered):
    client.force_login(coordinator())

    def add_responses(count):
        for _ in range(count):
            index = Response.objects.count()
            respond(answered, {"purpose": "clinical", "kinds": ["wgs"], "subjects": str(index)},
                    respondent=ProfileFactory().user)
        for _ in range(count):
            ResponseExportFactory(survey=answered, status=ResponseExport.Status.DONE,
                                  filters=Filters(country="pt", answers=[("kinds", "wgs")],
                                                  ranges=[("subjects", Decimal(1), None)]).as_json())

    def queries(data) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(results_url(answered), data).status_code == 200
        return len(captured)

    client.get(results_url(answered))
    assert queries({"country": "pt"}) == queries(MANY)
    assert_queries_do_not_grow(client, results_url(answered), add_responses, few=1, more=8, budget=40,
                               data=MANY, prepare=cache.clear)


def test_an_export_runs_as_many_queries_whatever_the_conditions_and_the_responses(answered, media_in_tmp):
    user = coordinator()

    def queries(filters) -> int:
        job = exports.request_export(answered, "xlsx", user, filters)
        with CaptureQueriesContext(connection) as captured:
            assert exports.run_export(job.pk).status == "done"
        return len(captured)

    form = FilterForm(MANY, questions=merged_questions(survey_versions(answered)))
    many = form.filters()
    assert len(many.answers) + len(many.ranges) == 7
    few = queries(Filters(country="pt"))
    assert queries(many) == few
    for index in range(40):
        respond(answered, {"purpose": "clinical", "kinds": ["wgs"], "subjects": str(index)},
                respondent=ProfileFactory().user)
    assert queries(many) == few


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_celery_worker_builds_an_export_under_the_page_s_filters(client, answered, celery_worker):
    client.force_login(coordinator())
    page = client.get(results_url(answered), {"number_1": "subjects", "from_1": "15"}).content.decode()
    export, data = built_by_the_worker(client, answered, celery_worker, "csv", hidden_filters(page))
    assert export.filters == {"ranges": [["subjects", "15", None]]}
    assert sorted(row["contribution_id"] for row in read_table(export, "csv")) == ["C001", "C003", "C004"]


@pytest.mark.parametrize("format", ["sav", "dta"])
def test_spss_and_stata_exports_take_the_responses_of_the_same_filters(answered, tmp_path, format):
    filters = Filters(answers=[("purpose", "research")], ranges=[("subjects", Decimal(15), None)])
    output = io.BytesIO()
    assert exports.write_export(answered, format, output, filters=filters) == 2
    tables, _codebook = read_statistical(output.getvalue(), format, tmp_path)
    frame, _metadata = tables["responses"]
    assert sorted(frame["contribution_id"]) == sorted(kept(answered, filters)) == ["C001", "C004"]
