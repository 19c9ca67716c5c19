"""Stored versions as rows: a fixture file's definition and responses written straight to the database,
never through the builder or publishing (tests/surveys/fixtures/stored_*.json)."""

import json
from pathlib import Path

from surveys.models import Response, SurveyPage, SurveyVersion
from tests.factories import UserFactory, home_page


def read_fixture(name: str) -> dict:
    return json.loads((Path(__file__).parent / "fixtures" / name).read_text())


def store(fixture: dict, slug: str, **page) -> tuple[SurveyPage, list[Response]]:
    """The survey page, its version and its responses (each of its own respondent) as stored rows; the
    submitted ones get contribution IDs C000, C001 ... in the fixture's order."""
    definition = fixture["version"]["definition"]
    survey = home_page().add_child(instance=SurveyPage(title=definition["title"], slug=slug,
                                                       definition=definition, **page))
    version = SurveyVersion.objects.create(survey=survey, number=fixture["version"]["number"],
                                           definition=definition)
    responses = []
    for number, stored in enumerate(fixture["responses"]):
        submitted = stored["status"] == Response.Status.SUBMITTED
        responses.append(Response.objects.create(
            survey=survey, version=version, respondent=UserFactory(), status=stored["status"],
            section=stored["section"], answers=stored["answers"],
            contribution_id=f"C00{number}" if submitted else None,
            submitted_at=version.published_at if submitted else None,
        ))
    return survey, responses
