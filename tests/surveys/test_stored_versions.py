"""Stored versions and responses, as a database from before the survey engine's refactor holds them (issue
18): the accessible genomes survey's frozen definition and responses written by today's code, in
fixtures/stored_versions.json, go through every layer. The rows are written directly, never by the builder
or by publishing, and nothing here may need a stored definition or answer rewritten."""

import io
import re

import openpyxl
import pytest

from portal.core.personal_data import export_personal_data
from surveys import exports
from surveys.definition import validate_definition
from surveys.results import survey_results
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition

from .stored import read_fixture, store
from .test_exports import read_zip

pytestmark = pytest.mark.django_db

FIXTURE = read_fixture("stored_versions.json")
DEFINITION = FIXTURE["version"]["definition"]


@pytest.fixture
def stored():
    """The survey page, its version 1 and its responses (five submitted, one draft), as stored rows."""
    return store(FIXTURE, "accessible-genomes-survey", editable_after_submit=True)


def test_the_stored_definition_is_valid():
    assert validate_definition(DEFINITION) == []


def test_every_resume_link_opens_a_section_with_the_stored_answers(client, stored):
    survey, responses = stored
    for response, stored_response in zip(responses, FIXTURE["responses"], strict=True):
        client.force_login(response.respondent)
        page = client.get(survey.url + survey.reverse_subpage("resume", args=[response.token]), follow=True)
        assert page.status_code == 200
        assert page.redirect_chain[-1][0].endswith(f"/{response.token}/{stored_response['section']}/")
        html = page.content.decode()
        section = next(s for s in DEFINITION["sections"] if s["name"] == stored_response["section"])
        picked = 0
        for question in section["questions"]:
            value = stored_response["answers"].get(question["name"])
            if question["type"] in {"single_choice", "multiple_choice"}:
                for name in [value] if isinstance(value, str) else value or []:
                    if f'<select id="id_{question["name"]}"' in html:  # a long list of choices
                        assert f'<option value="{name}" selected>' in html
                        continue
                    assert f'name="{question["name"]}" value="{name}" checked' in html
                    picked += 1
            elif value:
                assert value in html, question["name"]
        names = "|".join(question["name"] for question in section["questions"])
        assert len(re.findall(rf'name="(?:{names})" value="[^"]*" checked', html)) == picked
        if stored_response["section"] == "b1":
            assert 'value="none" data-exclusive' in html or 'value="none" checked data-exclusive' in html
    assert 'value="fay@example.org"' in html  # the draft, left at its first section
    assert 'value="Half done"' in html


@pytest.mark.parametrize("engine", ["postgresql", "python"])
def test_the_statistics_count_the_stored_answers(stored, engine):
    survey, _ = stored
    results = {result.question.name: result for result in survey_results(survey, engine=engine).questions}
    assert survey_results(survey, engine=engine).total == 5

    def counts(name):
        return {count.name: count.count for count in results[name].counts if count.count}

    assert counts("b1_purpose") == {"clinical": 2, "research": 2, "another_purpose": 1}
    assert counts("country") == {"be": 2, "dk": 1, "ee": 1, "at": 1}
    assert counts("b1_genetic_data") == {"wgs": 2, "wes": 2, "clinical_exome": 1, "arrays": 1}
    assert counts("b1_phenotypic_data") == {
        "clinical_information": 2, "treatment": 1, "lifestyle": 1, "none": 2
    }
    assert counts("d1_future_research") == {"yes": 3, "no": 1, "dont_know": 1}
    assert results["b1_clinical_information"].asked == 5
    assert results["b1_clinical_information"].answered == 2
    assert results["c1_data_quality"].answered == 2


EXPECTED_COLUMNS = {  # contribution ID: cells of a few columns, as the CSV holds them
    "C000": {"country": "be", "b1_purpose": "clinical", "b1_genetic_data__wgs": "1",
             "b1_genetic_data__arrays": "0",
             "b1_phenotypic_data__none": "0", "b1_clinical_information": "HPO terms",
             "respondent_email": "ada@example.org", "c1_data_format__date_fields": "1"},
    "C001": {"country": "dk", "b1_purpose": "research", "b1_phenotypic_data__none": "1",
             "b1_phenotypic_data__treatment": "0", "b1_clinical_information": "", "d1_gdpr_basis": "no"},
    # A formula stays text: quoted in the CSV.
    "C004": {"dataset_description": "'=SUM(A1)", "b1_genetic_data__wes": "1", "d1_healthcare_use": "no"},
}


def test_the_csv_export_holds_the_stored_answers(stored):
    survey, _ = stored
    output = io.BytesIO()
    assert exports.write_export(survey, "csv", output) == 5
    rows, codebook = read_zip(output.getvalue())
    header = rows[0]
    assert header[:3] == ["contribution_id", "version", "submitted_at"]
    expected = {"respondent_name", "b1_phenotypic_data__none", "c1_linked_data__other", "d1_healthcare_use"}
    assert expected <= set(header)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert sorted(by_id) == ["C000", "C001", "C002", "C003", "C004"]  # not the draft
    assert {row["version"] for row in by_id.values()} == {"1"}
    for contribution_id, cells in EXPECTED_COLUMNS.items():
        assert {name: by_id[contribution_id][name] for name in cells} == cells
    assert codebook[0] == exports.CODEBOOK_HEADER


def test_the_xlsx_export_holds_the_same_cells(stored):
    survey, _ = stored
    output = io.BytesIO()
    assert exports.write_export(survey, "xlsx", output) == 5
    workbook = openpyxl.load_workbook(io.BytesIO(output.getvalue()))
    rows = [list(row) for row in workbook["responses"].iter_rows(values_only=True)]
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert sorted(by_id) == ["C000", "C001", "C002", "C003", "C004"]
    assert by_id["C004"]["dataset_description"] == "=SUM(A1)"  # a text cell in the workbook
    assert by_id["C000"]["version"] == 1
    for contribution_id, cells in EXPECTED_COLUMNS.items():
        cells = {name: cell for name, cell in cells.items() if name != "dataset_description"}
        assert {name: "" if by_id[contribution_id][name] is None else str(by_id[contribution_id][name])
                for name in cells} == cells


def test_the_stored_version_goes_to_xlsform_and_back():
    workbook, _notes = definition_to_xlsform(DEFINITION)
    imported, problems = xlsform_to_definition(workbook)
    assert validate_definition(imported) == []
    assert [(s["name"], [(q["name"], q["type"], [c["name"] for c in q.get("choices", [])],
                          any(c.get("exclusive") for c in q.get("choices", [])), q.get("condition"))
                         for q in s["questions"]]) for s in imported["sections"]] == [
        (s["name"], [(q["name"], q["type"], [c["name"] for c in q.get("choices", [])],
                      any(c.get("exclusive") for c in q.get("choices", [])), q.get("condition"))
                     for q in s["questions"]]) for s in DEFINITION["sections"]]


def test_a_respondent_s_personal_data_holds_their_stored_answers(stored):
    _, responses = stored
    exported = export_personal_data(responses[0].respondent)["survey_responses"]
    assert len(exported) == 1
    assert exported[0]["contribution_id"] == "C000"
    assert exported[0]["answers"] == FIXTURE["responses"][0]["answers"]
    draft = export_personal_data(responses[-1].respondent)["survey_responses"]
    assert draft[0]["answers"]["dataset_name"] == "Half done"
