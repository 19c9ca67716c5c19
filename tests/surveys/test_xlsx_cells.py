"""The XLSX export carries numbers as numbers and dates and times as date cells, for every question type
(as its module writes its cells), in the table of responses and in the tables of repeated sections, and
for the columns every row has (version, submission time, item number); the CSV keeps them as typed."""

import copy
import csv
import datetime
import io
import zipfile

import openpyxl
import pytest

from surveys import exports
from surveys.models import Response
from surveys.types import question_type, type_names
from tests.factories import SurveyPageFactory

from .question_type_examples import EXAMPLES

pytestmark = pytest.mark.django_db

# What each type's example writes in every one of its columns of the workbook. A new type says here what
# its cells are.
KINDS = {
    "single_choice": "text", "multiple_choice": "number", "short_text": "text", "long_text": "text",
    "number": "number", "date": "date", "email": "text", "time": "time", "datetime": "datetime",
    "url": "text", "ranking": "number", "matrix": "text", "rating": "number", "checkbox_matrix": "number",
    "number_table": "number", "file": "text", "calculated": "number",
}
FORMATS = {"date": "yyyy-mm-dd", "time": "hh:mm", "datetime": "yyyy-mm-dd hh:mm"}
FILE_ANSWER = {"name": "report.pdf", "file": 7, "size": 1234}  # what a kept file answer looks like


def answer_of(name: str):
    answer = EXAMPLES[name].answer
    return FILE_ANSWER if callable(answer) else answer


def in_items_never(name: str) -> bool:
    return question_type(name).keeps_files  # a file question is never in a repeated section


def column(name: str, example_column: str, prefix: str) -> str:
    """The example's column (named after its question "q") under the question's name in this survey."""
    return prefix + name + example_column.removeprefix("q")


@pytest.fixture
def every_type():
    """Every type's example twice: once in a plain section, once in a repeated one (one item)."""
    plain, repeated = [], []
    for name in type_names():
        for prefix, questions in (("", plain), ("r_", repeated)):
            if prefix and in_items_never(name):
                continue
            question = copy.deepcopy(EXAMPLES[name].question)
            question["name"] = prefix + name
            questions.append(question)
    definition = {
        "format": "1mg-portal-survey/1", "name": "types", "title": "Types", "languages": ["en"],
        "privacy_statement_url": "/privacy/",
        "sections": [
            {"name": "plain", "title": "Plain", "questions": plain},
            {"name": "items", "title": "Items", "repeat": {"min": 0, "max": 3}, "questions": repeated},
        ],
    }
    survey = SurveyPageFactory(definition=definition, slug="every-type")
    answers = {name: answer_of(name) for name in type_names()}
    answers["items"] = [{f"r_{name}": answer_of(name) for name in type_names() if not in_items_never(name)}]
    Response.objects.create(survey=survey, version=survey.current_version(), status=Response.Status.SUBMITTED,
                            answers=answers, contribution_id="TYPES-1",
                            submitted_at=datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC))
    return survey


def test_every_type_says_what_its_cells_are():
    assert set(KINDS) == set(type_names())


def assert_kind(cell, kind: str, where: str) -> None:
    if kind == "text":
        assert cell.data_type == "s" and isinstance(cell.value, str), where
    elif kind == "number":
        assert cell.data_type == "n" and not cell.is_date, where
        assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool), where
    else:
        assert cell.is_date and cell.number_format == FORMATS[kind], where
        assert isinstance(cell.value, datetime.datetime | datetime.time), where


@pytest.mark.parametrize("table", ["responses", "repeat_items"])
def test_every_type_s_cells_are_of_their_kind_in_the_workbook(every_type, table):
    output = io.BytesIO()
    exports.write_export(every_type, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))[table]
    cells = {heading.value: cell for heading, cell in zip(sheet[1], sheet[2], strict=True)}
    prefix = "r_" if table.startswith("repeat_") else ""
    for name in type_names():
        if prefix and in_items_never(name):
            continue
        for example_column, written in EXAMPLES[name].cells.items():
            where = f"{table}: {column(name, example_column, prefix)}"
            cell = cells[column(name, example_column, prefix)]
            assert_kind(cell, KINDS[name], where)
            if KINDS[name] == "number":
                assert str(cell.value) == written.removesuffix(".0"), where  # the number the CSV writes
    if table == "responses":
        assert cells["contribution_id"].value == "TYPES-1"
        assert cells["version"].data_type == "n" and cells["version"].value == 1
        assert cells["submitted_at"].is_date and cells["submitted_at"].number_format == "yyyy-mm-dd hh:mm:ss"
        assert cells["date"].value == datetime.datetime(2015, 3, 1)
        assert cells["time"].value == datetime.time(9, 30)
        assert cells["datetime"].value == datetime.datetime(2021, 3, 4, 10, 15)
        assert cells["number"].value == 2.5  # typed "2,5"
    else:
        assert cells["contribution_id"].value == "TYPES-1"
        assert cells["item"].data_type == "n" and cells["item"].value == 1


def test_the_csv_keeps_dates_and_times_as_typed(every_type):
    output = io.BytesIO()
    exports.write_export(every_type, "csv", output)
    with zipfile.ZipFile(io.BytesIO(output.getvalue())) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("responses.csv").decode())))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert (cells["date"], cells["time"], cells["datetime"]) == ("2015-03-01", "09:30", "2021-03-04T10:15")


def test_a_date_that_does_not_read_as_one_stays_text(every_type):
    response = Response.objects.get(survey=every_type)
    response.answers["date"] = "the spring of 2015"
    response.save()
    output = io.BytesIO()
    exports.write_export(every_type, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))["responses"]
    cells = {heading.value: cell for heading, cell in zip(sheet[1], sheet[2], strict=True)}
    assert cells["date"].data_type == "s" and cells["date"].value == "the spring of 2015"
