"""Ranking questions: the definition, the builder, answering with one select a choice (and the checks
that keep an order), the words of the review and receipt, answer items, edits, exports, statistics on
both engines and the results page, XLSForm."""

import copy
import io
import re
from dataclasses import asdict

import pytest
from pyxform.xls2xform import convert

from surveys import exports
from surveys.answer_items import counted_choices, picked_choices
from surveys.answering import check_answer, label_of
from surveys.changes import compare
from surveys.definition import validate_definition, with_defaults
from surveys.models import Response
from surveys.results import survey_results
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import SurveyPageFactory, coordinator

from .test_builder import through_the_builder
from .test_exports import read_zip
from .test_responding import section_url, start
from .test_results import respond

PRIORITIES = {
    "name": "priorities",
    "type": "ranking",
    "label": "Rank these goals",
    "required": True,
    "choices": [
        {"name": "access", "label": "Data access"},
        {"name": "quality", "label": "Data quality"},
        {"name": "training", "label": "Training"},
    ],
}
TOP_TWO = {
    "name": "top_tools",
    "type": "ranking",
    "label": "Your two most used tools",
    "rank_count": 2,
    "choices": [
        {"name": "beacon", "label": "Beacon"},
        {"name": "htsget", "label": "htsget"},
        {"name": "crypt4gh", "label": "Crypt4GH"},
        {"name": "refget", "label": "refget"},
    ],
}


def ranking_definition(*questions) -> dict:
    return {
        "format": "1mg-portal-survey/1",
        "name": "ranking-survey",
        "title": "Ranking survey",
        "privacy_statement_url": "/privacy/",
        "languages": ["en"],
        "sections": [{"name": "goals", "title": "Goals",
                      "questions": copy.deepcopy(list(questions or (PRIORITIES, TOP_TWO)))}],
    }


DEFINITION = ranking_definition()


@pytest.fixture
def ranked_survey(db):
    return SurveyPageFactory(title="Ranking survey", definition=ranking_definition())


# --- Definition and builder -------------------------------------------------------------------------


def test_a_ranking_definition_is_valid_and_rank_count_defaults_to_every_choice():
    assert validate_definition(DEFINITION) == []
    assert with_defaults(DEFINITION)["sections"][0]["questions"][0]["rank_count"] is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"rank_count": 5}, "rank_count (5) is more than the number of choices (4)"),
        ({"rank_count": 0}, "0 is less than the minimum of 1"),
        ({"choices": [{"name": "beacon", "label": "Beacon"}]}, "is too short"),
        ({"condition": {"question": "priorities", "in": ["access"]}}, "its condition refers to 'priorities'"),
    ],
)
def test_a_wrong_ranking_is_refused(change, problem):
    definition = ranking_definition(PRIORITIES, {**TOP_TWO, **change})
    problems = validate_definition(definition)
    assert any(problem in line for line in problems), problems


def test_a_ranking_survives_the_builder_unchanged():
    rebuilt = through_the_builder(DEFINITION)
    assert with_defaults(rebuilt) == with_defaults(DEFINITION)
    assert "rank_count" not in rebuilt["sections"][0]["questions"][0]  # the default stays out


# --- Answering ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "value", "errors"),
    [
        (PRIORITIES, ["quality", "access", "training"], []),
        (PRIORITIES, ["quality", "access"], ["Fill the positions in order, from the first: 3rd missing."]),
        (PRIORITIES, {"access": "1", "quality": "1", "training": "2"},
         ["Data access, Data quality are all in position 1: give each position to one option only."]),
        (PRIORITIES, {"access": "1", "training": "3"},
         ["Fill the positions in order, from the first: 2nd missing."]),
        (PRIORITIES, {"access": "4"}, ["Choose from the positions given."]),
        (PRIORITIES, {"access": "²"}, ["Choose from the positions given."]),
        (PRIORITIES, ["access", "hacked"], ["Choose from the options given."]),
        (PRIORITIES, ["access", "access", "quality"], ["Rank each option once."]),
        (TOP_TWO, ["refget"], []),  # not required: the first positions are enough
        (TOP_TWO, ["refget", "beacon"], []),
        (TOP_TWO, ["refget", "beacon", "htsget"], ["Choose from the positions given."]),
        (TOP_TWO, {"htsget": "2"}, ["Fill the positions in order, from the first: 1st missing."]),
    ],
)
def test_an_answer_must_be_an_order_of_the_choices(question, value, errors):
    assert check_answer(question, value, DEFINITION, {}) == errors


def test_a_required_ranking_left_empty_is_refused():
    assert check_answer(PRIORITIES, {}, DEFINITION, {}) == ["This question is required."]
    assert check_answer(TOP_TWO, [], DEFINITION, {}) == []


def test_the_answer_in_words_is_numbered_in_order():
    assert label_of(PRIORITIES, ["training", "access", "quality"], DEFINITION, {}) == (
        "1. Training; 2. Data access; 3. Data quality"
    )


def positions(**fields) -> dict:
    return {f"priorities__{choice}": position for choice, position in fields.items()}


def test_a_ranking_is_answered_without_javascript_one_select_a_choice(client, ranked_survey):
    response = start(client, ranked_survey)
    page = client.get(section_url(ranked_survey, response, "goals"))
    assert '<select id="id_priorities__access" name="priorities__access">' in page.text
    assert '<option value="2">2nd</option>' in page.text
    assert "Choose a position…" in page.text  # every choice is ranked: no "Not ranked"
    assert '<option value="">Not ranked</option>' in page.text  # the top two of four: the others are not

    reply = client.post(section_url(ranked_survey, response, "goals"), {
        **positions(access="2", quality="3", training="1"), "top_tools__htsget": "1", "go": "next",
    })

    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.answers == {"priorities": ["training", "access", "quality"], "top_tools": ["htsget"]}


def test_two_choices_in_one_position_are_refused_and_what_was_typed_stays(client, ranked_survey):
    response = start(client, ranked_survey)

    reply = client.post(section_url(ranked_survey, response, "goals"), {
        **positions(access="1", quality="1", training="2"), "go": "next",
    })

    assert reply.status_code == 400
    assert "Data access, Data quality are all in position 1" in reply.text
    assert '<a href="#id_priorities__access">' in reply.text  # the error summary leads to the first select
    assert ('<select id="id_priorities__access" name="priorities__access" aria-invalid="true">'
            in reply.text)
    assert ('<select id="id_priorities__training" name="priorities__training">' in reply.text)
    assert reply.text.count('<option value="1" selected>') == 2
    assert '<option value="2" selected>' in reply.text
    response.refresh_from_db()
    assert response.working_answers["priorities"] == {"access": "1", "quality": "1", "training": "2"}


def test_a_required_ranking_needs_every_position(client, ranked_survey):
    response = start(client, ranked_survey)

    reply = client.post(section_url(ranked_survey, response, "goals"), {
        **positions(access="1", quality="2"), "go": "next",
    })

    assert reply.status_code == 400
    assert "Fill the positions in order, from the first: 3rd missing." in reply.text
    reply = client.post(section_url(ranked_survey, response, "goals"), {"go": "next"})
    assert "This question is required." in reply.text


def test_the_review_and_the_receipt_give_the_order_in_words(client, ranked_survey):
    response = start(client, ranked_survey)
    client.post(section_url(ranked_survey, response, "goals"), {
        **positions(access="3", quality="1", training="2"), "top_tools__refget": "1",
        "top_tools__beacon": "2", "go": "next",
    })

    review = client.get(f"{ranked_survey.url}r/{response.token}/review/")
    receipt = client.get(client.post(f"{ranked_survey.url}r/{response.token}/review/")["Location"])

    for page in (review, receipt):
        assert "1. Data quality; 2. Training; 3. Data access" in page.text
        assert "1. refget; 2. Beacon" in page.text
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED


def test_the_page_loads_the_ranking_script_from_the_site(client, ranked_survey):
    response = start(client, ranked_survey)
    page = client.get(section_url(ranked_survey, response, "goals"))
    assert 'src="/static/js/ranking.js"' in page.text
    assert 'data-moved="%(option)s moved to position %(position)s of %(count)s."' in page.text


# --- Answer items ---------------------------------------------------------------------------------


def test_answer_items_hold_each_choice_s_position_as_a_matrix_holds_its_rows():
    choices = picked_choices("ranking", ["training", "access"])
    assert choices == '{"access":"2","training":"1"}'
    assert counted_choices(choices) == [("access", "2"), ("training", "1")]
    assert picked_choices("ranking", {"access": "1", "quality": "1"}) == ""  # never submitted as it is


# --- Edits ----------------------------------------------------------------------------------------


def edited(change) -> dict:
    definition = copy.deepcopy(DEFINITION)
    questions = {question["name"]: question for question in definition["sections"][0]["questions"]}
    change(questions)
    assert validate_definition(definition) == []
    return definition


def only_change(new):
    (change,) = compare(DEFINITION, new)
    return change


def test_removing_a_choice_breaks_the_answers_that_ranked_it():
    change = only_change(edited(lambda q: q["top_tools"]["choices"].pop()))
    assert change.breaking and change.text == "Question top_tools loses choices: refget."
    assert change.affects({"top_tools": ["refget", "beacon"]})
    assert not change.affects({"top_tools": ["beacon"]})


def test_removing_a_choice_of_a_ranking_of_every_choice_is_listed_once():
    change = only_change(edited(lambda q: q["priorities"]["choices"].pop()))
    assert change.breaking and change.text == "Question priorities loses choices: training."


def test_adding_a_choice_is_safe_when_only_the_top_ones_are_ranked():
    change = only_change(edited(lambda q: q["top_tools"]["choices"].append({"name": "drs", "label": "DRS"})))
    assert not change.breaking and change.text == "Question top_tools gets new choices: drs."


def test_adding_a_choice_to_a_required_ranking_of_every_choice_breaks_its_answers():
    new = edited(lambda q: q["priorities"]["choices"].append({"name": "funding", "label": "Funding"}))
    breaking = [change for change in compare(DEFINITION, new) if change.breaking]
    assert [change.text for change in breaking] == [
        "Question priorities: the number of options to rank changes from 3 to 4."
    ]
    assert breaking[0].affects({"priorities": ["access", "quality", "training"]})


def test_ranking_fewer_breaks_the_answers_that_ranked_more():
    change = only_change(edited(lambda q: q["top_tools"].update(rank_count=1)))
    assert change.breaking
    assert change.text == "Question top_tools: the number of options to rank changes from 2 to 1."
    assert change.affects({"top_tools": ["beacon", "htsget"]})
    assert not change.affects({"top_tools": ["beacon"]})


def test_ranking_more_is_safe_for_an_optional_question():
    change = only_change(edited(lambda q: q["top_tools"].update(rank_count=3)))
    assert not change.breaking


# --- Exports --------------------------------------------------------------------------------------


def test_exports_give_each_choice_its_position_and_the_codebook_says_so(ranked_survey):
    respond(ranked_survey, {"priorities": ["training", "access", "quality"], "top_tools": ["htsget"]})
    respond(ranked_survey, {"priorities": ["quality", "training", "access"]})
    output = io.BytesIO()
    assert exports.write_export(ranked_survey, "csv", output) == 2

    responses, codebook = read_zip(output.getvalue())

    assert responses[0][3:] == ["priorities__access", "priorities__quality", "priorities__training",
                                "top_tools__beacon", "top_tools__htsget", "top_tools__crypt4gh",
                                "top_tools__refget"]
    assert [row[3:] for row in responses[1:]] == [["2", "3", "1", "", "1", "", ""],
                                                  ["3", "1", "2", "", "", "", ""]]
    line = next(line for line in codebook if line[0] == "top_tools__refget")
    assert line[3] == "ranking" and line[7:9] == ["refget", "refget"]
    assert line[9].startswith("the position the respondent gave this choice (1 = first); empty = not ranked")


# --- Statistics -----------------------------------------------------------------------------------


@pytest.fixture
def ranked_answers(ranked_survey):
    for priorities, tools in [
        (["training", "access", "quality"], ["htsget"]),
        (["access", "training", "quality"], ["htsget", "beacon"]),
        (["training", "quality", "access"], None),
    ]:
        respond(ranked_survey, {"priorities": priorities, **({"top_tools": tools} if tools else {})})
    return ranked_survey


def table(result) -> dict:
    return {row.name: ([count.count for count in row.counts], row.mean) for row in result.rows}


def test_both_engines_count_each_choice_s_positions_and_its_mean_position(ranked_answers):
    in_database = survey_results(ranked_answers, engine="postgresql")
    assert asdict(in_database) == asdict(survey_results(ranked_answers, engine="python"))

    priorities, tools = in_database.questions
    assert priorities.kind == "ranking" and priorities.answered == 3
    assert table(priorities) == {"access": ([1, 1, 1], 2.0), "quality": ([0, 1, 2], 2.67),
                                 "training": ([2, 1, 0], 1.33)}
    assert [count.label for count in priorities.rows[0].counts] == ["1st", "2nd", "3rd"]
    assert priorities.rows[2].counts[0].percent == 66.7  # of the three answers
    # Only two positions to fill: the columns stop there; a choice nobody ranked has no mean.
    assert table(tools) == {"beacon": ([0, 1], 2.0), "htsget": ([2, 0], 1.0), "crypt4gh": ([0, 0], None),
                            "refget": ([0, 0], None)}


def test_the_results_page_shows_a_table_of_choices_by_position(client, ranked_answers):
    client.force_login(coordinator())
    page = client.get(f"/admin/surveys/{ranked_answers.pk}/results/")
    assert page.status_code == 200
    html = re.sub(r"\s+", " ", page.content.decode())
    assert ("How often each option of “Rank these goals” was put in each position, and its mean position"
            in html)
    assert ('<th scope="col" class="numeric">1st</th><th scope="col" class="numeric">2nd</th>'
            '<th scope="col" class="numeric">3rd</th><th scope="col" class="numeric">Mean position</th>'
            in html)
    assert ('<th scope="row">Training</th><td class="numeric">3</td> <td class="numeric">2 (66.7%)</td>'
            in html)
    assert '<td class="numeric">1.33</td>' in html


# --- XLSForm --------------------------------------------------------------------------------------


def test_a_ranking_goes_to_xlsform_as_rank_and_comes_back():
    definition = with_defaults(ranking_definition(PRIORITIES))
    workbook, notes = definition_to_xlsform(definition)
    assert not [note for note in notes if "priorities" in note]
    assert '<odk:rank ref="/data/goals/priorities">' in convert(workbook, file_type=".xlsx").xform

    imported, losses = xlsform_to_definition(workbook)

    assert losses == []
    assert with_defaults(imported) == definition


def test_rank_count_is_not_carried_by_xlsform_and_the_export_says_so():
    workbook, notes = definition_to_xlsform(with_defaults(DEFINITION))
    assert [note for note in notes if "top_tools" in note] == [
        "Question top_tools: an XLSForm rank question orders every choice; ranking only the top 2 "
        "(rank_count) is left out."
    ]
    imported, _losses = xlsform_to_definition(workbook)
    tools = imported["sections"][0]["questions"][1]
    assert tools["type"] == "ranking" and "rank_count" not in tools
    assert [choice["name"] for choice in tools["choices"]] == ["beacon", "htsget", "crypt4gh", "refget"]
