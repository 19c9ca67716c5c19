"""Round trips through XLSForm (written, converted by pyxform, read back) of what the other XLSForm tests
leave out: "Other, please specify" on both choice types and conditions on it, shuffled choices, conditions
on a calculated value and comparisons of times, dates with times and web addresses. Each type's own
example goes through XLSForm in test_question_types.py, comparisons of numbers, calculations and
required_when in test_logic.py, repeats in test_repeat_xlsform.py."""

import io

from openpyxl import load_workbook
from pyxform.xls2xform import convert

from surveys.definition import validate_definition, with_defaults
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition


def definition() -> dict:
    choices = [{"name": "clinical", "label": "Clinical"}, {"name": "research", "label": "Research"}]
    return {
        "format": "1mg-portal-survey/1", "name": "round-trips", "title": "Round trips", "languages": ["en"],
        "sections": [{"name": "main", "title": "Main", "questions": [
            {"name": "purpose", "type": "single_choice", "label": "Purpose?", "choices": choices,
             "other": True, "randomise": True},
            {"name": "uses", "type": "multiple_choice", "label": "Uses?", "choices": choices, "other": True},
            {"name": "which", "type": "short_text", "label": "Which other purpose and use?",
             "condition": {"all": [{"question": "purpose", "in": ["other"]},
                                   {"question": "uses", "in": ["other"]}]}},
            {"name": "starts", "type": "time", "label": "Starts at?"},
            {"name": "meeting", "type": "datetime", "label": "Next meeting?"},
            {"name": "site", "type": "url", "label": "Web site?"},
            {"name": "picks", "type": "calculated", "label": "Picks", "expression": {"count": "uses"}},
            {"name": "morning", "type": "short_text", "label": "Why so early?",
             "condition": {"question": "starts", "op": "lt", "value": "08:30"}},
            {"name": "soon", "type": "short_text", "label": "Who comes?",
             "condition": {"question": "meeting", "op": "le", "value": "2026-01-31T17:00"}},
            {"name": "own_site", "type": "short_text", "label": "Hosted where?",
             "condition": {"not": {"question": "site", "op": "contains", "value": "europa.eu"}}},
            {"name": "several", "type": "long_text", "label": "Why several?",
             "condition": {"question": "picks", "op": "ge", "value": 2}},
            {"name": "ranked", "type": "ranking", "label": "Rank them", "choices": choices},
        ]}],
    }


def test_other_shuffled_choices_and_comparisons_go_to_xlsform_and_back_whole():
    assert validate_definition(definition()) == []
    workbook, _notes = definition_to_xlsform(definition())

    result = convert(workbook, file_type=".xlsx")
    imported, losses = xlsform_to_definition(workbook)

    # The portal names its language in the columns (label::English (en)), so pyxform takes the form as
    # translated and warns that it labels "Other" in no language; the portal keeps its own wording.
    assert [warning[:36] for warning in result.warnings] == ["This form uses or_other and translat"]
    assert "nodeset=\"randomize(" in result.xform
    assert losses == [f"pyxform: {warning}" for warning in result.warnings]
    assert with_defaults(imported) == with_defaults(definition())


def test_a_ranking_of_an_xlsform_with_or_other_says_other_is_left_out():
    written = definition()
    workbook, _notes = definition_to_xlsform(written)


    book = load_workbook(io.BytesIO(workbook))
    survey = book["survey"]
    for row in survey.iter_rows(min_row=2):
        if row[0].value == "rank ranked":
            row[0].value = "rank ranked or_other"
    buffer = io.BytesIO()
    book.save(buffer)

    imported, losses = xlsform_to_definition(buffer.getvalue())

    assert "ranked: a ranking has no “Other, please specify”; or_other is left out." in "\n".join(losses)
    ranked = imported["sections"][0]["questions"][-1]
    assert "other" not in ranked
    assert [choice["name"] for choice in ranked["choices"]] == ["clinical", "research"]
