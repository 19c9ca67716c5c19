"""Survey logic end to end: comparisons and negation in conditions, required only when, calculated values,
earlier answers piped into texts, choices offered by condition and shuffled per response; validation, the
page builder, edits of a published survey and XLSForm."""

import copy
import io
import re

import pytest

from surveys import exports
from surveys.builder import from_builder, to_builder
from surveys.changes import compare, count_affected
from surveys.definition import validate_definition, with_defaults
from surveys.models import Response
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import SurveyPageFactory

from .test_exports import read_zip

KINDS = [{"name": "wgs", "label": "Whole genome"}, {"name": "wes", "label": "Exome"},
         {"name": "panel", "label": "Panel"}, {"name": "arrays", "label": "Arrays"}]


def logic_definition() -> dict:
    return {
        "format": "1mg-portal-survey/1", "name": "logic", "title": "Logic", "languages": ["en"],
        "privacy_statement_url": "/privacy/",
        "sections": [
            {"name": "first", "title": "About you", "questions": [
                {"name": "centre", "type": "short_text", "label": "Your centre?"},
                {"name": "subjects", "type": "number", "label": "How many subjects?", "kind": "decimal"},
                {"name": "kinds", "type": "multiple_choice", "label": "Kinds of data at {{centre}}?",
                 "choices": KINDS},
                {"name": "cohorts", "type": "number", "label": "How many cohorts?",
                 "condition": {"question": "subjects", "op": "ge", "value": 1000}},
            ]},
            {"name": "second", "title": "Details", "questions": [
                {"name": "per_kind", "type": "calculated", "label": "Subjects per kind of data",
                 "expression": {"op": "/", "args": [{"question": "subjects"}, {"count": "kinds"}]}},
                {"name": "main", "type": "single_choice", "label": "Main kind, of {{kinds}}?",
                 "help": "At {{centre}}, with {{per_kind}} subjects each", "randomise": True,
                 "choices": [{**kind, "when": {"question": "kinds", "in": [kind["name"]]}}
                             for kind in KINDS]},
                {"name": "why", "type": "long_text", "label": "Why so few?",
                 "required_when": {"not": {"question": "subjects", "op": "gt", "value": 10}}},
            ]},
        ],
    }


# Validation


@pytest.mark.parametrize("change, problem", [
    (lambda q: q[3].update(condition={"question": "centre", "op": "gt", "value": 3}),
     "its condition compares 'centre', a short_text question, with 'gt'; it can be compared with eq, ne, "
     "contains, answered, not_answered"),
    (lambda q: q[3].update(condition={"question": "subjects", "op": "ge", "value": "many"}),
     "its condition compares 'subjects' with 'many', which is not a number"),
    (lambda q: q[3].update(condition={"question": "kinds", "op": "eq", "value": 2}),
     "its condition compares 'kinds', a multiple_choice question, with 'eq'; it can be compared with "
     "answered, not_answered"),
    (lambda q: q[3].update(condition={"question": "subjects", "op": "answered", "value": 1}),
     "its condition answered 'subjects' takes no value"),
    (lambda q: q[0].update(condition={"not": {"question": "subjects", "op": "answered"}}),
     "its condition refers to 'subjects', which is not an earlier question"),
    (lambda q: q[0].update(required_when={"question": "cohorts", "op": "answered"}),
     "question centre (required_when): its condition refers to 'cohorts'"),
    (lambda q: q[0].update(label="Centre of {{subjects}}?"),
     "its label shows the answer to 'subjects', which is not an earlier question"),
    (lambda q: q[3].update(type="matrix", rows=[{"name": "a", "label": "A"}],
                           choices=[{"name": "x", "label": "X", "when": {"question": "centre",
                                                                         "op": "answered"}},
                                    {"name": "y", "label": "Y"}]),
     "only single_choice or multiple_choice questions offer choices by condition"),
    (lambda q: q[3].update(type="calculated", expression={"op": "+", "args": [{"question": "centre"}, 1]}),
     "its expression reads 'centre', a short_text question"),
    (lambda q: q[3].update(type="calculated", expression={"count": "subjects"}),
     "its expression counts the choices of 'subjects', which is not a multiple_choice question"),
    (lambda q: q[3].update(type="calculated", required=True, expression=1),
     "a calculated value is never typed by the respondent; it cannot be required"),
    (lambda q: q[3].update(type="calculated", expression={"op": "%", "args": [1, 2]}),
     "$.sections[0].questions[3]"),
    (lambda q: q[0].update(randomise=True), "randomise"),
])
def test_logic_that_does_not_fit_the_questions_is_refused(change, problem):
    definition = logic_definition()
    assert validate_definition(definition) == []
    question = definition["sections"][0]["questions"][3]
    for key in ("kind", "condition"):
        question.pop(key, None)
    change(definition["sections"][0]["questions"])
    problems = validate_definition(definition)
    assert any(problem in line for line in problems), problems


# Answering


def start(client, definition, slug="logic"):
    survey = SurveyPageFactory(definition=definition, slug=slug)
    client.post(survey.url + "start/")
    response = Response.objects.latest("pk")
    return survey, response, f"{survey.url}r/{response.token}/"


@pytest.mark.django_db
def test_a_respondent_meets_every_piece_of_logic_and_the_server_decides(client):
    survey, response, base = start(client, logic_definition())
    page = client.get(base + "first/").text
    # The follow-up of a numeric comparison is on the page, hidden by the script until it holds.
    assert re.search(r'id="q-cohorts" data-condition="[^"]*&quot;ge&quot;[^"]*1000', page)
    answered = client.post(base + "first/", {"centre": "<script>alert(1)</script>", "subjects": "1500",
                                             "kinds": ["wgs", "wes", "panel"], "cohorts": "3", "go": "next"})
    assert answered.status_code == 302

    page = client.get(base + "second/").text
    # The calculation is done by the server and shown read-only; the piped answers are escaped.
    assert re.search(r'<output id="id_per_kind"[^>]*>500</output>', page)
    assert "<script>alert(1)</script>" not in page
    assert ('At <span data-pipe="centre">&lt;script&gt;alert(1)&lt;/script&gt;</span>, with '
            '<span data-pipe="per_kind">500</span> subjects each') in page
    assert 'Main kind, of <span data-pipe="kinds">Whole genome; Exome; Panel</span>?' in page
    # Cascading choices: only the kinds picked earlier; in an order kept for this response.
    offered = re.findall(r'name="main" value="(\w+)"', page)
    assert sorted(offered) == ["panel", "wes", "wgs"]
    response.refresh_from_db()
    order = response.answers["_order"]["main"]
    assert sorted(order) == ["arrays", "panel", "wes", "wgs"]
    assert offered == [name for name in order if name in offered]
    for _reload in range(3):
        assert re.findall(r'name="main" value="(\w+)"', client.get(base + "second/").text) == offered

    # A choice not offered is refused; the form's value for the calculation is ignored.
    refused = client.post(base + "second/", {"main": "arrays", "per_kind": "7", "go": "next"})
    assert refused.status_code == 400 and "Choose from the options given." in refused.text
    # required_when does not hold (1500 > 10): "why" may stay empty.
    assert client.post(base + "second/", {"main": "wes", "per_kind": "7", "go": "next"}).status_code == 302
    review = client.get(base + "review/").text
    assert "Kinds of data at &lt;script&gt;alert(1)&lt;/script&gt;?" in review
    client.post(base + "review/")
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.answers["per_kind"] == "500"
    assert response.answers["_order"] == {"main": order}  # kept with the submitted answers

    output = io.BytesIO()
    exports.write_export(survey, "csv", output)
    rows, _codebook = read_zip(output.getvalue())
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["per_kind"] == "500" and cells["main"] == "wes" and cells["cohorts"] == "3"


@pytest.mark.django_db
def test_required_when_is_checked_on_the_server_and_said_on_the_page(client):
    survey, response, base = start(client, logic_definition(), slug="required-when")
    client.post(base + "first/", {"centre": "Leuven", "subjects": "8", "kinds": ["wgs"], "go": "next"})
    page = client.get(base + "second/").text
    assert re.search(r'<span class="required" data-required-when="[^"]+">\(required\)</span>', page)
    refused = client.post(base + "second/", {"main": "wgs", "go": "next"})
    assert refused.status_code == 400 and "This question is required." in refused.text
    assert client.post(base + "second/", {"main": "wgs", "why": "A pilot", "go": "next"}).status_code == 302
    response.refresh_from_db()
    assert response.answers["per_kind"] == "8"


@pytest.mark.django_db
def test_a_calculation_without_its_inputs_has_no_value_and_the_follow_up_of_a_comparison_hides(client):
    survey, response, base = start(client, logic_definition(), slug="no-inputs")
    client.post(base + "first/", {"centre": "Ghent", "subjects": "500", "go": "next"})
    response.refresh_from_db()
    assert "per_kind" not in response.answers  # 500 / 0 picks: no value
    assert response.answers["cohorts"] == ""
    page = client.get(base + "first/").text
    assert re.search(r'<div class="question" id="q-cohorts" data-condition', page)  # shown, script decides
    client.post(base + "second/", {"why": "Small", "go": "next"})
    client.post(base + "review/")
    response.refresh_from_db()
    assert "cohorts" not in response.answers and "per_kind" not in response.answers


# The page builder


def test_the_logic_survives_the_builder():
    definition = logic_definition()
    definition["sections"][1]["questions"][2]["condition"] = {"any": [
        {"question": "subjects", "op": "lt", "value": 2.5}, {"not": {"question": "centre", "op": "contains",
                                                                     "value": "leu"}}]}
    again = from_builder(to_builder(definition), name="logic", title="Logic", languages=["en"],
                         privacy_statement_url="/privacy/")
    assert with_defaults(again) == with_defaults(definition)


def test_the_rules_of_the_builder_take_an_operator_a_value_and_not():
    definition = logic_definition()
    builder = to_builder(definition)
    why = builder[1].value["questions"][2].value
    rule = why["required_when"]["rules"][0]
    assert (rule["negate"], rule["question"], rule["op"], rule["value"]) == (True, "subjects", "gt", "10")
    assert why["required_when"]["expression"] == ""


# Edits of a published survey


def test_changed_logic_is_breaking_for_the_responses_it_flips():
    old = with_defaults(logic_definition())
    new = copy.deepcopy(old)
    first, second = new["sections"][0]["questions"], new["sections"][1]["questions"]
    first[3]["condition"]["value"] = 100
    second[0]["expression"] = {"op": "*", "args": [{"question": "subjects"}, 2]}
    second[2]["required_when"] = {"question": "subjects", "op": "lt", "value": 100}
    second[1]["choices"][3]["when"] = {"question": "kinds", "in": ["wgs"]}
    changes = [change for change in compare(old, new) if change.breaking]
    answers = [
        {"subjects": "500", "kinds": ["wgs"], "per_kind": "500", "main": "wgs"},  # asked cohorts now
        {"subjects": "50", "kinds": ["arrays"], "per_kind": "50", "main": "arrays"},  # why newly required
        {"subjects": "5000", "kinds": ["wgs", "wes"], "per_kind": "2500", "main": "wes"},
    ]
    counted = dict(zip((change.text for change in changes), count_affected(changes, answers), strict=True))
    assert counted == {
        "Question cohorts is asked of other respondents than before (its condition changes).": 1,
        "Question per_kind is calculated differently.": 3,
        "Question why is required in other cases than before.": 1,
        "Question main offers choice arrays on another condition.": 1,
    }
    randomised = copy.deepcopy(old)
    randomised["sections"][1]["questions"][1]["randomise"] = False
    assert [change.breaking for change in compare(old, randomised)] == [False]


# XLSForm


def test_comparisons_calculations_and_required_when_go_to_xlsform_and_back_and_the_rest_is_noted():
    definition = with_defaults(logic_definition())
    definition["sections"][1]["questions"][1]["label"] = "Main kind?"
    definition["sections"][1]["questions"][1]["help"] = ""
    workbook, notes = definition_to_xlsform(definition)
    text = "\n".join(notes)
    assert "the conditions of its choices (wgs, wes, panel, arrays) have no place in XLSForm" in text
    assert "shuffled" not in text  # randomize=true in the parameters column
    imported, _losses = xlsform_to_definition(workbook)
    questions = {q["name"]: q for s in with_defaults(imported)["sections"] for q in s["questions"]}
    assert questions["cohorts"]["condition"] == {"question": "subjects", "op": "ge", "value": 1000}
    assert questions["why"]["required_when"] == {"not": {"question": "subjects", "op": "gt", "value": 10}}
    assert questions["per_kind"]["expression"] == {"op": "/", "args": [{"question": "subjects"},
                                                                        {"count": "kinds"}]}
    assert questions["kinds"]["label"] == "Kinds of data at {{centre}}?"
    assert questions["main"]["randomise"] is True
