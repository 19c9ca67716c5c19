"""Repeated sections in XLSForm workbooks: begin_repeat / end_repeat both ways, bounds where they carry."""

from pyxform.xls2xform import convert

from surveys.definition import validate_definition, with_defaults
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition

from .repeat_survey import repeat_definition
from .test_xlsform import workbook


def test_a_repeat_goes_to_xlsform_and_back_whole():
    written, export_notes = definition_to_xlsform(repeat_definition())
    imported, import_notes = xlsform_to_definition(written)
    assert import_notes == []
    assert with_defaults(imported) == with_defaults(repeat_definition())
    assert any("portal::repeat" in note and "datasets" in note for note in export_notes)


def test_the_written_repeat_is_an_xform_repeat():
    written, _notes = definition_to_xlsform(repeat_definition())
    xform = convert(written, file_type=".xlsx").xform
    assert '<repeat nodeset="/data/datasets"' in xform


def repeat_workbook(count=None) -> bytes:
    return workbook(
        [
            ["type", "name", "label", "repeat_count"],
            ["begin_repeat", "person", "Person", count],
            ["text", "person_name", "Name", None],
            ["end_repeat", None, None, None],
        ],
        settings=[["form_title", "form_id"], ["Household survey", "household"]],
    )


def test_a_fixed_repeat_count_is_both_bounds():
    definition, notes = xlsform_to_definition(repeat_workbook(2))
    assert definition["sections"][0]["repeat"] == {"min": 2, "max": 2}
    assert validate_definition(definition) == []
    assert not any("repeat" in note for note in notes)


def test_a_repeat_without_bounds_or_with_a_computed_count_says_what_it_became():
    definition, notes = xlsform_to_definition(repeat_workbook())
    assert definition["sections"][0]["repeat"] == {"min": 0, "max": 50}
    assert any("XLSForm sets no most number of items; read as 0 to 50 items" in note for note in notes)
    computed = workbook(
        [
            ["type", "name", "label", "repeat_count"],
            ["begin_group", "home", "Home", None],
            ["integer", "size", "How many?", None],
            ["end_group", None, None, None],
            ["begin_repeat", "person", "Person", "${size}"],
            ["text", "person_name", "Name", None],
            ["end_repeat", None, None, None],
        ],
        settings=[["form_title", "form_id"], ["Household survey", "household"]],
    )
    definition, notes = xlsform_to_definition(computed)
    assert definition["sections"][1]["repeat"] == {"min": 0, "max": 50}
    assert any("the repeat_count" in note and "cannot be carried" in note for note in notes)
    assert validate_definition(definition) == []
