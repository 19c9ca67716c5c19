"""Repeated sections in the editor's safe and breaking edits, and in the erasure of personal answers."""

import copy

import pytest

from portal.stakeholders.services import account_erase
from surveys.changes import compare, count_affected
from surveys.definition import with_defaults
from tests.factories import ProfileFactory, SurveyPageFactory

from .repeat_survey import DATASETS, repeat_definition, submitted

pytestmark = pytest.mark.django_db

ANSWER_SETS = [
    {"country": "be", "datasets": DATASETS},  # two items
    {"country": "pt", "datasets": DATASETS[:1]},  # one
    {"country": "pt"},  # none
]


def changes_of(old: dict, new: dict) -> list[tuple[bool, str, int]]:
    found = compare(with_defaults(old), with_defaults(new))
    return [(change.breaking, change.text, count) for change, count in
            zip(found, count_affected(found, ANSWER_SETS), strict=True)]


def test_a_lower_max_breaks_the_responses_with_more_items():
    assert changes_of(repeat_definition(), repeat_definition(max=1)) == [
        (True, "Section datasets takes at most 1 items instead of 3.", 1)]


def test_a_higher_min_breaks_the_responses_with_fewer_items():
    assert changes_of(repeat_definition(), repeat_definition(min=2)) == [
        (True, "Section datasets needs at least 2 items instead of 0.", 2)]


def test_looser_bounds_and_new_words_are_safe():
    found = changes_of(repeat_definition(min=1, max=3), repeat_definition(min=0, max=5, add_label="Add one"))
    assert [breaking for breaking, _text, _count in found] == [False, False]


def test_a_section_that_becomes_repeated_or_stops_being_so_breaks_its_answers():
    plain = repeat_definition()
    del plain["sections"][1]["repeat"]
    assert changes_of(repeat_definition(), plain)[0] == (
        True, "Section datasets is no longer repeated: the items given are not asked any more.", 2)
    assert changes_of(plain, repeat_definition())[0][:2] == (
        True, "Section datasets becomes repeated: the answers given once move into items.")


def test_a_new_repeated_section_is_safe_unless_it_needs_items():
    old = repeat_definition()
    new = copy.deepcopy(old)
    new["sections"].append({"name": "sites", "title": "Sites", "repeat": {"max": 2},
                            "questions": [{"name": "site", "type": "short_text", "label": "Site"}]})
    assert all(not breaking for breaking, _text, _count in changes_of(old, new))
    new["sections"][-1]["repeat"]["min"] = 1
    assert (True, "New section sites needs at least 1 items.", 3) in changes_of(old, new)


def test_an_item_s_question_changes_count_the_responses_whose_items_it_touches():
    old = repeat_definition()
    new = copy.deepcopy(old)
    kinds = new["sections"][1]["questions"][1]
    kinds["choices"] = kinds["choices"][:1]  # wes is removed
    found = changes_of(old, new)
    assert (True, "Question kinds loses choices: wes.", 2) in found  # both responses have an item with wes
    gone = copy.deepcopy(old)
    del gone["sections"][1]["questions"][2]  # depth, answered in the first item of two responses
    assert (True, "Question “Mean depth of the genomes” (depth) is removed.", 2) in changes_of(old, gone)
    required = copy.deepcopy(old)
    required["sections"][1]["questions"][1]["required"] = True  # kinds: every item answered it
    assert not any(breaking and count for breaking, _text, count in changes_of(old, required))


def test_a_question_moved_out_of_a_repeat_breaks_its_answers():
    old = repeat_definition()
    new = copy.deepcopy(old)
    moved = new["sections"][1]["questions"].pop(3)  # contact
    new["sections"][2]["questions"].append(moved)
    found = changes_of(old, new)
    assert any(breaking and text.startswith("Question contact moves from section datasets to section end")
               and count == 2 for breaking, text, count in found)


def test_erasure_removes_personal_answers_inside_the_items():
    survey = SurveyPageFactory(definition=repeat_definition())
    ana = ProfileFactory().user
    given = submitted(survey, {"country": "be", "datasets": DATASETS}, 1, respondent=ana)
    other = submitted(survey, {"country": "pt", "datasets": DATASETS}, 2, respondent=ProfileFactory().user)

    account_erase(ana)

    given.refresh_from_db()
    assert given.respondent is None
    assert given.answers["datasets"] == [{key: value for key, value in item.items() if key != "contact"}
                                         for item in DATASETS]
    other.refresh_from_db()
    assert other.answers["datasets"] == DATASETS
