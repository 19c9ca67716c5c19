"""Stored versions with the types the accessible genomes survey lacks (matrix, number, number table with
fixed rows and with rows from an earlier answer, date, short text): fixtures/stored_tables.json holds a
definition and answers as the survey engine before issue 18's refactor read them from forms (commit
a4442d1, surveys.answering.read_answer), written as rows and taken through every layer."""

import io

import openpyxl
import pytest

from portal.core.personal_data import export_personal_data
from surveys import exports
from surveys.definition import validate_definition, with_defaults
from surveys.results import survey_results
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition

from .stored import read_fixture, store
from .test_exports import read_zip

pytestmark = pytest.mark.django_db

FIXTURE = read_fixture("stored_tables.json")
DEFINITION = FIXTURE["version"]["definition"]


@pytest.fixture
def stored():
    return store(FIXTURE, "tables-survey")


def test_the_stored_definition_is_valid():
    assert validate_definition(DEFINITION) == []


def test_the_draft_resumes_with_its_numbers_and_the_rows_of_its_earlier_answer(client, stored):
    survey, responses = stored
    draft = responses[-1]
    client.force_login(draft.respondent)
    page = client.get(survey.url + survey.reverse_subpage("resume", args=[draft.token]), follow=True)
    assert page.redirect_chain[-1][0].endswith(f"/{draft.token}/counts/")
    html = page.content.decode()
    assert 'name="subjects" value="12"' in html
    assert 'name="per_kind__wgs"' in html and 'name="per_kind__wes"' not in html
    more = client.get(survey.url + survey.reverse_subpage("section", args=[draft.token, "more"])).text
    assert 'name="ratings__storage" value="low" checked' in more


def test_a_submitted_response_reads_back_in_words_on_its_receipt(client, stored):
    survey, responses = stored
    client.force_login(responses[0].respondent)
    receipt = client.get(survey.url + survey.reverse_subpage("receipt", args=[responses[0].token])).text
    assert "Storage: High; Access: Middle" in receipt
    assert "Belgium: 3; Portugal: 1" in receipt
    assert "2015-03-01" in receipt and "2,5" in receipt


@pytest.mark.parametrize("engine", ["postgresql", "python"])
def test_the_statistics_count_the_stored_answers(stored, engine):
    survey, _ = stored
    found = survey_results(survey, engine=engine)
    assert found.total == 4
    results = {result.question.name: result for result in found.questions}
    rows = {row.name: {count.name: count.count for count in row.counts if count.count}
            for row in results["ratings"].rows}
    assert rows == {"storage": {"high": 2, "low": 1, "mid": 1}, "access": {"mid": 1, "low": 1, "high": 2}}
    assert (results["subjects"].summary.n, results["subjects"].summary.total) == (4, 3165)
    assert (results["budget"].summary.min, results["budget"].summary.max) == (0.75, 2.5)
    since = results["since"].summary
    assert (since.n, since.min, since.max) == (2, "2001-12-31", "2015-03-01")
    per_kind = {row.name: (row.summary.n, row.summary.total) for row in results["per_kind"].rows}
    assert per_kind == {"wgs": (1, 80), "wes": (2, 85), "arrays": (1, 3000)}
    sites = {row.name: (row.summary.n, row.summary.total) for row in results["sites"].rows}
    assert sites == {"be": (2, 5), "pt": (2, 5)}


EXPECTED = {  # contribution ID: cells as the CSV holds them
    "C000": {"ratings__storage": "high", "ratings__access": "mid", "per_kind__wgs": "80",
             "per_kind__wes": "40", "per_kind__arrays": "", "since": "2015-03-01", "budget": "2.5",
             "sites__be": "3", "centre": "Hospital A", "kinds__wes": "1"},
    "C002": {"ratings__access": "high", "since": "2001-12-31", "sites__be": "2", "sites__pt": "",
             "subjects": "0", "kinds__none": "1", "budget": ""},
}


def test_the_exports_hold_the_stored_answers(stored):
    survey, _ = stored
    output = io.BytesIO()
    assert exports.write_export(survey, "csv", output) == 4
    rows, _codebook = read_zip(output.getvalue())
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert sorted(by_id) == ["C000", "C001", "C002", "C003"]
    for contribution_id, cells in EXPECTED.items():
        assert {name: by_id[contribution_id][name] for name in cells} == cells

    output = io.BytesIO()
    exports.write_export(survey, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))["responses"]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook = {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert workbook["C000"]["budget"] == 2.5 and workbook["C000"]["sites__be"] == 3
    assert workbook["C000"]["ratings__storage"] == "high"


def test_the_stored_version_goes_to_xlsform_and_back():
    workbook, _notes = definition_to_xlsform(DEFINITION)
    imported, _problems = xlsform_to_definition(workbook)
    assert validate_definition(imported) == []

    def shape(definition):
        definition = with_defaults(definition)
        return [(q["name"], q["type"], [r["name"] for r in q.get("rows", [])], q.get("rows_from"),
                 q.get("kind"), q.get("min"), [c["name"] for c in q.get("choices", [])])
                for s in definition["sections"] for q in s["questions"]]

    assert shape(imported) == shape(DEFINITION)


def test_a_respondent_s_personal_data_holds_their_stored_answers(stored):
    _, responses = stored
    exported = export_personal_data(responses[0].respondent)["survey_responses"]
    assert exported[0]["answers"] == FIXTURE["responses"][0]["answers"]
