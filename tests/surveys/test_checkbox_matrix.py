"""The choice matrix with several answers per row through every layer: its definition, the builder,
answering in both display modes, the review and the receipt, answer items, statistics on both engines,
exports, edits and XLSForm."""

import io

import openpyxl
import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from surveys import exports
from surveys.answer_items import items_of
from surveys.changes import compare, count_affected
from surveys.definition import validate_definition, with_defaults
from surveys.results import survey_results
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import SurveyPageFactory, coordinator

from .test_builder import through_the_builder
from .test_exports import read_zip
from .test_rating import questions
from .test_responding import section_url, start
from .test_results import respond


def grid_definition() -> dict:
    """Which kinds of data each kind of sample has: rows of samples, choices of data."""
    return {
        "format": "1mg-portal-survey/1",
        "name": "grids",
        "title": "Grids",
        "privacy_statement_url": "/privacy/",
        "languages": ["en"],
        "sections": [{
            "name": "samples",
            "title": "Samples",
            "questions": [
                {"name": "held", "type": "checkbox_matrix", "required": True,
                 "label": "Which data do you hold for each sample?",
                 "rows": [{"name": "blood", "label": "Blood"}, {"name": "tissue", "label": "Tissue"}],
                 "choices": [{"name": "wgs", "label": "WGS"}, {"name": "wes", "label": "WES"},
                             {"name": "rna", "label": "RNA-seq"}]},
                {"name": "planned", "type": "checkbox_matrix", "label": "Which do you plan?",
                 "rows": [{"name": "blood", "label": "Blood"}],
                 "choices": [{"name": "wgs", "label": "WGS"}, {"name": "wes", "label": "WES"}]},
            ],
        }],
    }


@pytest.fixture
def grid(db):
    return SurveyPageFactory(title="Grids", definition=grid_definition())


# Definition and builder


def test_a_checkbox_matrix_has_fixed_rows_and_named_choices():
    assert validate_definition(grid_definition()) == []
    definition = grid_definition()
    questions(definition)[0]["choices"][1]["name"] = "wgs"
    questions(definition)[1]["choices"][0]["exclusive"] = True
    assert validate_definition(definition) == [
        "question held: choice name 'wgs' is used 2 times; names must be unique",
        "question planned: exclusive choices only have a meaning in a multiple_choice question",
    ]
    definition = grid_definition()
    questions(definition)[1]["rows_from"] = "held"
    del questions(definition)[1]["rows"]
    assert validate_definition(definition) == ["$.sections[0].questions[1]: 'rows' is a required property"]


def test_a_condition_cannot_depend_on_a_checkbox_matrix():
    definition = grid_definition()
    questions(definition)[1]["condition"] = {"question": "held", "in": ["wgs"]}
    assert "its condition refers to 'held', a checkbox_matrix question" in validate_definition(definition)[0]


def test_a_checkbox_matrix_survives_the_builder():
    definition = grid_definition()
    assert with_defaults(through_the_builder(definition)) == with_defaults(definition)
    assert questions(through_the_builder(definition)) == questions(definition)


# Answering


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?accessible=1"], ids=["standard", "accessibility-mode"])
def test_each_row_is_a_group_of_check_boxes(client, grid, query):
    response = start(client, grid)
    html = client.get(section_url(grid, response, "samples") + query).text
    assert '<fieldset class="matrix-row">\n  <legend>Tissue</legend>' in html
    assert ('<input type="checkbox" id="id_held__tissue-rna" name="held__tissue" value="rna"> '
            '<label for="id_held__tissue-rna">RNA-seq</label>') in html
    assert ('id="q-planned"' in html) is not bool(query)


@pytest.mark.django_db
def test_several_choices_a_row_are_saved_and_shown_again(client, grid):
    response = start(client, grid)
    reply = client.post(section_url(grid, response, "samples"), {
        "held__blood": ["wgs", "rna"], "held__tissue": ["wes"], "go": "next"})
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.answers == {"held": {"blood": ["wgs", "rna"], "tissue": ["wes"]},
                                "planned": {"blood": []}}
    html = client.get(section_url(grid, response, "samples")).text
    assert 'id="id_held__blood-rna" name="held__blood" value="rna" checked' in html
    assert 'id="id_held__blood-wes" name="held__blood" value="wes">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("posted", "error"), [
    ({"held__blood": ["wgs"]}, "Choose at least one option in every row: Tissue."),
    ({"held__blood": ["wgs"], "held__tissue": ["hacked"]}, "Choose from the options given."),
    ({}, "This question is required."),
])
def test_a_required_matrix_needs_every_row_and_known_choices(client, grid, posted, error):
    response = start(client, grid)
    reply = client.post(section_url(grid, response, "samples"), {**posted, "go": "next"})
    assert reply.status_code == 400
    assert error in reply.text
    assert '<a href="#id_held__blood-wgs">' in reply.text


@pytest.mark.django_db
def test_accessibility_mode_asks_the_matrix_alone(client, grid):
    response = start(client, grid)
    url = section_url(grid, response, "samples")
    client.get(url + "?accessible=1")
    reply = client.post(url, {"held__blood": ["wes"], "held__tissue": ["wes"], "q": "0", "go": "next"})
    assert reply["Location"] == url + "?q=1"
    response.refresh_from_db()
    assert response.answers["held"] == {"blood": ["wes"], "tissue": ["wes"]}


@pytest.mark.django_db
def test_the_review_and_the_receipt_list_the_choices_of_each_row(client, grid):
    response = start(client, grid)
    client.post(section_url(grid, response, "samples"), {
        "held__blood": ["wgs", "rna"], "held__tissue": ["wes"], "go": "next"})
    words = "Blood: WGS, RNA-seq; Tissue: WES"
    assert words in client.get(f"{grid.url}r/{response.token}/review/").text
    assert words in client.get(client.post(f"{grid.url}r/{response.token}/review/")["Location"]).text


# Answer items


def test_the_choices_of_each_row_are_one_item_and_each_row_answered_a_value():
    items, values = items_of(grid_definition(), {"held": {"tissue": ["wes"], "blood": ["rna", "wgs"]},
                                                 "planned": {"blood": []}})
    assert items == [("held", "checkbox_matrix", '{"blood":["rna","wgs"],"tissue":["wes"]}'),
                     ("planned", "checkbox_matrix", "")]
    # How many choices each row answered holds: statistics count who answered a row by them.
    assert values == [("held", "checkbox_matrix", "blood", 2, None), ("held", "checkbox_matrix", "tissue", 1,
                                                                       None)]


# Exports


@pytest.mark.django_db
def test_the_export_has_a_column_a_row_and_choice(grid):
    respond(grid, {"held": {"blood": ["wgs", "rna"], "tissue": ["wes"]}, "planned": {"blood": ["wes"]}})
    respond(grid, {"held": {"blood": ["wes"], "tissue": []}})
    output = io.BytesIO()
    exports.write_export(grid, "csv", output)
    responses, codebook = read_zip(output.getvalue())
    assert responses[0][3:] == ["held__blood__wgs", "held__blood__wes", "held__blood__rna",
                                "held__tissue__wgs", "held__tissue__wes", "held__tissue__rna",
                                "planned__blood__wgs", "planned__blood__wes"]
    assert [row[3:] for row in responses[1:]] == [
        ["1", "0", "1", "0", "1", "0", "0", "1"],
        ["0", "1", "0", "", "", "", "", ""],
    ]
    line = dict(zip(codebook[0], codebook[8], strict=True))
    assert (line["column"], line["row"], line["row_text"], line["choice"], line["choice_text"]) == (
        "held__tissue__wes", "tissue", "Tissue", "wes", "WES")
    assert line["values"].startswith("1 = chosen, 0 = not chosen in a row answered; empty = row not answered")
    output = io.BytesIO()
    exports.write_export(grid, "xlsx", output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()))["responses"]
    assert [cell.value for cell in next(sheet.iter_rows(min_row=3))][3:] == [0, 1, 0, None, None, None, None,
                                                                            None]


# Edits of a published survey


def test_a_removed_choice_breaks_the_answers_that_picked_it_in_any_row():
    old, new = grid_definition(), grid_definition()
    questions(new)[0]["choices"].pop()  # rna
    changes = compare(old, new)
    assert [(change.breaking, change.text) for change in changes] == [
        (True, "Question held loses choices: rna.")]
    answers = [{"held": {"blood": ["wgs"], "tissue": ["rna"]}}, {"held": {"blood": ["wgs"]}}]
    assert count_affected(changes, answers) == [1]


def test_rows_change_as_in_a_matrix():
    old, new = grid_definition(), grid_definition()
    questions(new)[0]["rows"].append({"name": "saliva", "label": "Saliva"})
    questions(new)[1]["rows"].append({"name": "saliva", "label": "Saliva"})
    assert [(change.breaking, change.text) for change in compare(old, new)] == [
        (True, "Required question held gets new rows: saliva."),
        (False, "Question planned gets new rows: saliva."),
    ]


# Statistics


def answered_grids(survey) -> None:
    respond(survey, {"held": {"blood": ["wgs", "rna"], "tissue": ["wes"]}, "planned": {"blood": ["wes"]}})
    respond(survey, {"held": {"blood": ["wgs"], "tissue": ["wgs", "wes", "rna"]}})
    respond(survey, {"held": {"blood": ["wes"]}})
    respond(survey, {"planned": {"blood": ["wgs", "wes"]}})


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["python", "postgresql"])
def test_each_row_counts_its_choices_as_shares_of_those_who_answered_the_row(grid, engine):
    answered_grids(grid)
    held = survey_results(grid, engine=engine).questions[0]
    assert held.kind == "matrix" and held.answered == 3
    rows = {row.name: (row.answered, [(count.name, count.count, count.percent) for count in row.counts])
            for row in held.rows}
    assert rows == {
        "blood": (3, [("wgs", 2, 66.7), ("wes", 1, 33.3), ("rna", 1, 33.3)]),
        "tissue": (2, [("wgs", 1, 50.0), ("wes", 2, 100.0), ("rna", 1, 50.0)]),
    }


@pytest.mark.django_db
def test_both_engines_agree_on_a_checkbox_matrix(grid):
    answered_grids(grid)
    assert survey_results(grid, engine="python") == survey_results(grid, engine="postgresql")


@pytest.mark.django_db
def test_the_results_page_shows_each_row_and_says_the_shares_add_up_to_more(client, grid):
    answered_grids(grid)
    client.force_login(coordinator())
    html = client.get(f"/admin/surveys/{grid.pk}/results/").content.decode()
    held = html[html.index('id="q-held"'):html.index('id="q-planned"')]
    assert ('<th scope="row">Tissue</th><td class="numeric">2</td>\n      <td class="numeric">1 (50.0%)</td>'
            '<td class="numeric">2 (100.0%)</td>') in held
    assert "so a row's percentages add up to more than 100" in held


# XLSForm


def test_a_checkbox_matrix_goes_to_xlsform_as_a_table_of_select_multiple_rows_and_comes_back():
    definition = grid_definition()
    workbook, _notes = definition_to_xlsform(definition)
    sheet = load_workbook(io.BytesIO(workbook))["survey"]
    survey = [[cell.value for cell in row][:2] for row in sheet.iter_rows()]
    assert ["select_multiple held", "held__tissue"] in survey and ["begin_group", "held"] in survey
    imported, notes = xlsform_to_definition(workbook)
    assert notes == []
    assert with_defaults(imported) == with_defaults(definition)
    xform = convert(workbook, file_type=".xlsx").xform
    assert '<select ref="/data/samples/held/held__blood" appearance="list-nolabel">' in xform
