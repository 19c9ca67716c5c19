"""Erasing a respondent: drafts go; a submitted response stays anonymous without the answers to personal
and email questions, or goes whole, as the survey page says; results and exports go on working."""

import io

import pytest

from portal.stakeholders.services import account_erase
from surveys import exports
from surveys.models import Response, SurveyPage
from tests.factories import ProfileFactory, ResponseFactory, coordinator, small_definition

from .test_changes import publish_in_admin
from .test_exports import read_zip
from .test_responding import FIRST_PAGE, SECOND_PAGE, section_url
from .test_statistical_exports import read_statistical

pytestmark = pytest.mark.django_db

NAME = "Ana Quaresma Vieira"


def named(**marks) -> dict:
    """The test survey asking for a name marked personal; `marks` marks more questions personal."""
    definition = small_definition()
    definition["sections"][1]["questions"].append(
        {"name": "full_name", "type": "short_text", "label": "Your name", "personal": True}
    )
    for section in definition["sections"]:
        for question in section["questions"]:
            question["personal"] = marks.get(question["name"], question.get("personal", False))
    return definition


def publish(survey, definition) -> SurveyPage:
    survey.definition = definition
    survey.save_revision().publish()
    survey.refresh_from_db()
    return survey


def answer_signed_in(client, survey, user, **more) -> Response:
    client.force_login(user)
    client.post(survey.url + "start/")
    response = Response.objects.get(respondent=user)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    client.post(section_url(survey, response, "counts"), {**SECOND_PAGE, **more})
    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    client.logout()
    return response


@pytest.fixture
def answered(client, survey):
    """Two submitted responses to the survey with a personal name question; the first person also has a
    draft in the same survey."""
    publish(survey, named())
    ana = ProfileFactory().user
    given = answer_signed_in(client, survey, ana, full_name=NAME, contact="ana@hospital.example")
    other = answer_signed_in(client, survey, ProfileFactory().user, full_name="Rui Costa")
    draft = ResponseFactory(survey=survey, respondent=ana, answers={"purpose": "clinical"})
    return {"survey": survey, "ana": ana, "given": given, "other": other, "draft": draft}


def results(client, survey) -> str:
    page = client.get(f"/admin/surveys/{survey.pk}/results/")
    assert page.status_code == 200
    return page.text


def csv_rows(survey) -> list[dict]:
    output = io.BytesIO()
    exports.write_export(survey, "csv", output)
    header, *rows = read_zip(output.getvalue())[0]
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_erasure_keeps_the_answers_anonymously_without_personal_and_email_answers(client, answered):
    survey, given = answered["survey"], answered["given"]
    client.force_login(coordinator())
    assert NAME in results(client, survey)  # and the statistics are now in the cache

    account_erase(answered["ana"])

    given.refresh_from_db()
    assert given.status == Response.Status.SUBMITTED and given.respondent is None
    assert given.contribution_id
    assert "full_name" not in given.answers and "contact" not in given.answers
    assert given.answers["describe"] == FIRST_PAGE["describe"] and given.answers["subjects"] == "200"
    assert not Response.objects.filter(pk=answered["draft"].pk).exists()
    page = results(client, survey)
    assert NAME not in page and "Rui Costa" in page
    assert "2 submitted responses" in page
    texts = client.get(f"/admin/surveys/{survey.pk}/results/answers/full_name/")
    assert texts.status_code == 200 and NAME not in texts.text and "Rui Costa" in texts.text
    rows = {row["contribution_id"]: row for row in csv_rows(survey)}
    assert (rows[given.contribution_id]["full_name"], rows[given.contribution_id]["contact"]) == ("", "")
    assert rows[given.contribution_id]["describe"] == FIRST_PAGE["describe"]
    assert rows[answered["other"].contribution_id]["full_name"] == "Rui Costa"


@pytest.mark.parametrize("format", ["sav", "dta"])
def test_the_spss_and_stata_exports_hold_personal_answers_as_the_csv_does(answered, format, tmp_path):
    survey, given = answered["survey"], answered["given"]

    def exported():
        output = io.BytesIO()
        exports.write_export(survey, format, output)
        frame = read_statistical(output.getvalue(), format, tmp_path)[0]["responses"][0]
        return frame.set_index("contribution_id")

    assert exported().loc[given.contribution_id, "full_name"] == NAME  # for those who see the results

    account_erase(answered["ana"])

    erased = exported()
    assert tuple(erased.loc[given.contribution_id, ["full_name", "contact"]]) == ("", "")
    assert erased.loc[given.contribution_id, "describe"] == FIRST_PAGE["describe"]
    in_the_csv = {row["contribution_id"]: row["full_name"] for row in csv_rows(survey)}
    assert erased["full_name"].to_dict() == in_the_csv


def test_a_question_marked_personal_in_a_later_version_covers_the_earlier_answers(client, answered):
    survey, given = answered["survey"], answered["given"]
    publish(survey, named(describe=True))
    assert given.version.number == 2 and survey.current_version().number == 3

    account_erase(answered["ana"])

    given.refresh_from_db()
    assert "describe" not in given.answers and "full_name" not in given.answers
    assert given.answers["purpose"] == FIRST_PAGE["purpose"]


def test_a_survey_may_delete_the_whole_response_instead(client, answered):
    survey = answered["survey"]
    SurveyPage.objects.filter(pk=survey.pk).update(erasure=SurveyPage.Erasure.DELETE)

    account_erase(answered["ana"])

    assert list(Response.objects.filter(survey=survey)) == [answered["other"]]
    client.force_login(coordinator())
    page = results(client, survey)
    assert "1 submitted response" in page and NAME not in page
    assert [row["full_name"] for row in csv_rows(survey)] == ["Rui Costa"]


def test_coordinators_choose_what_erasure_does_in_the_settings(client, survey):
    client.force_login(coordinator())
    editing = client.get(f"/admin/pages/{survey.pk}/edit/").text
    assert "Personal data" in editing and 'name="erasure"' in editing
    assert survey.erasure == SurveyPage.Erasure.ANONYMISE

    reply = publish_in_admin(client, survey, named(), erasure="delete")

    assert reply.status_code == 302
    survey.refresh_from_db()
    assert survey.erasure == SurveyPage.Erasure.DELETE

