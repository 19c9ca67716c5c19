"""The question builder of the page editor: it writes the survey format, and refuses what is wrong."""

import json

import pytest

from surveys.builder import from_builder, to_builder
from surveys.changes import compare
from surveys.definition import DEFINITIONS_DIR, with_defaults
from surveys.models import SurveyPage
from tests.factories import coordinator, small_definition

from .editor import editor_data


def through_the_builder(definition: dict) -> dict:
    return from_builder(
        to_builder(definition),
        name=definition["name"],
        title=definition["title"],
        languages=definition["languages"],
        intro=definition.get("intro", ""),
        privacy_statement_url=definition.get("privacy_statement_url", ""),
        source=definition.get("source", ""),
        note=definition.get("note", ""),
        translations=definition.get("translations"),
        dashboard=definition.get("dashboard"),
    )


def every_kind_of_question() -> dict:
    definition = small_definition()
    definition["languages"] = ["en", "fr"]
    definition["translations"] = {"fr": {"title": "Enquête"}}
    definition["sections"].append({
        "name": "more",
        "title": "More",
        "intro": "Last part.",
        "added": True,
        "note": "For us",
        "condition": {"any": [{"question": "purpose", "in": ["clinical"]}]},
        "questions": [
            {"name": "pick", "type": "single_choice", "label": "Pick", "widget": "dropdown", "help": "One",
             "choices": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]},
            {"name": "short", "type": "short_text", "label": "Name", "max_length": 80, "personal": True},
            {"name": "when", "type": "date", "label": "When", "min": "2020-01-01", "max": "2026-12-31"},
            {"name": "ratio", "type": "number", "label": "Ratio", "kind": "decimal", "min": 0.1, "max": 2.5},
            {"name": "grid", "type": "matrix", "label": "Grid",
             "rows": [{"name": "r1", "label": "Row 1"}],
             "choices": [{"name": "yes", "label": "Yes"}, {"name": "no", "label": "No"}]},
            {"name": "fixed", "type": "number_table", "label": "Fixed rows", "min": 0,
             "rows": [{"name": "x", "label": "X"}]},
            {"name": "nested", "type": "short_text", "label": "Nested condition",
             "condition": {"all": [{"question": "pick", "in": ["a"]},
                                   {"any": [{"question": "kinds", "in": ["wgs"]}]}]}},
            {"name": "single_all", "type": "long_text", "label": "All of one",
             "condition": {"all": [{"question": "pick", "in": ["b"]}]}},
        ],
    })
    return definition


@pytest.mark.parametrize(
    "definition",
    [
        every_kind_of_question(),
        json.loads((DEFINITIONS_DIR / "accessible_genomes_2020.json").read_text(encoding="utf-8")),
    ],
    ids=["every-kind", "accessible-genomes"],
)
def test_a_definition_survives_the_builder_unchanged(definition):
    rebuilt = through_the_builder(definition)
    assert with_defaults(rebuilt) == with_defaults(definition)


def test_the_builder_leaves_defaults_out_as_a_hand_written_file_does():
    definition = small_definition()
    question = through_the_builder(definition)["sections"][0]["questions"][0]
    assert question == {
        "name": "purpose", "type": "single_choice", "label": "1. Purpose?", "required": True,
        "choices": [{"name": "clinical", "label": "Clinical"}, {"name": "research", "label": "Research"}],
    }


@pytest.mark.django_db
def test_a_coordinator_builds_and_publishes_a_survey_in_the_page_editor(client, survey):
    client.force_login(coordinator())
    definition = small_definition()
    definition["sections"][0]["questions"].append(
        {"name": "website", "type": "short_text", "label": "Your website", "help": "If any",
         "condition": {"question": "purpose", "in": ["research"]}}
    )

    form = client.get(f"/admin/pages/{survey.pk}/edit/")
    assert form.status_code == 200
    assert "1. Purpose?" in form.text  # the builder shows the current questions
    reply = client.post(f"/admin/pages/{survey.pk}/edit/", editor_data(survey, definition))

    assert reply.status_code == 302, reply.context["form"].errors if reply.context else reply
    survey.refresh_from_db()
    assert survey.current_version().number == 2
    question = survey.current_version().definition["sections"][0]["questions"][-1]
    assert question["condition"] == {"question": "purpose", "in": ["research"]}
    assert question["help"] == "If any"


@pytest.mark.django_db
def test_the_builder_refuses_a_broken_survey_and_keeps_what_was_typed(client, survey):
    client.force_login(coordinator())
    definition = small_definition()
    definition["sections"][0]["questions"][1]["name"] = "purpose"  # the same machine name twice
    definition["sections"][0]["questions"][2]["label"] = "A label I typed"

    reply = client.post(f"/admin/pages/{survey.pk}/edit/", editor_data(survey, definition))

    assert reply.status_code == 200
    assert "question name &#x27;purpose&#x27; is used 2 times" in reply.text
    assert "A label I typed" in reply.text
    assert SurveyPage.objects.get(pk=survey.pk).current_version().number == 1


@pytest.mark.django_db
def test_a_bad_machine_name_is_refused_at_the_block(client, survey):
    client.force_login(coordinator())
    definition = small_definition()
    definition["sections"][0]["questions"][0]["name"] = "Purpose of use"

    reply = client.post(f"/admin/pages/{survey.pk}/edit/", editor_data(survey, definition))

    assert reply.status_code == 200
    assert "Use lower case letters, digits and _" in reply.text
    assert survey.versions.count() == 1


def test_opening_and_saving_in_the_builder_is_no_change_to_a_file_that_spells_out_its_defaults():
    spelt_out = with_defaults(every_kind_of_question())
    assert compare(spelt_out, through_the_builder(spelt_out)) == []
