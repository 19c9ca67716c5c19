"""Server-side checks of answers: required, exclusive options, min/max, conditions, types."""

import pytest

from surveys.answering import answered_for_submission, check_answer, check_section, condition_holds, rows_of
from tests.factories import small_definition

DEFINITION = small_definition()
DATA, COUNTS = DEFINITION["sections"]
PURPOSE, KINDS, DESCRIBE = DATA["questions"]
SUBJECTS, PER_KIND, CONTACT = COUNTS["questions"]


def test_a_required_question_must_be_answered():
    assert check_answer(PURPOSE, "", DEFINITION, {}) == ["This question is required."]
    assert check_answer(CONTACT, "", DEFINITION, {}) == []


def test_an_unknown_option_posted_by_hand_is_refused():
    assert check_answer(PURPOSE, "hacked", DEFINITION, {}) == ["Choose from the options given."]
    assert check_answer(KINDS, ["wgs", "hacked"], DEFINITION, {}) == ["Choose from the options given."]


def test_an_exclusive_option_cannot_be_combined():
    assert check_answer(KINDS, ["none"], DEFINITION, {}) == []
    assert check_answer(KINDS, ["wgs", "none"], DEFINITION, {}) == [
        "“None of the above” cannot be combined with other options."
    ]


def test_at_most_max_selected():
    assert check_answer(KINDS, ["wgs", "wes", "arrays"], DEFINITION, {}) == ["Choose at most 2 options."]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("12", None),
        ("-1", "Enter 0 or more."),
        ("2000000", "Enter 1000000 or less."),
        ("1.5", "Enter a whole number."),
        ("twelve", "Enter a whole number."),
        ("1e400", "Enter a whole number."),
    ],
)
def test_numbers_are_whole_and_within_range(text, error):
    assert check_answer(SUBJECTS, text, DEFINITION, {}) == ([error] if error else [])


def test_an_email_is_checked():
    assert check_answer(CONTACT, "not an address", DEFINITION, {}) == [
        "Enter an email address like name@example.org."
    ]


def test_a_follow_up_counts_only_when_its_condition_holds():
    assert condition_holds(DESCRIBE["condition"], {"kinds": ["wgs", "wes"]})
    assert not condition_holds(DESCRIBE["condition"], {"kinds": ["wes"]})
    assert check_section(DATA, DEFINITION, {"purpose": "clinical", "kinds": ["wes"]}) == {}
    assert check_section(DATA, DEFINITION, {"purpose": "clinical", "kinds": ["wgs"]}) == {
        "describe": ["This question is required."]
    }


def test_table_rows_follow_the_options_chosen_earlier_without_the_exclusive_one():
    assert [row["name"] for row in rows_of(PER_KIND, DEFINITION, {"kinds": ["wes", "wgs"]})] == ["wgs", "wes"]
    assert rows_of(PER_KIND, DEFINITION, {"kinds": ["none"]}) == []
    problems = check_answer(PER_KIND, {"wgs": "-3", "wes": "4"}, DEFINITION, {"kinds": ["wgs", "wes"]})
    assert problems == ["WGS: Enter 0 or more."]


def test_answers_to_hidden_follow_ups_are_not_kept():
    answers = {"purpose": "clinical", "kinds": ["wes"], "describe": "typed before changing my mind"}
    assert "describe" not in answered_for_submission(DEFINITION, answers)
