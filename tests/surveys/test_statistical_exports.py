"""SPSS (.sav) and Stata (.dta) exports of responses, read back with pyreadstat: the CSV's values cell by
cell, variable and value labels, choice codes that stay, names valid in both, repeated sections' tables,
dates and times; and the export job on a real Celery worker."""
# ruff: noqa: F811  (the fixtures come from test_results.py)

import csv
import datetime
import io
import re
import zipfile

import pandas as pd
import pyreadstat
import pytest

from surveys import exports
from surveys.publishing import confirm_breaking_edit
from surveys.statistical_exports import NAME_LENGTH, RESERVED, variable_name, variable_names
from tests.factories import SurveyPageFactory, coordinator

from .repeat_survey import repeat_definition, submitted, three_respondents
from .test_exports import built_by_the_worker, csv_export, results_url
from .test_results import answered, people, respond  # noqa: F401

pytestmark = pytest.mark.django_db

FORMATS = ["sav", "dta"]
READ = {"sav": pyreadstat.read_sav, "dta": pyreadstat.read_dta}
VALID_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def read_statistical(data: bytes, format: str, folder) -> tuple[dict, list[dict]]:
    """{table: (data frame, metadata)} and the codebook's lines as dicts, from an export's zip."""
    tables = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(f".{format}"):
                path = folder / name
                path.write_bytes(archive.read(name))
                tables[name.removesuffix(f".{format}")] = READ[format](str(path))
        codebook = list(csv.DictReader(io.StringIO(archive.read("codebook.csv").decode("utf-8"))))
    assert sorted(archive.namelist()) == sorted([f"{table}.{format}" for table in tables] + ["codebook.csv"])
    return tables, codebook


def exported(survey, format: str, folder, rows: int | None = None) -> tuple[dict, list[dict]]:
    output = io.BytesIO()
    written = exports.write_export(survey, format, output)
    if rows is not None:
        assert written == rows
    return read_statistical(output.getvalue(), format, folder)


def missing(value) -> bool:
    return value == "" if isinstance(value, str) else bool(pd.isna(value))


def codes_of(line: dict) -> dict[int, str]:
    """{code: choice name} from the codebook's "codes" of a choice's column ("1 = clinical (Clinical)")."""
    return {int(code): name for code, name in re.findall(r"(\d+) = ([a-z0-9_]+) \(", line["codes"])}


def as_in_the_csv(value, line: dict) -> str:
    """A value read back from SPSS or Stata, written as the CSV writes it."""
    if missing(value):
        return ""
    stored = line["stored_as"]
    if stored == "number: the choice's code":
        return codes_of(line)[int(value)]
    if stored.startswith("number"):
        return format(value, "f").rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if stored == "date":
        return value.isoformat()
    if stored == "date and time":
        return value.isoformat(timespec="seconds" if line["column"] == "submitted_at" else "minutes")
    if stored == "time of day":
        return value.isoformat(timespec="minutes")
    return value


@pytest.mark.parametrize("format", FORMATS)
def test_the_files_hold_the_csv_s_cells_with_labels(answered, format, tmp_path):
    responses, _csv_codebook = csv_export(answered)
    tables, codebook = exported(answered, format, tmp_path, rows=5)
    assert list(tables) == ["responses"]
    frame, meta = tables["responses"]
    by_column = {line["column"]: line for line in codebook}
    header = responses[0]
    assert list(frame.columns) == [by_column[column]["variable"] for column in header]
    assert header == list(frame.columns)  # these names are already valid in both
    for csv_row, (_index, row) in zip(responses[1:], frame.iterrows(), strict=True):
        read = [as_in_the_csv(row[by_column[column]["variable"]], by_column[column]) for column in header]
        assert read == csv_row

    labels = meta.column_names_to_labels
    assert labels["purpose"] == "1. Main purpose?"
    assert labels["kinds__wgs"] == "2. Kinds of data?: WGS"
    assert labels["quality__completeness"] == "6. Quality: Completeness"
    assert labels["contribution_id"] == "Contribution ID, as on the respondent's receipt"
    values = meta.variable_value_labels
    assert values["purpose"] == {1: "Clinical", 2: "Research"}
    assert values["quality__accuracy"] == {1: "Good", 2: "Fair", 3: "Poor"}
    assert values["kinds__panel"] == {1: "chosen", 0: "not chosen"}
    assert "subjects" not in values and "describe" not in values
    # The codes of choices and the names of variables are in the codebook.
    assert by_column["purpose"]["codes"] == "1 = clinical (Clinical); 2 = research (Research)"
    assert by_column["kinds__wgs"]["codes"] == "1 = chosen; 0 = not chosen"
    assert by_column["subjects"]["stored_as"] == "number" and by_column["collected"]["stored_as"] == "date"
    assert [line["variable"] for line in codebook][:3] == ["contribution_id", "version", "submitted_at"]
    if format == "dta":  # Stata 14's format, which every Stata since opens
        assert (tmp_path / "responses.dta").read_bytes().startswith(b"<stata_dta><header><release>118<")


@pytest.mark.parametrize("format", FORMATS)
def test_dates_and_times_are_the_formats_own_date_and_time_variables(format, tmp_path):
    definition = repeat_definition()
    definition["sections"][2]["questions"] += [
        {"name": "since", "type": "date", "label": "Since?"},
        {"name": "opens", "type": "time", "label": "Opens at?"},
        {"name": "meeting", "type": "datetime", "label": "Meeting?"},
    ]
    survey = SurveyPageFactory(definition=definition)
    given = submitted(survey, {"country": "be", "since": "2019-02-28", "opens": "08:30",
                               "meeting": "2021-06-01T14:45"}, 1)
    submitted(survey, {"country": "pt"}, 2)
    tables, codebook = exported(survey, format, tmp_path)
    frame, meta = tables["responses"]

    first, second = frame.to_dict("records")
    assert first["since"] == datetime.date(2019, 2, 28)
    assert first["opens"] == datetime.time(8, 30)
    assert first["meeting"] == datetime.datetime(2021, 6, 1, 14, 45)
    from django.utils import timezone

    assert first["submitted_at"] == timezone.localtime(given.submitted_at).replace(tzinfo=None, microsecond=0)
    assert all(missing(second[name]) for name in ("since", "opens", "meeting", "remark"))
    assert first["version"] == 1 and second["country"] == 2
    wanted = {"sav": {"since": "SDATE10", "opens": "TIME5", "meeting": "DATETIME20"},
              "dta": {"since": "%tdCCYY-NN-DD", "opens": "%tcHH:MM", "meeting": "%tc"}}[format]
    assert {name: meta.original_variable_types[name] for name in wanted} == wanted
    stored = {line["column"]: line["stored_as"] for line in codebook}
    assert (stored["since"], stored["opens"], stored["meeting"]) == ("date", "time of day", "date and time")


@pytest.mark.parametrize("format", FORMATS)
def test_a_repeated_section_has_a_table_of_its_own_one_row_an_item(format, tmp_path):
    survey = SurveyPageFactory(definition=repeat_definition())
    three_respondents(survey)
    tables, codebook = exported(survey, format, tmp_path, rows=3)

    assert list(tables) == ["responses", "repeat_datasets"]
    responses, _meta = tables["responses"]
    assert list(responses.columns) == ["contribution_id", "version", "submitted_at", "country", "remark"]
    items, meta = tables["repeat_datasets"]
    assert list(items.columns) == ["contribution_id", "item", "dataset_name", "kinds__wgs", "kinds__wes",
                                   "depth", "contact"]
    rows = [[None if missing(value) else value for value in row] for row in items.values.tolist()]
    assert rows == [
        ["REP-0001", 1, "Rare disease trios", 1, 1, 30, "Ana"],
        ["REP-0001", 2, "Cancer exomes", 0, 1, None, "Ben"],
        ["REP-0002", 1, "Biobank genomes", 1, 0, 40, None],
    ]
    assert meta.column_names_to_labels["kinds__wes"] == "Kinds of data: Exomes"
    assert meta.column_names_to_labels["item"].startswith("Number of the item in its repeated section")
    notes = {line["variable"]: line["note"] for line in codebook}
    assert notes["kinds__wgs"] == "in the table repeat_datasets: one row an item, not in responses"


@pytest.mark.parametrize("format", FORMATS)
def test_a_choice_keeps_its_code_across_versions_and_exports(format, tmp_path):
    definition = repeat_definition()
    survey = SurveyPageFactory(definition=definition)
    submitted(survey, {"country": "pt"}, 1)
    before, _codebook = exported(survey, format, tmp_path)
    assert before["responses"][1].variable_value_labels["country"] == {1: "Belgium", 2: "Portugal"}

    # Version 2 puts a new choice first, drops Belgium and renames Portugal.
    definition["sections"][0]["questions"][0]["choices"] = [
        {"name": "es", "label": "Spain"}, {"name": "pt", "label": "Portugal (mainland)"}]
    survey.definition = definition
    confirm_breaking_edit(survey, definition)  # as the coordinator does in the editor
    survey.save_revision().publish()
    assert survey.current_version().number == 2
    submitted(survey, {"country": "es"}, 2)
    (tmp_path / "after").mkdir()
    after, codebook = exported(survey, format, tmp_path / "after")

    frame, meta = after["responses"]
    assert meta.variable_value_labels["country"] == {1: "Belgium", 2: "Portugal (mainland)", 3: "Spain"}
    assert frame["country"].tolist() == [2, 3]
    codes = {line["column"]: line["codes"] for line in codebook}
    assert codes["country"] == "1 = be (Belgium); 2 = pt (Portugal (mainland)); 3 = es (Spain)"


LONG = "a_rather_long_question_name_about_sequencing"


@pytest.mark.parametrize("format", FORMATS)
def test_variable_names_are_valid_in_both_unique_and_short(format, tmp_path):
    definition = repeat_definition()
    definition["sections"][2]["questions"] += [
        {"name": LONG, "type": "checkbox_matrix", "label": "Which, where?",
         "rows": [{"name": f"{kind}_sequencing_centre_{number}", "label": f"Centre {number}"}
                  for kind in ("genome", "exome") for number in (1, 2)],
         "choices": [{"name": "short_read_platform", "label": "Short reads"},
                     {"name": "long_read_platform", "label": "Long reads"}]},
        {"name": "with", "type": "short_text", "label": "A word SPSS keeps for itself"},
        {"name": "int", "type": "short_text", "label": "A word Stata keeps for itself"},
    ]
    survey = SurveyPageFactory(definition=definition)
    submitted(survey, {"country": "be", "with": "w", "int": "i",
                       LONG: {"genome_sequencing_centre_1": ["long_read_platform"]}}, 1)
    tables, codebook = exported(survey, format, tmp_path)
    frame, meta = tables["responses"]

    names = list(frame.columns)
    assert len(names) == len(set(names)) == 3 + 1 + 1 + 8 + 2
    assert all(VALID_NAME.match(name) and len(name) <= NAME_LENGTH <= 32 for name in names)
    assert not RESERVED & set(names)
    assert "v_with" in names and "v_int" in names
    by_column = {line["column"]: line for line in codebook}
    cell = by_column[f"{LONG}__genome_sequencing_centre_1__long_read_platform"]
    assert cell["variable"] == variable_name(f"{LONG}__genome_sequencing_centre_1__long_read_platform")
    assert frame[cell["variable"]].tolist() == [1]
    assert meta.column_names_to_labels[cell["variable"]] == "Which, where?: Centre 1: Long reads"


def test_a_long_name_is_cut_the_same_way_every_time():
    column = "quality_of_the_sequencing__completeness_of_the_calls"
    assert variable_name(column) == variable_name(column)
    assert len(variable_name(column)) == NAME_LENGTH
    assert variable_name(column).startswith("quality_of_the_sequ")
    other = column.replace("completeness", "compleness")
    assert variable_name(other) != variable_name(column)
    assert variable_name("2nd") == "v_2nd" and variable_name("Année") == "ann_e"
    # A clash the rules leave is told apart by a number, in the order of the columns.
    names = variable_names([("", "version"), ("q", "Version"), ("", "version")])
    assert names == {("", "version"): "version", ("q", "Version"): "version_2"}


@pytest.mark.parametrize("format", FORMATS)
def test_a_question_named_as_a_first_column_and_a_survey_without_responses(format, tmp_path):
    definition = repeat_definition()
    definition["sections"][2]["questions"].append({"name": "version", "type": "number", "label": "Which?"})
    survey = SurveyPageFactory(definition=definition)
    tables, codebook = exported(survey, format, tmp_path, rows=0)
    frame, meta = tables["responses"]
    assert list(frame.columns) == ["contribution_id", "version", "submitted_at", "country", "remark",
                                   "version__answer"] and len(frame) == 0
    assert len(tables["repeat_datasets"][0]) == 0
    assert [line["variable"] for line in codebook if line["question"] == "version"] == ["version__answer"]

    submitted(survey, {"country": "be", "version": "38"}, 1)
    frame, meta = exported(survey, format, tmp_path, rows=1)[0]["responses"]
    assert (frame["version"].tolist(), frame["version__answer"].tolist()) == ([1], [38])
    assert meta.column_names_to_labels["version__answer"] == "Which?"


@pytest.mark.parametrize("format", FORMATS)
def test_a_text_longer_than_spss_holds_is_cut_there_and_whole_in_stata(format, tmp_path):
    definition = repeat_definition()
    definition["sections"][2]["questions"][0]["max_length"] = 100_000
    survey = SurveyPageFactory(definition=definition)
    remark = "é" * 20_000  # 40,000 bytes
    submitted(survey, {"country": "be", "remark": remark}, 1)
    tables, codebook = exported(survey, format, tmp_path)
    text = tables["responses"][0]["remark"][0]
    stored = {line["column"]: line["stored_as"] for line in codebook}["remark"]
    if format == "sav":
        assert text == "é" * 16_383 and stored.startswith("text, cut at 32,767 bytes")
    else:
        assert text == remark and stored == "text"


@pytest.mark.parametrize("format", FORMATS)
def test_the_results_page_offers_the_format(client, answered, format):
    client.force_login(coordinator())
    html = client.get(results_url(answered)).text
    assert f'<option value="{format}">' in html


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("format", FORMATS)
def test_a_real_celery_worker_builds_the_file(client, answered, celery_worker, format, tmp_path):
    export, data = built_by_the_worker(client, answered, celery_worker, format)
    assert (export.rows_done, export.file.name.endswith(f".{format}.zip")) == (5, True)
    tables, _codebook = read_statistical(data, format, tmp_path)
    frame, meta = tables["responses"]
    assert frame["contribution_id"].tolist() == ["C000", "C001", "C002", "C003", "C004"]
    assert frame["subjects"].tolist() == [10, 20, 0, 30, 40]
    assert meta.variable_value_labels["purpose"] == {1: "Clinical", 2: "Research"}
