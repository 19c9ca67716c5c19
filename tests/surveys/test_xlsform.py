"""XLSForm export and import: export then import gives the same definition, pyxform accepts what we write,
and what either format cannot carry is reported."""

import copy
import io
import json
import shutil

import pytest
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from surveys.definition import DEFINITIONS_DIR, DefinitionError, validate_definition, with_defaults
from surveys.xlsform import (
    condition_to_xpath,
    definition_to_xlsform,
    xlsform_to_definition,
    xpath_to_condition,
)

ACCESSIBLE_GENOMES = DEFINITIONS_DIR / "accessible_genomes_2020.json"
PT_BR_WARNING = (
    "The following language declarations do not contain valid machine-readable codes: "
    "Brazilian Portuguese (pt-BR). Learn more: http://xlsform.org#multiple-language-support"
)


def choices(*names, exclusive=()):
    return [
        {
            "name": name,
            "label": f"{name.title()} option",
            **({"exclusive": True} if name in exclusive else {}),
        }
        for name in names
    ]


def every_type() -> dict:
    """Every question type and every form of condition (single, all, any, nested, one-part all/any)."""
    return {
        "format": "1mg-portal-survey/1",
        "name": "every-type",
        "title": "Every type",
        "intro": "Welcome.\n\nIt takes “five” minutes — don’t worry.",
        "privacy_statement_url": "https://example.org/privacy",
        "source": "Written for the tests.",
        "note": "Not shown to respondents.",
        "languages": ["en"],
        "sections": [
            {
                "name": "first",
                "title": "First",
                "intro": "About the data.",
                "added": True,
                "note": "A note on the section.",
                "questions": [
                    {
                        "name": "purpose",
                        "type": "single_choice",
                        "label": "Purpose?",
                        "required": True,
                        "help": "Pick one.",
                        "choices": choices("clinical", "research", "other"),
                    },
                    {
                        "name": "country",
                        "type": "single_choice",
                        "widget": "dropdown",
                        "label": "Country",
                        "choices": choices("pt", "fr", "de"),
                    },
                    {
                        "name": "kinds",
                        "type": "multiple_choice",
                        "label": "Kinds?",
                        "required": True,
                        "min_selected": 1,
                        "max_selected": 3,
                        "choices": choices(
                            "wgs", "wes", "arrays", "none", "dont_know", exclusive={"none", "dont_know"}
                        ),
                    },
                    {
                        "name": "other_purpose",
                        "type": "short_text",
                        "label": "Which other purpose?",
                        "max_length": 80,
                        "condition": {"question": "purpose", "in": ["other"]},
                        "added": True,
                    },
                    {
                        "name": "describe",
                        "type": "long_text",
                        "label": "Describe",
                        "max_length": 20000,
                        "condition": {"question": "kinds", "in": ["wgs", "wes"]},
                        "note": "Follow-up.",
                    },
                    {
                        "name": "both",
                        "type": "long_text",
                        "label": "Both",
                        "condition": {
                            "all": [
                                {"question": "purpose", "in": ["clinical"]},
                                {"question": "kinds", "in": ["wgs"]},
                            ]
                        },
                    },
                    {
                        "name": "either",
                        "type": "short_text",
                        "label": "Either",
                        "condition": {
                            "any": [
                                {"question": "kinds", "in": ["wgs"]},
                                {"question": "kinds", "in": ["wes"]},
                            ]
                        },
                    },
                    {
                        "name": "nested",
                        "type": "short_text",
                        "label": "Nested",
                        "condition": {
                            "all": [
                                {
                                    "any": [
                                        {"question": "purpose", "in": ["clinical", "research"]},
                                        {"question": "country", "in": ["pt"]},
                                    ]
                                },
                                {"question": "kinds", "in": ["arrays"]},
                            ]
                        },
                    },
                    {
                        "name": "lonely_all",
                        "type": "short_text",
                        "label": "One-part all",
                        "condition": {"all": [{"question": "purpose", "in": ["research"]}]},
                    },
                    {
                        "name": "lonely_any",
                        "type": "short_text",
                        "label": "One-part any",
                        "condition": {"any": [{"question": "purpose", "in": ["research", "other"]}]},
                    },
                ],
            },
            {
                "name": "second",
                "title": "Second",
                "condition": {
                    "any": [
                        {"question": "kinds", "in": ["wgs", "wes", "arrays"]},
                        {"question": "purpose", "in": ["research"]},
                    ]
                },
                "questions": [
                    {
                        "name": "subjects",
                        "type": "number",
                        "label": "Subjects",
                        "min": 0,
                        "max": 1000000,
                        "required": True,
                    },
                    {
                        "name": "share",
                        "type": "number",
                        "kind": "decimal",
                        "label": "Share",
                        "min": 0.5,
                        "max": 99.75,
                    },
                    {"name": "any_number", "type": "number", "kind": "decimal", "label": "Any number"},
                    {
                        "name": "started",
                        "type": "date",
                        "label": "Started",
                        "min": "2000-01-01",
                        "max": "2030-12-31",
                    },
                    {"name": "ended", "type": "date", "label": "Ended"},
                    {"name": "contact", "type": "email", "label": "Contact", "required": True},
                    {
                        "name": "agreement",
                        "type": "matrix",
                        "label": "Do you agree?",
                        "help": "One per row.",
                        "required": True,
                        "condition": {"question": "purpose", "in": ["research"]},
                        "rows": [
                            {"name": "sharing", "label": "Sharing is good"},
                            {"name": "1", "label": "Codes may start with a digit"},
                        ],
                        "choices": choices("agree", "neutral", "disagree"),
                    },
                    {
                        "name": "per_kind",
                        "type": "number_table",
                        "label": "Subjects per kind",
                        "min": 0,
                        "rows_from": "kinds",
                        "required": True,
                    },
                    {
                        "name": "per_site",
                        "type": "number_table",
                        "kind": "decimal",
                        "label": "Per site",
                        "max": 10.5,
                        "help": "Terabytes.",
                        "rows": [{"name": "lisbon", "label": "Lisbon"}, {"name": "paris", "label": "Paris"}],
                    },
                ],
            },
        ],
    }


def translated() -> dict:
    definition = every_type()
    definition["languages"] = ["en", "fr", "pt-BR"]
    definition["translations"] = {
        "fr": {
            "title": "Tous les types",
            "intro": "Bienvenue.",
            "sections.first.title": "Premier",
            "sections.first.intro": "À propos des données.",
            "sections.first.questions.purpose.label": "But ?",
            "sections.first.questions.purpose.help": "Un seul.",
            "sections.first.questions.purpose.choices.clinical.label": "Clinique",
            "sections.first.questions.kinds.choices.none.label": "Aucun",
            "sections.second.questions.agreement.label": "D’accord ?",
            "sections.second.questions.agreement.rows.sharing.label": "Partager, c’est bien",
            "sections.second.questions.per_site.rows.paris.label": "Paris (FR)",
        },
        "pt-BR": {"title": "Todos os tipos", "sections.second.title": "Segunda"},
    }
    return definition


def round_trip(definition: dict) -> tuple[dict, list[str], list[str]]:
    workbook, export_notes = definition_to_xlsform(definition)
    imported, import_notes = xlsform_to_definition(workbook)
    return imported, export_notes, import_notes


def test_every_type_is_valid():
    assert validate_definition(every_type()) == []
    assert validate_definition(translated()) == []


@pytest.mark.parametrize(
    "make",
    [
        lambda: json.loads(ACCESSIBLE_GENOMES.read_text(encoding="utf-8")),
        every_type,
        translated,
    ],
    ids=["accessible_genomes", "every_type", "translated"],
)
def test_export_then_import_gives_the_same_definition(make):
    definition = make()
    imported, export_notes, import_notes = round_trip(definition)
    assert validate_definition(imported) == []
    assert with_defaults(imported) == with_defaults(definition)
    # What the portal wrote, it reads back whole; pyxform knows primary language subtags only (fr, not pt-BR).
    pyxform_on_regions = [f"pyxform: {PT_BR_WARNING}"] if "pt-BR" in definition["languages"] else []
    assert import_notes == pyxform_on_regions
    assert export_notes  # and it says what other XLSForm tools will not see


@pytest.mark.parametrize("make", [every_type, translated])
def test_pyxform_converts_the_exported_workbook_to_an_xform(make):
    workbook, _ = definition_to_xlsform(make())
    result = convert(workbook, file_type=".xlsx", pretty_print=True)
    assert result.warnings == ([PT_BR_WARNING] if make is translated else [])
    xform = result.xform
    assert "<h:title>Every type</h:title>" in xform
    assert (
        "relevant=\"selected( /data/first/kinds , 'wgs') or selected( /data/first/kinds , 'wes')\"" in xform
    )
    assert 'appearance="minimal"' in xform  # the dropdown
    assert 'appearance="list-nolabel"' in xform  # the matrix, a table-list
    assert "regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')" in xform
    if make is translated:
        assert '<translation lang="English (en)" default="true()">' in xform
        assert '<translation lang="French (fr)">' in xform


@pytest.mark.skipif(not shutil.which("java"), reason="ODK Validate needs Java")
def test_odk_validate_accepts_the_exported_workbook():
    """pyxform ships ODK Validate (JavaRosa, used by ODK Collect): it parses the XForm and its expressions."""
    workbook, _ = definition_to_xlsform(translated())
    result = convert(workbook, file_type=".xlsx", validate=True)
    assert result.warnings == [PT_BR_WARNING]


def test_the_workbook_is_plain_xlsform():
    workbook, _ = definition_to_xlsform(translated())
    book = load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = [[cell.value for cell in row] for row in book["survey"].iter_rows()]
    header = survey[0]
    assert header[:5] == [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "label::Brazilian Portuguese (pt-BR)",
    ]
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in survey[1:] if row[1]}
    assert rows["survey-intro"]["type"] == "note"
    assert rows["first"]["type"] == "begin_group" and rows["first"]["portal::added"] == "yes"
    assert rows["purpose"]["type"] == "select_one purpose" and rows["purpose"]["required"] == "yes"
    assert rows["purpose"]["label::French (fr)"] == "But ?"
    assert rows["kinds"]["constraint"] == (
        "count-selected(.) >= 1 and count-selected(.) <= 3"
        " and not(selected(., 'none') and count-selected(.) > 1)"
        " and not(selected(., 'dont_know') and count-selected(.) > 1)"
    )
    assert rows["contact"]["type"] == "text" and rows["contact"]["constraint"].startswith("regex(., ")
    assert rows["describe"]["appearance"] == "multiline"
    assert rows["describe"]["constraint"] == "string-length(.) <= 20000"
    assert rows["describe"]["relevant"] == "selected(${kinds}, 'wgs') or selected(${kinds}, 'wes')"
    assert rows["lonely_all"]["relevant"] == "(selected(${purpose}, 'research')) and true()"
    assert rows["share"]["type"] == "decimal" and rows["share"]["constraint"] == ". >= 0.5 and . <= 99.75"
    assert rows["started"]["constraint"] == ". >= date('2000-01-01') and . <= date('2030-12-31')"
    assert rows["agreement"]["type"] == "begin_group" and rows["agreement"]["appearance"] == "table-list"
    assert rows["agreement__sharing"]["type"] == "select_one agreement"
    assert rows["per_kind__wgs"]["type"] == "integer"
    assert rows["per_kind__wgs"]["relevant"] == "selected(${kinds}, 'wgs')"
    assert rows["per_kind__wgs"]["constraint"] == ". >= 0"
    choice_rows = [[cell.value for cell in row] for row in book["choices"].iter_rows()]
    assert choice_rows[0] == [
        "list_name",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "label::Brazilian Portuguese (pt-BR)",
        "portal_exclusive",
    ]
    assert ["kinds", "none", "None option", "Aucun", None, "yes"] in choice_rows
    settings = dict(zip(*[[cell.value for cell in row] for row in book["settings"].iter_rows()], strict=True))
    assert settings["form_id"] == "every-type" and settings["default_language"] == "English (en)"
    assert settings["portal::privacy_statement_url"] == "https://example.org/privacy"
    assert settings["portal::title::fr"] == "Tous les types"


def test_export_says_what_xlsform_does_not_carry():
    _, notes = definition_to_xlsform(translated())
    text = "\n".join(notes)
    assert "exclusive choices (none, dont_know)" in text
    assert "portal::privacy_statement_url" in text
    assert "portal::added and portal::note" in text and "question other_purpose" in text
    assert "The help of number-table questions is the hint of their group" in text and ": per_site." in text
    assert "have no translation in fr" in text and "have no translation in pt-BR" in text


def test_an_invalid_definition_is_not_exported():
    definition = every_type()
    definition["sections"][0]["questions"][0]["type"] = "slider"
    with pytest.raises(DefinitionError):
        definition_to_xlsform(definition)


def test_texts_that_look_like_formulas_stay_texts():
    definition = every_type()
    definition["sections"][0]["questions"][0]["label"] = "=1+1 is the label"
    imported, _, notes = round_trip(definition)
    assert imported["sections"][0]["questions"][0]["label"] == "=1+1 is the label"
    assert notes == []


@pytest.mark.parametrize(
    "condition",
    [
        {"question": "q", "in": ["a"]},
        {"question": "q", "in": ["a", "b"]},
        {"any": [{"question": "q", "in": ["a"]}, {"question": "q", "in": ["b"]}]},
        {"all": [{"question": "q", "in": ["a"]}]},
        {"any": [{"question": "q", "in": ["a", "b"]}]},
        {
            "all": [
                {"any": [{"question": "q", "in": ["a"]}, {"all": [{"question": "r", "in": ["1"]}]}]},
                {"question": "s", "in": ["x", "y"]},
            ]
        },
    ],
)
def test_conditions_read_back_to_the_same_structure(condition):
    assert xpath_to_condition(condition_to_xpath(condition)) == condition


@pytest.mark.parametrize(
    "expression, condition",
    [
        ("${q} = 'a'", {"question": "q", "in": ["a"]}),
        (
            "selected(${q}, \"a\") and ${r} = 'b'",
            {"all": [{"question": "q", "in": ["a"]}, {"question": "r", "in": ["b"]}]},
        ),
        (
            "selected(${q},'a') or selected(${r},'b') and selected(${s},'c')",
            {
                "any": [
                    {"question": "q", "in": ["a"]},
                    {"all": [{"question": "r", "in": ["b"]}, {"question": "s", "in": ["c"]}]},
                ]
            },
        ),
        ("${age} > 18", {"question": "age", "op": "gt", "value": 18}),
        ("not(selected(${q}, 'a'))", {"not": {"question": "q", "in": ["a"]}}),
    ],
)
def test_hand_written_conditions(expression, condition):
    assert xpath_to_condition(expression) == condition


@pytest.mark.parametrize(
    "expression", ["${age} > ${limit}", "regex(${q}, 'a')", "not(selected(${q}, 'a')", "selected(${q}, 'a'",
                   "true()"]
)
def test_other_expressions_are_not_conditions(expression):
    with pytest.raises(ValueError):
        xpath_to_condition(expression)


def workbook(
    survey: list[list], choices: list[list] | None = None, settings: list[list] | None = None
) -> bytes:
    book = Workbook()
    book.active.title = "survey"
    for row in survey:
        book.active.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_hand_made_xlsform_reports_what_the_portal_cannot_carry():
    xlsx = workbook(
        [
            ["type", "name", "label", "hint", "required", "relevant", "constraint", "calculation", "default"],
            ["begin_group", "household", "Household", None, None, None, None, None, None],
            [
                "integer",
                "size",
                "How many people live here?",
                "Count yourself",
                "yes",
                None,
                ". > 0",
                None,
                None,
            ],
            ["calculate", "double", None, None, None, None, None, "${size} * 2", None],
            ["calculate", "rounded", None, None, None, None, None, "round(${size} div 3)", None],
            ["select_one yn", "pets", "Any pets?", None, None, None, None, None, "no"],
            ["begin_repeat", "person", "Person", None, None, None, None, None, None],
            ["text", "person_name", "Name", None, "yes", None, None, None, None],
            ["end_repeat", None, None, None, None, None, None, None, None],
            ["geopoint", "where", "Where?", None, None, "${size} > 2", None, None, None],
            ["end_group", None, None, None, None, None, None, None, None],
        ],
        choices=[["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
        settings=[["form_title", "form_id"], ["Household survey", "household_2024"]],
    )
    definition, notes = xlsform_to_definition(xlsx)
    text = "\n".join(notes)
    assert "the calculation 'round(${size} div 3)' cannot be carried" in text
    double = definition["sections"][0]["questions"][1]
    assert double == {"name": "double", "type": "calculated", "label": "double",
                      "expression": {"op": "*", "args": [{"question": "size"}, 2]}}
    assert "double has no label; its label is its name" in text
    assert "repeat person: a repeat inside group household is a repeated section of its own" in text
    assert "'geopoint' is a question type the portal does not have" in text
    assert "the constraint '. > 0' cannot be carried" in text
    assert "default cannot be carried" in text
    assert "taken as English (en)" in text
    assert validate_definition(definition) == []
    assert definition["name"] == "household_2024" and definition["title"] == "Household survey"
    assert definition["languages"] == ["en"]
    section, person = definition["sections"]  # the group's part after the repeat holds nothing carried
    assert section["name"] == "household"
    names = [question["name"] for question in section["questions"]]
    assert names == ["size", "double", "pets"]
    assert person["repeat"] == {"min": 0, "max": 50}
    assert [question["name"] for question in person["questions"]] == ["person_name"]
    size = section["questions"][0]
    assert size == {
        "name": "size",
        "type": "number",
        "kind": "integer",
        "label": "How many people live here?",
        "help": "Count yourself",
        "required": True,
    }


def test_text_rows_are_read_as_the_text_type_they_describe():
    email = "regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')"
    xlsx = workbook(
        [
            ["type", "name", "label", "appearance", "constraint"],
            ["begin_group", "contact", "Contact", None, None],
            ["text", "address", "Address", None, email],
            ["text", "story", "Your story", "multiline", f"string-length(.) <= 900 and {email}"],
            ["text", "code", "Code", None, "regex(., '^[A-Z]+$')"],
            ["end_group", None, None, None, None],
        ],
        settings=[["form_title", "form_id", "default_language"], ["Contact", "contact", "en"]],
    )
    definition, notes = xlsform_to_definition(xlsx)
    address, story, code = definition["sections"][0]["questions"]
    assert (address["type"], story["type"], code["type"]) == ("email", "long_text", "short_text")
    assert story["max_length"] == 900
    # A long text has no place for a pattern: the address check it carried is reported, as the code's.
    assert notes == [
        f"Row 4, story: the constraint {email!r} cannot be carried; left out.",
        "Row 5, code: the constraint \"regex(., '^[A-Z]+$')\" cannot be carried; left out.",
    ]


def test_a_hand_made_xlsform_with_languages_named_the_odk_way():
    xlsx = workbook(
        [
            ["type", "name", "label::English (en)", "label::Français (fr)", "relevant"],
            ["select_multiple colours", "colours", "Colours?", "Couleurs ?", None],
            ["text", "why_red", "Why red?", "Pourquoi rouge ?", "selected(${colours}, 'red')"],
        ],
        choices=[
            ["list_name", "name", "label::English (en)", "label::Français (fr)"],
            ["colours", "red", "Red", "Rouge"],
            ["colours", "blue", "Blue", "Bleu"],
        ],
        settings=[["form_title", "form_id", "default_language"], ["Colours", "colours", "English (en)"]],
    )
    definition, notes = xlsform_to_definition(xlsx)
    assert any("outside any group" in note for note in notes)
    assert validate_definition(definition) == []
    assert definition["languages"] == ["en", "fr"]
    (section,) = definition["sections"]
    assert section["questions"][1]["condition"] == {"question": "colours", "in": ["red"]}
    assert (
        definition["translations"]["fr"][f"sections.{section['name']}.questions.colours.choices.red.label"]
        == "Rouge"
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a workbook", "neither an .xlsx nor an .xls workbook"),
        (workbook([["name", "label"], ["a", "A"]]), "not a valid XLSForm"),
        (workbook([["type", "name", "label"], ["select_one missing", "a", "A"]]), "not a valid XLSForm"),
    ],
)
def test_a_workbook_pyxform_refuses_is_refused(content, message):
    with pytest.raises(DefinitionError) as refused:
        xlsform_to_definition(content)
    assert message in refused.value.problems[0]


def test_changes_made_in_a_spreadsheet_come_back():
    """A coordinator edits the exported workbook (a label, a new choice); the import carries both."""
    original = every_type()
    xlsx, _ = definition_to_xlsform(original)
    book = load_workbook(io.BytesIO(xlsx))
    for row in book["survey"].iter_rows(min_row=2):
        if row[1].value == "purpose":
            row[2].value = "What is the purpose?"
    book["choices"].append(["purpose", "teaching", "Teaching", None])
    buffer = io.BytesIO()
    book.save(buffer)
    imported, notes = xlsform_to_definition(buffer.getvalue())
    assert notes == []
    expected = copy.deepcopy(original)
    expected["sections"][0]["questions"][0]["label"] = "What is the purpose?"
    expected["sections"][0]["questions"][0]["choices"].append({"name": "teaching", "label": "Teaching"})
    assert with_defaults(imported) == with_defaults(expected)
