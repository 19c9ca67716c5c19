"""The `personal` mark of a question in the portal's survey format: schema and defaults, the shipped
survey, and XLSForm, which carries it in the portal::personal column and says so."""

import io
import json

from openpyxl import load_workbook

from surveys.definition import (
    DEFINITIONS_DIR,
    QUESTION_DEFAULTS,
    iter_questions,
    load_definition,
    schema,
    validate_definition,
    with_defaults,
)
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import small_definition

from .test_xlsform import workbook

ACCESSIBLE_GENOMES = DEFINITIONS_DIR / "accessible_genomes_2020.json"


def with_personal_questions() -> dict:
    definition = small_definition()
    definition["sections"][1]["questions"] += [
        {"name": "full_name", "type": "short_text", "label": "Your name", "personal": True},
        {
            "name": "sites",
            "type": "number_table",
            "label": "Subjects per hospital",
            "rows": [{"name": "north", "label": "North"}, {"name": "south", "label": "South"}],
            "personal": True,
        },
        {"name": "remarks", "type": "long_text", "label": "Remarks", "personal": False},
    ]
    return definition


def test_a_question_is_not_personal_unless_marked():
    loaded = load_definition(with_personal_questions())
    marks = {question["name"]: question["personal"] for _, question in iter_questions(loaded)}
    assert marks == {"purpose": False, "kinds": False, "describe": False, "subjects": False,
                     "per_kind": False, "contact": False, "full_name": True, "sites": True, "remarks": False}


def test_the_mark_is_a_boolean_with_the_schemas_default():
    definition = small_definition()
    definition["sections"][0]["questions"][0]["personal"] = "yes"
    assert validate_definition(definition) == [
        "$.sections[0].questions[0].personal: 'yes' is not of type 'boolean'"
    ]
    properties = schema()["$defs"]["question"]["properties"]
    assert {key: properties[key].get("default") for key in QUESTION_DEFAULTS} == QUESTION_DEFAULTS


def test_the_accessible_genomes_survey_marks_who_answers_as_personal():
    definition = json.loads(ACCESSIBLE_GENOMES.read_text(encoding="utf-8"))
    personal = [question["name"] for _, question in iter_questions(definition) if question.get("personal")]
    assert personal == ["respondent_name", "respondent_email", "institution"]
    assert "institution is marked too" in definition["note"]
    assert validate_definition(definition) == []


def test_xlsform_carries_the_mark_in_its_own_column_and_says_so():
    definition = with_personal_questions()
    xlsx, export_notes = definition_to_xlsform(definition)

    sheet = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(xlsx))["survey"].iter_rows()]
    rows = {row[1]: dict(zip(sheet[0], row, strict=True)) for row in sheet[1:] if row[1]}
    assert rows["full_name"]["portal::personal"] == "yes"
    assert rows["sites"]["type"] == "begin_group" and rows["sites"]["portal::personal"] == "yes"
    assert rows["remarks"]["portal::personal"] is None and rows["counts"]["portal::personal"] is None
    assert any("portal::personal column" in note and "full_name, sites." in note for note in export_notes)

    imported, import_notes = xlsform_to_definition(xlsx)
    assert import_notes == []
    assert with_defaults(imported) == with_defaults(definition)


def test_a_hand_made_mark_that_is_not_yes_or_no_or_not_on_a_question_is_reported():
    xlsx = workbook(
        [
            ["type", "name", "label", "portal::personal"],
            ["begin_group", "about", "About you", "yes"],
            ["text", "who", "Your name", "yes"],
            ["text", "where", "Your town", "perhaps"],
            ["end_group", None, None, None],
        ],
        settings=[["form_title", "form_id"], ["About", "about"]],
    )
    definition, notes = xlsform_to_definition(xlsx)
    questions = {question["name"]: question for _, question in iter_questions(definition)}
    assert questions["who"]["personal"] is True
    assert questions["where"]["personal"] is False
    assert "personal" not in definition["sections"][0]
    text = "\n".join(notes)
    assert "portal::personal 'perhaps' is not yes or no; left out." in text
    assert "group about: portal::personal marks questions, not groups; left out." in text
    assert validate_definition(definition) == []
