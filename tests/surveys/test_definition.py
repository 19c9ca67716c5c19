"""The survey definition format: the schema, the rules across a definition, and the shipped survey."""

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from surveys.definition import (
    DEFINITIONS_DIR,
    FORMAT,
    DefinitionError,
    iter_questions,
    load_definition,
    publishing_problems,
    schema,
    translatable_texts,
    validate_definition,
    with_defaults,
)
from surveys.types import registered

ACCESSIBLE_GENOMES = DEFINITIONS_DIR / "accessible_genomes_2020.json"
COUNTRIES = DEFINITIONS_DIR.parent.parent / "portal" / "initiative" / "data" / "countries.json"


def choice_list(*names, exclusive=()):
    return [{"name": name, "label": name.title(), **({"exclusive": True} if name in exclusive else {})}
            for name in names]


def minimal(*sections) -> dict:
    """A valid survey of one section with one multiple-choice question, or the sections given."""
    return {
        "format": FORMAT,
        "name": "minimal",
        "title": "Minimal survey",
        "privacy_statement_url": "https://example.org/privacy",
        "languages": ["en"],
        "sections": list(sections) or [section("first", multiple("kinds"))],
    }


def section(name, *questions, **extra):
    return {"name": name, "title": name.title(), "questions": list(questions), **extra}


def multiple(name, *choices, **extra):
    return {"name": name, "type": "multiple_choice", "label": "Which?",
            "choices": choice_list(*(choices or ("wgs", "wes", "none")), exclusive={"none"}), **extra}


def text(name, **extra):
    return {"name": name, "type": "short_text", "label": "Say", **extra}


def only_problem(data) -> str:
    problems = validate_definition(data)
    assert len(problems) == 1, problems
    return problems[0]


# The shipped survey


@pytest.fixture(scope="module")
def genomes() -> dict:
    return json.loads(ACCESSIBLE_GENOMES.read_text(encoding="utf-8"))


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(schema())


def test_the_accessible_genomes_survey_is_valid_and_publishable(genomes):
    assert validate_definition(genomes) == []
    assert publishing_problems(genomes) == []
    assert load_definition(ACCESSIBLE_GENOMES)["name"] == "accessible-genomes-2020"


def test_the_accessible_genomes_survey_carries_the_original_texts(genomes):
    assert genomes["title"] == "1+MG - Survey on accessible genomes - July 2020"
    paragraphs = genomes["intro"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("You are invited to participate in this survey")
    assert paragraphs[2].endswith("to provide guidance for participation in the 1+MG initiative.")
    assert "https://ec.europa.eu/eusurvey/runner/1plusMG_Survey2020" in genomes["source"]
    assert genomes["privacy_statement_url"] == "/privacy/"
    assert "EC privacy statement" in genomes["note"]


def test_the_accessible_genomes_survey_has_the_sections_and_questions_of_the_original(genomes):
    sections = genomes["sections"]
    # The original's sections, between the portal's own: "general" before, the further datasets after.
    assert [s["name"] for s in sections] == ["general", "b1", "c1", "d1", "further_datasets"]
    assert [len(s["questions"]) for s in sections] == [6, 4, 5, 3, 3]
    assert sections[0]["added"] is True and sections[0]["note"]
    assert sections[4]["added"] is True and sections[4]["note"] and sections[4]["repeat"]["min"] == 0
    assert not any(s.get("added") for s in sections[1:4])
    assert sections[3]["intro"] == (
        "For your data collection, we need to know for how many subjects you observe the following:"
    )
    original = {**genomes, "sections": sections[:4]}
    required = {q["name"] for _, q in iter_questions(original) if q.get("required")}
    optional = {q["name"] for _, q in iter_questions(original)} - required
    assert optional == {"dataset_description", "c1_data_quality"}
    b1 = {q["name"]: q for q in sections[1]["questions"]}
    assert b1["b1_purpose"]["label"] == "1. What was the main purpose for data collection?"
    assert b1["b1_genetic_data"]["type"] == "multiple_choice"
    assert "c1_data_quality" in [q["name"] for q in sections[2]["questions"]]


def test_none_of_the_above_is_the_only_exclusive_choice_and_clinical_information_has_a_follow_up(genomes):
    exclusive = [(q["name"], c["label"]) for _, q in iter_questions(genomes)
                 for c in q.get("choices", []) if c.get("exclusive")]
    assert exclusive == [("b1_phenotypic_data", "None of the above")]
    follow_up = next(q for _, q in iter_questions(genomes) if q["name"] == "b1_clinical_information")
    assert follow_up["type"] == "long_text" and follow_up["required"] is True
    assert follow_up["condition"] == {"question": "b1_phenotypic_data", "in": ["clinical_information"]}


def test_the_ethics_sub_questions_keep_the_option_order_of_the_original(genomes):
    questions = {q["name"]: q for _, q in iter_questions(genomes)}
    assert [c["label"] for c in questions["d1_gdpr_basis"]["choices"]] == [
        "No", "No, but re-consenting is possible", "Yes", "Don't know"]
    assert [c["label"] for c in questions["d1_future_research"]["choices"]] == ["No", "Yes", "Don't know"]
    assert [c["label"] for c in questions["d1_healthcare_use"]["choices"]] == ["Yes", "No", "Don't know"]
    assert "ethics committee" in questions["d1_future_research"]["help"]


def test_the_country_question_lists_the_initiatives_countries_and_another_country(genomes):
    countries = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    country = next(q for _, q in iter_questions(genomes) if q["name"] == "country")
    assert country["widget"] == "dropdown" and country["required"] is True
    assert [(c["name"], c["label"]) for c in country["choices"]] == [
        *((c["iso_code"].lower(), c["name"]) for c in countries["countries"]), ("other", "Another country")]


# Loading


def test_loading_fills_in_every_default_and_leaves_the_input_alone():
    number = {"name": "n", "type": "number", "label": "N"}
    data = minimal(section("first", multiple("kinds"), text("say"), number))
    before = copy.deepcopy(data)
    loaded = load_definition(data)
    assert data == before
    kinds, say, number = loaded["sections"][0]["questions"]
    assert kinds["required"] is False and kinds["condition"] is None and kinds["min_selected"] is None
    assert kinds["choices"][0]["exclusive"] is False
    assert say["max_length"] == 200
    assert number["kind"] == "integer"
    assert validate_definition(loaded) == []


def test_loading_an_invalid_definition_says_why():
    with pytest.raises(DefinitionError) as raised:
        load_definition({**minimal(), "format": "xlsform"})
    assert raised.value.problems == ["$.format: '1mg-portal-survey/1' was expected"]


def schema_default(prop: dict):
    if "$ref" in prop:
        prop = schema()["$defs"][prop["$ref"].removeprefix("#/$defs/")]
    return prop.get("default")


def test_the_defaults_in_the_schema_are_the_defaults_of_the_loader():
    for kind in registered():
        question_type, defaults = kind.name, kind.defaults
        properties, required = {}, set()
        for branch in schema()["$defs"]["question"]["allOf"]:
            wanted = branch["if"]["properties"]["type"]
            if question_type in [wanted.get("const"), *wanted.get("enum", [])]:
                properties |= branch["then"].get("properties", {})
                required |= set(branch["then"].get("required", []))
        in_schema = {key: schema_default(prop) for key, prop in properties.items()
                     if key not in ("choices", "rows", "rows_from") and key not in required}
        assert in_schema == defaults, question_type


# Structure (the schema)


def test_a_missing_name_is_an_error_but_a_name_unlike_the_label_is_fine():
    assert validate_definition(minimal(section("first", text("q7", label="What is your name?")))) == []
    nameless = minimal(section("first", {"type": "short_text", "label": "What is your name?"}))
    assert only_problem(nameless) == "$.sections[0].questions[0]: 'name' is a required property"


def test_an_unknown_question_type_is_an_error():
    assert only_problem(minimal(section("first", text("q", type="slider")))).startswith(
        "$.sections[0].questions[0].type: 'slider' is not one of")


def test_a_key_of_another_question_type_is_an_error():
    assert only_problem(minimal(section("first", text("q", choices=choice_list("a", "b"))))) == (
        "$.sections[0].questions[0]: Unevaluated properties are not allowed ('choices' was unexpected)")


def test_a_number_table_needs_rows_or_rows_from():
    table = {"name": "t", "type": "number_table", "label": "How many?"}
    assert "rows or rows_from" in only_problem(minimal(section("first", table)))


def test_a_name_with_capitals_is_an_error():
    assert only_problem(minimal(section("First", text("q")))) == (
        "$.sections[0].name: 'First' does not match '^[a-z][a-z0-9_]{0,62}$'")


def test_a_condition_needs_choices_to_look_for():
    later = text("why", condition={"question": "kinds", "in": []})
    assert only_problem(minimal(section("first", multiple("kinds"), later))) == (
        "$.sections[0].questions[1].condition.in: [] should be non-empty")


# Rules across the definition


def test_duplicate_section_names_are_an_error():
    data = minimal(section("first", text("a")), section("first", text("b")))
    assert only_problem(data) == "section name 'first' is used 2 times; names must be unique"


def test_duplicate_question_names_across_sections_are_an_error():
    data = minimal(section("first", text("a")), section("second", text("a")))
    assert only_problem(data) == "question name 'a' is used 2 times; names must be unique"


def test_duplicate_choice_names_are_an_error():
    data = minimal(section("first", multiple("kinds", "wgs", "wgs")))
    assert only_problem(data) == "question kinds: choice name 'wgs' is used 2 times; names must be unique"


def test_duplicate_row_names_are_an_error():
    matrix = {"name": "m", "type": "matrix", "label": "Rate", "choices": choice_list("good", "bad"),
              "rows": [{"name": "speed", "label": "Speed"}, {"name": "speed", "label": "Speed again"}]}
    assert only_problem(minimal(section("first", matrix))) == (
        "question m: row name 'speed' is used 2 times; names must be unique")


def test_a_condition_on_a_later_question_is_an_error():
    early = text("why", condition={"question": "kinds", "in": ["wgs"]})
    data = minimal(section("first", early, multiple("kinds")))
    assert only_problem(data).startswith(
        "question why: its condition refers to 'kinds', which is not an earlier question")


def test_a_section_condition_on_a_question_of_the_same_section_is_an_error():
    data = minimal(section("first", multiple("kinds"), condition={"question": "kinds", "in": ["wgs"]}))
    assert only_problem(data).startswith(
        "section first: its condition refers to 'kinds', which is not an earlier question")


def test_a_section_condition_on_an_earlier_section_is_fine():
    later = section("second", text("why"), condition={"any": [{"question": "kinds", "in": ["wgs", "wes"]}]})
    assert validate_definition(minimal(section("first", multiple("kinds")), later)) == []


def test_a_condition_on_an_unknown_choice_is_an_error():
    nested = {"all": [{"question": "kinds", "in": ["wgs"]}, {"question": "kinds", "in": ["wxs"]}]}
    data = minimal(section("first", multiple("kinds"), text("why", condition=nested)))
    assert only_problem(data) == (
        "question why: its condition refers to 'wxs', which is not a choice of 'kinds'")


def test_a_condition_on_a_text_question_is_an_error():
    data = minimal(section("first", text("say"), text("why", condition={"question": "say", "in": ["yes"]})))
    assert "a short_text question" in only_problem(data)


def test_rows_from_a_question_that_is_not_multiple_choice_is_an_error():
    single = {"name": "purpose", "type": "single_choice", "label": "Why?", "choices": choice_list("a", "b")}
    table = {"name": "t", "type": "number_table", "label": "How many?", "rows_from": "purpose"}
    assert only_problem(minimal(section("first", single, table))) == (
        "question t: rows_from refers to 'purpose', a single_choice question; "
        "rows come from a multiple_choice question")


def test_rows_from_an_earlier_multiple_choice_is_fine():
    table = {"name": "t", "type": "number_table", "label": "How many?", "rows_from": "kinds", "min": 0}
    assert validate_definition(minimal(section("first", multiple("kinds"), table))) == []


def test_rows_from_a_later_question_is_an_error():
    table = {"name": "t", "type": "number_table", "label": "How many?", "rows_from": "kinds"}
    data = minimal(section("first", table, multiple("kinds")))
    assert only_problem(data) == "question t: rows_from refers to 'kinds', which is not an earlier question"


def test_min_selected_above_max_selected_is_an_error():
    data = minimal(section("first", multiple("kinds", min_selected=3, max_selected=2)))
    assert only_problem(data) == "question kinds: min_selected (3) is more than max_selected (2)"


def test_max_selected_above_the_number_of_choices_is_an_error():
    data = minimal(section("first", multiple("kinds", max_selected=4)))
    assert only_problem(data) == "question kinds: max_selected (4) is more than the number of choices (3)"


def test_number_min_above_max_is_an_error():
    number = {"name": "n", "type": "number", "label": "N", "kind": "decimal", "min": 10, "max": 1.5}
    assert only_problem(minimal(section("first", number))) == "question n: min (10) is more than max (1.5)"


def test_a_fractional_bound_on_an_integer_question_is_an_error():
    number = {"name": "n", "type": "number", "label": "N", "min": 0.5}
    assert only_problem(minimal(section("first", number))) == (
        "question n: min (0.5) must be a whole number for an integer question")


def test_a_date_min_after_max_or_an_impossible_date_is_an_error():
    date = {"name": "d", "type": "date", "label": "When?", "min": "2021-01-01", "max": "2020-12-31"}
    assert only_problem(minimal(section("first", date))) == (
        "question d: min (2021-01-01) is after max (2020-12-31)")
    date = {"name": "d", "type": "date", "label": "When?", "min": "2021-02-30"}
    assert only_problem(minimal(section("first", date))) == "question d: min (2021-02-30) is not a date"


def test_an_exclusive_choice_outside_a_multiple_choice_is_an_error():
    choices = choice_list("a", "b", exclusive={"b"})
    single = {"name": "s", "type": "single_choice", "label": "S", "choices": choices}
    assert "only have a meaning in a multiple_choice" in only_problem(minimal(section("first", single)))


def test_translations_must_name_a_further_language_and_an_existing_text():
    data = {**minimal(), "languages": ["en", "fr"], "translations": {"fr": {
        "title": "Enquête minimale",
        "sections.first.questions.kinds.choices.none.label": "Aucun",
        "sections.first.questions.kinds.help": "Aide",
    }}}
    assert only_problem(data) == (
        "translations.fr: 'sections.first.questions.kinds.help' is not a text of this survey")
    del data["translations"]["fr"]["sections.first.questions.kinds.help"]
    assert validate_definition(data) == []
    data["translations"]["de"] = {"title": "Umfrage"}
    assert only_problem(data) == "translations: 'de' is not listed in languages after the first"


def test_every_text_has_a_translation_path():
    texts = translatable_texts(minimal())
    assert texts["sections.first.questions.kinds.label"] == "Which?"
    assert texts["sections.first.questions.kinds.choices.wgs.label"] == "Wgs"


# Publishing


def test_a_missing_privacy_statement_only_blocks_publishing():
    for draft in ({**minimal(), "privacy_statement_url": ""}, {k: v for k, v in minimal().items()
                                                               if k != "privacy_statement_url"}):
        assert validate_definition(draft) == []
        assert publishing_problems(draft) == ["privacy_statement_url is required to publish"]


def test_a_privacy_statement_is_an_https_address_or_a_portal_path():
    for url in ("https://ec.europa.eu/privacy", "/privacy/"):
        assert publishing_problems({**minimal(), "privacy_statement_url": url}) == []
    for url in ("http://example.org/privacy", "//example.org/privacy", "javascript:alert(1)"):
        problem = only_problem({**minimal(), "privacy_statement_url": url})
        assert problem.startswith("$.privacy_statement_url: must be empty"), problem


def test_with_defaults_keeps_a_definition_valid_and_stable():
    filled = with_defaults(minimal())
    assert with_defaults(filled) == filled


def test_the_example_in_the_documentation_is_publishable():
    documentation = (DEFINITIONS_DIR.parent.parent / "docs" / "survey-format.md").read_text(encoding="utf-8")
    example = documentation.split("```json\n", 1)[1].split("```", 1)[0]
    assert publishing_problems(json.loads(example)) == []
