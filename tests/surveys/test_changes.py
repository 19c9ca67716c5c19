import copy

import pytest

from surveys.changes import compare, count_affected
from surveys.definition import load_definition, validate_definition
from surveys.models import Response, SurveyVersion
from tests.factories import ResponseFactory, coordinator, small_definition

from .editor import editor_data


def richer_definition() -> dict:
    """The small survey and a third section with a matrix, a date and a short text."""
    definition = small_definition()
    definition["sections"].append({
        "name": "more",
        "title": "More",
        "questions": [
            {"name": "quality", "type": "matrix", "label": "Quality",
             "rows": [{"name": "completeness", "label": "Completeness"},
                      {"name": "accuracy", "label": "Accuracy"}],
             "choices": [{"name": "good", "label": "Good"}, {"name": "fair", "label": "Fair"},
                         {"name": "poor", "label": "Poor"}]},
            {"name": "collected", "type": "date", "label": "Collected on", "min": "2000-01-01"},
            {"name": "dataset", "type": "short_text", "label": "Dataset name", "max_length": 100},
        ],
    })
    return definition


def edited(change, definition=None):
    definition = copy.deepcopy(definition or richer_definition())
    change(definition)
    assert validate_definition(definition) == [], "the edit makes an invalid definition"
    return definition


def questions(definition):
    return {q["name"]: q for section in definition["sections"] for q in section["questions"]}


def sections(definition):
    return {section["name"]: section for section in definition["sections"]}


def choices(definition, question):
    return {choice["name"]: choice for choice in questions(definition)[question]["choices"]}


def move_contact(definition, condition=None):
    sections(definition)["data"]["questions"].append(sections(definition)["counts"]["questions"].pop())
    if condition:  # into a new section of its own, shown on a condition
        definition["sections"].append({"name": "follow_up", "title": "Follow-up", "condition": condition,
                                       "questions": [sections(definition)["data"]["questions"].pop()]})


def own_rows(definition):
    per_kind = questions(definition)["per_kind"]
    del per_kind["rows_from"]
    per_kind["rows"] = [{"name": "wgs", "label": "WGS"}, {"name": "wes", "label": "WES"}]


NEW_OPTIONAL = {"name": "extra", "type": "short_text", "label": "Anything else?"}
NEW_REQUIRED = {"name": "extra", "type": "short_text", "label": "Must answer", "required": True}
RESEARCH_ONLY = {"question": "purpose", "in": ["research"]}
TIMELINESS = {"name": "timeliness", "label": "Timeliness"}


# edit, breaking, what the change says, answers it touches, answers it does not touch (None: no test)
CASES = {
    # Wording and presentation: safe, and listed.
    "question label": (lambda d: questions(d)["purpose"].update(label="1. Main purpose?"),
                       False, "Question purpose is worded differently", None, None),
    "question help": (lambda d: questions(d)["purpose"].update(help="Pick one."),
                      False, "Question purpose is worded differently", None, None),
    "choice label": (lambda d: choices(d, "kinds")["wgs"].update(label="Whole genomes"),
                     False, "Question kinds: choices worded differently: wgs", None, None),
    "row label": (lambda d: questions(d)["quality"]["rows"][1].update(label="Correctness"),
                  False, "Question quality: rows worded differently: accuracy", None, None),
    "survey title": (lambda d: d.update(title="Revised survey"),
                     False, "The survey's title or introduction is worded differently", None, None),
    "section title": (lambda d: sections(d)["counts"].update(title="Numbers"),
                      False, "Section counts: its title or introduction is worded differently", None, None),
    "translations": (lambda d: d.update(languages=["en", "fr"], translations={"fr": {"title": "Enquête"}}),
                     False, "Translations change", None, None),
    "languages": (lambda d: d.update(languages=["en", "fr"]),
                  False, "The languages change from en to en, fr", None, None),
    "privacy link": (lambda d: d.update(privacy_statement_url="/privacy/surveys/"),
                     False, "The privacy statement link changes", None, None),
    "dropdown": (lambda d: questions(d)["purpose"].update(widget="dropdown"),
                 False, "Question purpose is shown as a dropdown", None, None),
    "choice order": (lambda d: questions(d)["kinds"]["choices"].reverse(),
                     False, "Question kinds: its choices are in a different order", None, None),
    "question order": (lambda d: sections(d)["data"]["questions"].insert(0, sections(d)["data"]["questions"]
                                                                         .pop(1)),
                       False, "Section data: its questions are in a different order", None, None),
    "section order": (lambda d: d["sections"].insert(1, d["sections"].pop()),
                      False, "The sections are in a different order", None, None),
    # New questions, choices and rows.
    "new optional question": (lambda d: sections(d)["counts"]["questions"].append(NEW_OPTIONAL),
                              False, "New optional question “Anything else?” (extra)", None, None),
    "new required question": (lambda d: sections(d)["counts"]["questions"].append(NEW_REQUIRED),
                              True, "New required question “Must answer” (extra)", {"purpose": "clinical"},
                              None),
    "new required question on a condition": (
        lambda d: sections(d)["counts"]["questions"].append({**NEW_REQUIRED, "condition": RESEARCH_ONLY}),
        True, "New required question", {"purpose": "research"}, {"purpose": "clinical"}),
    "new choice": (lambda d: questions(d)["kinds"]["choices"].insert(3, {"name": "panel", "label": "Panel"}),
                   False, "Question kinds gets new choices: panel", None, None),
    "new row": (lambda d: questions(d)["quality"]["rows"].append(TIMELINESS),
                False, "Question quality gets new rows: timeliness", None, None),
    "new row of a required matrix": (
        lambda d: (questions(d)["quality"].update(required=True),
                   questions(d)["quality"]["rows"].append(TIMELINESS)),
        True, "Required question quality gets new rows: timeliness",
        {"quality": {"accuracy": "good"}}, {"purpose": "clinical"}),
    # Removed questions, choices and rows; another type.
    "question removed": (lambda d: sections(d)["counts"]["questions"].pop(),
                         True, "Question “5. Contact email” (contact) is removed",
                         {"contact": "lab@example.org"}, {"contact": ""}),
    "section removed": (lambda d: d["sections"].pop(),
                        False, "Section “More” (more) is removed", None, None),
    "choice removed": (lambda d: questions(d)["kinds"]["choices"].pop(2),
                       True, "Question kinds loses choices: arrays", {"kinds": ["wgs", "arrays"]},
                       {"kinds": ["wes"]}),
    "matrix choice removed": (lambda d: questions(d)["quality"]["choices"].pop(),
                              True, "Question quality loses choices: poor",
                              {"quality": {"completeness": "good", "accuracy": "poor"}},
                              {"quality": {"completeness": "good", "accuracy": "fair"}}),
    "row removed": (lambda d: questions(d)["quality"]["rows"].pop(),
                    True, "Question quality loses rows: accuracy",
                    {"quality": {"completeness": "", "accuracy": "fair"}},
                    {"quality": {"completeness": "good", "accuracy": ""}}),
    "type": (lambda d: questions(d)["contact"].update(type="short_text"),
             True, "Question contact changes type from email to short_text", {"contact": "lab@example.org"},
             {"purpose": "clinical"}),
    # Who is asked.
    "section condition": (lambda d: sections(d)["counts"].update(condition=RESEARCH_ONLY),
                          True, "Section counts is shown to other respondents than before",
                          {"purpose": "clinical"}, {"purpose": "research"}),
    "question condition": (lambda d: questions(d)["describe"].update(condition={"question": "kinds",
                                                                                "in": ["wgs", "wes"]}),
                           True, "Question describe is asked of other respondents than before",
                           {"kinds": ["wes"]}, {"kinds": ["wgs"]}),
    "question condition removed": (lambda d: questions(d)["describe"].update(condition=None),
                                   True, "Question describe is asked of other respondents than before",
                                   {"kinds": ["arrays"]}, {"kinds": ["wgs", "arrays"]}),
    "moved to another section": (move_contact, False,
                                 "Question contact moves from section counts to section data", None, None),
    "moved to a section shown on a condition": (
        lambda d: move_contact(d, condition=RESEARCH_ONLY),
        True, "Question contact moves from section counts to section follow_up, which is shown to other "
        "respondents", {"purpose": "clinical"}, {"purpose": "research"}),
    "becomes required": (lambda d: questions(d)["contact"].update(required=True),
                         True, "Question contact becomes required", {"purpose": "clinical"},
                         {"contact": "lab@example.org"}),
    "becomes optional": (lambda d: questions(d)["purpose"].update(required=False),
                         False, "Question purpose becomes optional", None, None),
    "marked personal": (lambda d: questions(d)["dataset"].update(personal=True),
                        False, "Question dataset is marked personal", None, None),
    # Exclusive options.
    "exclusive added": (lambda d: choices(d, "kinds")["arrays"].update(exclusive=True),
                        True, "Question kinds: arrays can no longer be combined with other options",
                        {"kinds": ["wgs", "arrays"]}, {"kinds": ["arrays"]}),
    "exclusive removed": (lambda d: choices(d, "kinds")["none"].update(exclusive=False),
                          False, "Question kinds: none can now be combined with other options", None, None),
    # Limits: tighter ones break, looser ones are safe.
    "higher minimum": (lambda d: questions(d)["subjects"].update(min=10),
                       True, "Question subjects: the smallest number allowed changes from 0 to 10",
                       {"subjects": "5"}, {"subjects": "50"}),
    "lower minimum": (lambda d: questions(d)["subjects"].update(min=None),
                      False, "Question subjects: the smallest number allowed changes from 0 to no limit",
                      None, None),
    "lower maximum": (lambda d: questions(d)["subjects"].update(max=1000),
                      True, "Question subjects: the largest number allowed changes from 1000000 to 1000",
                      {"subjects": "2000"}, {"subjects": "999"}),
    "higher minimum in a number table": (lambda d: questions(d)["per_kind"].update(min=5),
                                         True, "Question per_kind: the smallest number allowed",
                                         {"per_kind": {"wgs": "10", "wes": "1"}},
                                         {"per_kind": {"wgs": "10"}}),
    "decimal numbers allowed": (lambda d: questions(d)["subjects"].update(kind="decimal"),
                                False, "Question subjects also takes decimal numbers", None, None),
    "fewest options": (lambda d: questions(d)["kinds"].update(min_selected=2),
                       True, "Question kinds: the fewest options to choose changes from no limit to 2",
                       {"kinds": ["wgs"]}, {"kinds": ["none"]}),
    "most options": (lambda d: questions(d)["kinds"].update(max_selected=1),
                     True, "Question kinds: the most options to choose changes from 2 to 1",
                     {"kinds": ["wgs", "wes"]}, {"kinds": ["wes"]}),
    "more options allowed": (lambda d: questions(d)["kinds"].update(max_selected=3),
                             False, "Question kinds: the most options to choose changes from 2 to 3",
                             None, None),
    "shorter text": (lambda d: questions(d)["dataset"].update(max_length=10),
                     True, "Question dataset: the longest answer allowed (characters) changes from 100 "
                     "to 10",
                     {"dataset": "Rare disease exomes"}, {"dataset": "Exomes"}),
    "shorter long text (from the default)": (lambda d: questions(d)["describe"].update(max_length=20),
                                             True, "changes from 5000 to 20", {"describe": "x" * 21},
                                             {"describe": "x" * 20}),
    "longer text": (lambda d: questions(d)["dataset"].update(max_length=200),
                    False, "Question dataset: the longest answer allowed", None, None),
    "later earliest date": (lambda d: questions(d)["collected"].update(min="2010-01-01"),
                            True, "Question collected: the earliest date allowed changes from 2000-01-01 to "
                            "2010-01-01", {"collected": "2005-06-30"}, {"collected": "2015-06-30"}),
    "latest date set": (lambda d: questions(d)["collected"].update(max="2020-12-31"),
                        True, "Question collected: the latest date allowed changes from no limit to "
                        "2020-12-31",
                        {"collected": "2021-01-01"}, {"collected": "2020-12-31"}),
    "earlier earliest date": (lambda d: questions(d)["collected"].update(min="1990-01-01"),
                              False, "Question collected: the earliest date allowed", None, None),
    # Where a number table's rows come from.
    "own rows instead of rows_from": (own_rows, True, "Question per_kind takes its rows from its own rows "
                                      "instead of the options chosen in kinds", {"per_kind": {"wgs": "3"}},
                                      {"per_kind": {}}),
}


@pytest.mark.parametrize(("edit", "breaking", "words", "touched", "untouched"), CASES.values(), ids=CASES)
def test_each_edit_is_listed_as_safe_or_breaking_with_the_answers_it_touches(
    edit, breaking, words, touched, untouched
):
    changes = [change for change in compare(richer_definition(), edited(edit)) if words in change.text]

    assert len(changes) == 1, compare(richer_definition(), edited(edit))
    change = changes[0]
    assert change.breaking == breaking
    if touched is not None:
        assert change.affects(touched)
    if untouched is not None:
        assert not change.affects(untouched)


def test_whole_numbers_only_breaks_the_answers_with_decimals():
    decimal = edited(lambda d: questions(d)["subjects"].update(kind="decimal"))

    (change,) = compare(decimal, richer_definition())

    assert change.breaking and change.text == "Question subjects takes whole numbers only."
    assert change.affects({"subjects": "2,5"}) and not change.affects({"subjects": "2"})


def test_another_source_of_rows_breaks_the_table():
    definition = richer_definition()
    sections(definition)["data"]["questions"].append(
        {"name": "sources", "type": "multiple_choice", "label": "Sources",
         "choices": [{"name": "wgs", "label": "WGS"}, {"name": "biobank", "label": "Biobank"}]})
    moved = edited(lambda d: questions(d)["per_kind"].update(rows_from="sources"), definition=definition)

    (change,) = [change for change in compare(definition, moved) if "rows" in change.text]

    assert change.breaking
    assert "the options chosen in sources instead of the options chosen in kinds" in change.text


def test_breaking_changes_come_first_and_count_the_answers_they_touch():
    new = edited(lambda d: (questions(d)["purpose"].update(label="Purpose?"),
                            questions(d)["kinds"]["choices"].pop(2),
                            questions(d)["subjects"].update(max=100)))
    changes = compare(richer_definition(), new)

    assert [change.breaking for change in changes] == [True, True, False]
    answers = [{"kinds": ["arrays"], "subjects": "500"}, {"kinds": ["wgs", "arrays"], "subjects": "5"},
               {"kinds": ["wes"], "subjects": "100"}, {}]
    assert [change.text for change in changes][:2] == [
        "Question kinds loses choices: arrays.",
        "Question subjects: the largest number allowed changes from 1000000 to 100.",
    ]
    assert count_affected(changes, answers) == [2, 1, 0]


def test_no_edit_no_change():
    assert compare(richer_definition(), richer_definition()) == []
    assert compare(small_definition(), load_definition(small_definition())) == []  # defaults written in


def publish_in_admin(client, survey, definition, **extra):
    return client.post(f"/admin/pages/{survey.pk}/edit/", editor_data(survey, definition, **extra))


@pytest.mark.django_db
def test_a_breaking_edit_of_an_answered_survey_needs_the_coordinators_say_so(client, survey):
    ResponseFactory(survey=survey, status="submitted")
    client.force_login(coordinator())
    without_contact = edited(lambda d: d["sections"][1]["questions"].pop())

    refused = publish_in_admin(client, survey, without_contact)

    assert refused.status_code == 200
    assert "1 response was given to this survey" in refused.text
    assert "Question “5. Contact email” (contact) is removed (0 of 1 response)" in refused.text
    assert SurveyVersion.objects.filter(survey=survey).count() == 1

    accepted = publish_in_admin(client, survey, without_contact, accept_breaking_changes="on")

    assert accepted.status_code == 302
    assert list(survey.versions.values_list("number", flat=True)) == [1, 2]
    assert Response.objects.get().version.number == 1


@pytest.mark.django_db
def test_a_safe_edit_publishes_at_once(client, survey):
    ResponseFactory(survey=survey, status="submitted")
    client.force_login(coordinator())

    reply = publish_in_admin(
        client, survey, edited(lambda d: questions(d)["purpose"].update(label="Purpose?"))
    )

    assert reply.status_code == 302
    assert survey.versions.count() == 2
    told = client.get(reply.url).text  # the safe changes are listed too, once published
    assert "Respondents now answer version 2. What changed:" in told
    assert "Question purpose is worded differently." in told
