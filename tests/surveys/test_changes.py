import json

import pytest

from surveys.changes import compare
from surveys.models import Response, SurveyVersion
from tests.factories import coordinator

from .conftest import small_definition


def edited(change):
    definition = small_definition()
    change(definition)
    return definition


def questions(definition):
    return {q["name"]: q for section in definition["sections"] for q in section["questions"]}


@pytest.mark.parametrize(
    ("edit", "breaking", "words"),
    [
        (lambda d: questions(d)["purpose"].update(label="1. Main purpose?"), False, "worded differently"),
        (
            lambda d: d["sections"][1]["questions"].append(
                {"name": "extra", "type": "short_text", "label": "Anything else?"}
            ),
            False,
            "New optional question",
        ),
        (lambda d: d["sections"][1]["questions"].pop(), True, "is removed"),
        (lambda d: questions(d)["kinds"]["choices"].pop(0), True, "loses choices: wgs"),
        (lambda d: questions(d)["contact"].update(type="short_text"), True, "changes type"),
        (
            lambda d: d["sections"][1]["questions"].append(
                {"name": "extra", "type": "short_text", "label": "Must answer", "required": True}
            ),
            True,
            "New required",
        ),
    ],
)
def test_edits_are_sorted_into_safe_and_breaking(edit, breaking, words):
    changes = compare(small_definition(), edited(edit))
    assert any(change.breaking == breaking and words in change.text for change in changes), changes


def test_no_edit_no_change():
    assert compare(small_definition(), small_definition()) == []


def publish_in_admin(client, survey, definition, **extra):
    return client.post(
        f"/admin/pages/{survey.pk}/edit/",
        {
            "title": survey.title,
            "slug": survey.slug,
            "intro": "{}",
            "definition": json.dumps(definition),
            "action-publish": "publish", "audience": "anyone", "erasure": "anonymise",
            **extra,
        },
    )


@pytest.mark.django_db
def test_a_breaking_edit_of_an_answered_survey_needs_the_coordinators_say_so(client, survey):
    Response.objects.create(survey=survey, version=survey.current_version(), status="submitted")
    client.force_login(coordinator())
    without_contact = edited(lambda d: d["sections"][1]["questions"].pop())

    refused = publish_in_admin(client, survey, without_contact)

    assert refused.status_code == 200
    assert "1 responses answered the published version" in refused.text
    assert "is removed" in refused.text
    assert SurveyVersion.objects.filter(survey=survey).count() == 1

    accepted = publish_in_admin(client, survey, without_contact, accept_breaking_changes="on")

    assert accepted.status_code == 302
    assert list(survey.versions.values_list("number", flat=True)) == [1, 2]
    assert Response.objects.get().version.number == 1


@pytest.mark.django_db
def test_a_safe_edit_publishes_at_once(client, survey):
    Response.objects.create(survey=survey, version=survey.current_version(), status="submitted")
    client.force_login(coordinator())

    reply = publish_in_admin(
        client, survey, edited(lambda d: questions(d)["purpose"].update(label="Purpose?"))
    )

    assert reply.status_code == 302
    assert survey.versions.count() == 2
