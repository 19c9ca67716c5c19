"""Every registered question type has every piece the engine asks for, and goes through every layer:
definition, page builder, answering, review, answer items, statistics (both engines), exports, XLSForm and
edits. A type is one module in surveys/types/ plus its example in question_type_examples.py."""

import copy
import io
import re

import openpyxl
import pytest
from django.template.loader import get_template

from surveys import exports
from surveys.builder import from_builder, to_builder
from surveys.changes import compare
from surveys.definition import schema, validate_definition, with_defaults
from surveys.models import Response
from surveys.results import survey_results
from surveys.results.statistics import ASSEMBLED
from surveys.statistical_exports import variable_name
from surveys.types import question_type, registered, type_names
from surveys.types.base import QuestionType
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import SurveyPageFactory

from .question_type_examples import EXAMPLES, definition_with
from .test_exports import read_zip
from .test_statistical_exports import missing, read_statistical

TYPES = type_names()


@pytest.mark.parametrize("name", TYPES)
def test_a_registered_type_has_every_piece(name):
    kind = question_type(name)
    assert kind.name == name and str(kind.label)
    assert name in EXAMPLES, f"add an example of {name} to tests/surveys/question_type_examples.py"
    get_template(kind.template)
    branches = [branch["then"] for branch in schema()["$defs"]["question"]["allOf"]
                if branch["if"]["properties"]["type"] == {"const": name}]
    assert branches == ([kind.schema] if kind.schema else [])
    assert set(kind.defaults) <= set(kind.schema.get("properties", {}))
    reads = "from_xlsform_group" if kind.reads_xlsform_group else "from_xlsform"
    for piece in ("to_xlsform", reads):
        assert getattr(type(kind), piece) is not getattr(QuestionType, piece), f"{name} lacks {piece}"
    assert kind.result_kind in ASSEMBLED
    get_template(f"surveys/admin/kinds/{kind.result_kind}.html")


def test_the_builder_offers_every_registered_type_and_no_other():
    from surveys.builder import SectionBlock

    assert list(SectionBlock().child_blocks["questions"].child_blocks) == TYPES


@pytest.mark.parametrize("name", TYPES)
def test_the_example_is_valid_and_survives_the_builder(name):
    definition = definition_with(EXAMPLES[name].question)
    assert validate_definition(definition) == []
    again = from_builder(to_builder(definition), name="types", title="Types", languages=["en"],
                         privacy_statement_url="/privacy/")
    assert with_defaults(again) == with_defaults(definition)


@pytest.mark.parametrize("name", TYPES)
def test_an_edit_of_the_label_only_is_safe(name):
    old = with_defaults(definition_with(EXAMPLES[name].question))
    new = copy.deepcopy(old)
    new["sections"][0]["questions"][0]["label"] = "Reworded"
    changes = compare(old, new)
    assert compare(old, old) == []
    assert [change.breaking for change in changes] == [False]


@pytest.mark.parametrize("name", TYPES)
def test_the_example_goes_to_xlsform_and_back(name):
    definition = with_defaults(definition_with(EXAMPLES[name].question))
    workbook, _notes = definition_to_xlsform(definition)
    imported, _losses = xlsform_to_definition(workbook)
    assert with_defaults(imported)["sections"][0]["questions"][0] == definition["sections"][0]["questions"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("name", TYPES)
def test_a_respondent_answers_it_and_it_is_counted_and_exported(client, name, tmp_path):
    example = EXAMPLES[name]
    survey = SurveyPageFactory(definition=definition_with(example.question), slug=f"types-{name}")
    client.post(survey.url + "start/")
    response = Response.objects.latest("pk")
    page = f"{survey.url}r/{response.token}/only/"
    assert client.get(page).status_code == 200
    if example.refused:
        refused = client.post(page, {**sent(example.refused), "go": "next"})
        assert refused.status_code == 400 and example.error in refused.text
    assert client.post(page, {**sent(example.form), "go": "next"}).status_code == 302
    review = client.get(f"{survey.url}r/{response.token}/review/").text
    assert example.words.replace("'", "&#x27;") in review
    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert list(response.answers) == ["q"]
    if callable(example.answer):
        assert example.answer(response.answers["q"]), response.answers["q"]
    else:
        assert response.answers["q"] == example.answer

    engines = [survey_results(survey, engine=engine).questions[0] for engine in ("postgresql", "python")]
    assert [result.answered for result in engines] == [1, 1]
    assert engines[0].counts == engines[1].counts and engines[0].rows == engines[1].rows
    assert engines[0].summary == engines[1].summary and engines[0].texts == engines[1].texts

    output = io.BytesIO()
    exports.write_export(survey, "csv", output)
    rows, _codebook = read_zip(output.getvalue())
    cells = dict(zip(rows[0], rows[1], strict=True))
    for column, wanted in example.cells.items():
        assert wanted.fullmatch(cells[column]) if isinstance(wanted, re.Pattern) else cells[column] == wanted
    assert [column for column in rows[0][3:]] == list(example.cells)
    output = io.BytesIO()
    exports.write_export(survey, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))["responses"]
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    assert [column for column in header[3:]] == list(example.cells)
    assert all(cell is not None for column, cell in zip(header, first, strict=True)
               if example.cells.get(column))
    for format in ("sav", "dta"):  # a variable a column, holding what the CSV's cell holds
        output = io.BytesIO()
        exports.write_export(survey, format, output)
        (tmp_path / format).mkdir()
        frame, _meta = read_statistical(output.getvalue(), format, tmp_path / format)[0]["responses"]
        assert list(frame.columns[3:]) == [variable_name(column) for column in example.cells]
        empty = [not cell for cell in example.cells.values()]
        assert [missing(value) for value in frame.iloc[0, 3:]] == empty


def sent(form: dict) -> dict:
    return {name: value() if callable(value) else value for name, value in form.items()}


def test_every_type_of_the_registry_is_one_module_of_surveys_types():
    for kind in registered():
        assert type(kind).__module__ == f"surveys.types.{kind.name}"
