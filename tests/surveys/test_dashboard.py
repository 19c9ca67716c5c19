"""The dashboard's panel of open surveys and the responses each received in the last seven days: for those
who may see the results (coordinators), not for editors."""

import datetime
import itertools

import pytest
from django.utils import timezone

from surveys.admin.dashboard import SurveyResponsesPanel
from surveys.demo import create_demo_survey
from surveys.models import Response, SurveyPage
from tests.dashboard import dashboard, panel, panel_queries
from tests.factories import SurveyPageFactory, coordinator, editor

pytestmark = pytest.mark.django_db

NAME = "survey-responses"
_numbers = itertools.count()


def open_survey(title, **fields) -> SurveyPage:
    return SurveyPageFactory(title=title, slug=f"dashboard-survey-{next(_numbers)}", **fields)


def respond(survey, *, days_ago=0, count=1, status=Response.Status.SUBMITTED):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    submitted = status == Response.Status.SUBMITTED
    for _ in range(count):
        Response.objects.create(
            survey=survey, version=survey.current_version(), status=status, answers={},
            contribution_id=f"D{next(_numbers):05d}" if submitted else None,
            submitted_at=when if submitted else None,
        )


def test_coordinators_see_each_open_surveys_responses_of_the_week(client, survey):
    respond(survey, days_ago=1, count=2)
    respond(survey, days_ago=6)
    respond(survey, days_ago=8)  # last week's
    respond(survey, status=Response.Status.DRAFT)
    closing = open_survey("Rare disease registries",
                          closes_at=timezone.now() + datetime.timedelta(days=3))
    respond(closing, days_ago=2)
    quiet = open_survey("Quiet survey")
    closed = open_survey("Closed survey", closes_at=timezone.now() - datetime.timedelta(days=1))
    respond(closed, days_ago=2, count=4)
    not_yet = open_survey("Future survey", opens_at=timezone.now() + datetime.timedelta(days=1))

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "Survey responses this week" in shown
    assert "4 responses were submitted to the open surveys in the last 7 days." in shown
    assert shown.index("Test survey") < shown.index("Rare disease registries") < shown.index("Quiet survey")
    assert "<td>3 responses</td>" in shown and "<td>0 responses</td>" in shown
    assert "1 response; closes on" in shown
    assert f'href="/admin/surveys/{survey.pk}/results/">Test survey</a>' in shown
    assert f"/admin/surveys/{quiet.pk}/results/" in shown
    assert "Closed survey" not in shown and "Future survey" not in shown
    assert f"/admin/surveys/{closed.pk}/results/" not in shown
    assert f"/admin/surveys/{not_yet.pk}/results/" not in shown


def test_an_unpublished_survey_is_not_listed(client, survey):
    respond(survey, days_ago=1)
    survey.unpublish()

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "No survey is open." in shown
    assert "Test survey" not in shown


def test_editors_do_not_see_the_panel(client, survey):
    respond(survey, days_ago=1)
    assert survey.permissions_for_user(editor()).can_edit()

    assert panel(dashboard(client, editor()), NAME) is None


def test_all_clear_when_no_survey_is_open(client, survey):
    survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    survey.save()
    respond(survey, days_ago=2)

    shown = panel(dashboard(client, coordinator()), NAME)

    assert "No survey is open." in shown
    assert "<table" not in shown


def test_the_demo_survey_is_on_the_demo_coordinators_dashboard(client):
    create_demo_survey()
    demo = SurveyPage.objects.get(slug="accessible-genomes-survey")

    shown = panel(dashboard(client, coordinator()), NAME)

    assert f'href="/admin/surveys/{demo.pk}/results/">{demo.title}</a>' in shown
    assert "<td>0 responses</td>" in shown


def test_the_queries_do_not_grow_with_the_surveys_or_the_responses(survey):
    user = coordinator()
    respond(survey, days_ago=1)
    few = panel_queries(SurveyResponsesPanel, user)
    respond(survey, days_ago=1, count=30)
    for number in range(7):
        respond(open_survey(f"Survey {number}", closes_at=timezone.now() + datetime.timedelta(days=9)),
                days_ago=3, count=2)

    assert panel_queries(SurveyResponsesPanel, user) == few
