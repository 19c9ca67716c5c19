"""Answering on PostgreSQL: drafts saved at every page, resume by link, one response per submit,
versions frozen on publishing, anonymity, who may answer."""

import datetime
import re

import pytest
from django.utils import timezone

from surveys.models import Response, SurveyPage, SurveyVersion
from tests.factories import ProfileFactory, small_definition

from .editor import editor_data

pytestmark = pytest.mark.django_db


def start(client, survey) -> Response:
    client.post(survey.url + "start/")
    return Response.objects.latest("pk")


def section_url(survey, response, name):
    return f"{survey.url}r/{response.token}/{name}/"


FIRST_PAGE = {
    "purpose": "research",
    "kinds": ["wgs", "wes"],
    "describe": "30x WGS of 200 trios",
    "go": "next",
}
SECOND_PAGE = {"subjects": "200", "per_kind__wgs": "150", "per_kind__wes": "50", "go": "next"}


def test_publishing_freezes_a_version_and_an_unchanged_republish_does_not(survey):
    assert list(survey.versions.values_list("number", flat=True)) == [1]
    survey.save_revision().publish()
    assert survey.versions.count() == 1

    survey.definition = small_definition(title="Test survey, revised")
    survey.save_revision().publish()

    assert list(survey.versions.values_list("number", flat=True)) == [1, 2]
    first = survey.versions.get(number=1)
    assert first.definition["title"] == "Test survey"
    with pytest.raises(Exception, match="immutable"):
        first.save()


def test_a_response_belongs_to_the_version_it_answered(client, survey):
    response = start(client, survey)
    survey.definition = small_definition(title="Revised")
    survey.save_revision().publish()
    assert response.version.number == 1
    assert start(client, survey).version.number == 2


def test_each_page_is_saved_as_a_draft_and_the_next_page_follows(client, survey):
    response = start(client, survey)

    reply = client.post(section_url(survey, response, "data"), FIRST_PAGE)

    assert reply["Location"] == section_url(survey, response, "counts")
    response.refresh_from_db()
    assert response.status == "draft"
    assert response.answers["kinds"] == ["wgs", "wes"]
    assert response.section == "counts"  # where the respondent is now: the resume link opens it


def test_a_failed_page_keeps_every_answer_typed_and_says_what_is_wrong(client, survey):
    response = start(client, survey)

    reply = client.post(section_url(survey, response, "data"), {**FIRST_PAGE, "kinds": ["wgs", "none"]})

    assert reply.status_code == 400
    assert "cannot be combined with other options" in reply.text
    assert '<a href="#id_kinds_wgs">' in reply.text
    assert "30x WGS of 200 trios" in reply.text
    response.refresh_from_db()
    assert response.answers["describe"] == "30x WGS of 200 trios"  # kept on the server too


def test_the_resume_link_works_without_the_session(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), {**FIRST_PAGE, "go": "leave"})
    client.cookies.clear()  # the session expired, the browser closed

    reply = client.get(f"{survey.url}r/{response.token}/", follow=True)

    assert reply.redirect_chain[-1][0] == section_url(survey, response, "data")
    assert "30x WGS of 200 trios" in reply.text


def submit(client, survey, response):
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    client.post(section_url(survey, response, "counts"), SECOND_PAGE)
    return client.post(f"{survey.url}r/{response.token}/review/")


def test_submitting_twice_makes_one_response_with_one_contribution_id(client, survey):
    response = start(client, survey)

    first = submit(client, survey, response)
    response.refresh_from_db()
    contribution = response.contribution_id
    second = client.post(f"{survey.url}r/{response.token}/review/")

    assert first["Location"] == second["Location"] == f"{survey.url}r/{response.token}/receipt/"
    response.refresh_from_db()
    assert Response.objects.count() == 1
    assert response.status == "submitted" and response.contribution_id == contribution
    receipt = client.get(first["Location"])
    assert contribution in receipt.text and "30x WGS of 200 trios" in receipt.text


def test_submitting_with_a_missing_answer_goes_back_to_its_page(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)

    reply = client.post(f"{survey.url}r/{response.token}/review/")

    assert reply["Location"] == section_url(survey, response, "counts") + "?check=1"
    response.refresh_from_db()
    assert response.status == "draft"
    page = client.get(reply["Location"])
    assert '<a href="#id_subjects">' in page.text and "This question is required." in page.text


def test_an_anonymous_survey_keeps_no_account_and_only_the_day(client, survey):
    SurveyPage.objects.filter(pk=survey.pk).update(anonymous=True)
    survey.refresh_from_db()
    client.force_login(ProfileFactory().user)

    response = start(client, survey)
    submit(client, survey, response)

    response.refresh_from_db()
    assert response.respondent is None
    for moment in (response.started_at, response.updated_at, response.submitted_at):
        assert moment.astimezone(datetime.UTC).time() == datetime.time(0, 0)


def test_a_signed_in_stakeholder_has_one_response_and_finds_it_on_my_portal(client, survey):
    profile = ProfileFactory()
    client.force_login(profile.user)

    first = start(client, survey)
    again = start(client, survey)

    assert first == again and first.respondent == profile.user
    assert "continue your draft" in client.get("/my/").text
    client.post(section_url(survey, first, "data"), FIRST_PAGE)
    client.logout()
    # A signed-in respondent's link does not open their answers to someone else.
    assert client.get(section_url(survey, first, "data")).status_code == 403


def test_a_stakeholders_only_survey_sends_others_to_sign_in(client, survey):
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.STAKEHOLDERS)
    reply = client.post(survey.url + "start/")
    assert reply["Location"].startswith("/accounts/login/")
    assert Response.objects.count() == 0


def test_a_closed_survey_takes_no_answers(client, survey):
    SurveyPage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(days=1))
    client.post(survey.url + "start/")
    assert Response.objects.count() == 0
    assert "not open for answers" in client.get(survey.url).text


def test_a_survey_without_a_privacy_statement_link_is_not_published_from_the_admin(client, survey):
    from tests.factories import coordinator

    client.force_login(coordinator())

    reply = client.post(
        f"/admin/pages/{survey.pk}/edit/", editor_data(survey, small_definition(privacy_statement_url=""))
    )

    assert reply.status_code == 200
    assert "privacy_statement_url is required to publish" in reply.text
    assert SurveyVersion.objects.filter(survey=survey).count() == 1


def test_autosave_keeps_the_answers_and_answers_in_json(client, survey):
    response = start(client, survey)

    reply = client.post(section_url(survey, response, "data"), {"purpose": "clinical", "go": "autosave"})

    assert reply.json() == {"saved": True}
    response.refresh_from_db()
    assert response.answers["purpose"] == "clinical"


def test_the_demo_survey_has_fictional_answers_and_shows_its_public_results(client, db):
    from surveys.demo import DEMO_RESPONSES, create_demo_responses, create_demo_survey
    from surveys.models import AnswerItem

    create_demo_survey()
    assert create_demo_responses() == [
        f"{DEMO_RESPONSES} fictional responses to the accessible genomes survey, its public results on"]
    assert create_demo_responses() == []  # made once

    survey = SurveyPage.objects.get()
    assert survey.public_results and survey.versions.count() == 1  # still version 1
    assert survey.responses.filter(status=Response.Status.SUBMITTED).count() == DEMO_RESPONSES
    assert AnswerItem.objects.filter(response__survey=survey).exists()
    assert client.get("/accessible-genomes-survey/results/").status_code == 200
    [listed] = client.get("/api/v1/surveys/").json()["items"]
    figures = client.get(listed["results_url"]).json()
    assert figures["responses"]["count"] == DEMO_RESPONSES
    assert any(choice["count"] for table in figures["questions"]["items"] for row in table["rows"]
               for choice in row["choices"])  # some figures pass the small-count suppression


def test_the_demo_survey_is_the_accessible_genomes_survey(client, db):
    from surveys.demo import create_demo_survey

    assert create_demo_survey() == ["accessible genomes survey"]
    assert create_demo_survey() == []

    page = client.get("/accessible-genomes-survey/")
    assert "1+MG - Survey on accessible genomes - July 2020" in page.text
    assert SurveyPage.objects.get().versions.count() == 1


def test_the_resume_link_is_mailed_once_in_a_while(client, survey):
    from tests.services import queued_mail

    response = start(client, survey)
    saved_url = f"{survey.url}r/{response.token}/saved/"

    client.post(saved_url, {"email": "ana@example.org"})
    client.post(saved_url, {"email": "someone.else@example.org"})
    refused = client.post(saved_url, {"email": "not an address"})

    [mail] = queued_mail()
    assert mail.to == ["ana@example.org"]
    assert f"/r/{response.token}/" in mail.body
    assert refused.status_code == 200 and "Enter a valid email address." in refused.text


def test_saving_one_page_never_drops_another_pages_answers(client, survey):
    response = start(client, survey)
    stale = Response.objects.get(pk=response.pk)  # loaded before the other page was saved
    client.post(section_url(survey, response, "counts"), SECOND_PAGE)

    from django.http import QueryDict

    from surveys.services import save_section

    save_section(stale, stale.version.definition["sections"][0], QueryDict("purpose=clinical"))

    response.refresh_from_db()
    assert response.answers["subjects"] == "200" and response.answers["purpose"] == "clinical"


def test_the_first_button_of_a_page_goes_forward(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    page = client.get(section_url(survey, response, "counts")).text
    assert page.index('value="next"') < page.index('value="previous"')


def test_accessibility_mode_asks_one_question_per_page_and_keeps_the_others(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)

    first = client.get(section_url(survey, response, "data") + "?accessible=1")
    assert 'id="q-purpose"' in first.text and 'id="q-kinds"' not in first.text
    assert "question 1 of 3" in first.text and "survey--accessible" in first.text

    reply = client.post(
        section_url(survey, response, "data"), {"purpose": "clinical", "q": "0", "go": "next"}
    )

    assert reply["Location"] == section_url(survey, response, "data") + "?q=1"
    response.refresh_from_db()
    assert response.answers["purpose"] == "clinical"
    assert response.answers["kinds"] == ["wgs", "wes"]  # the questions not on this page are untouched
    client.get(section_url(survey, response, "data") + "?accessible=0")
    assert 'id="q-kinds"' in client.get(section_url(survey, response, "data")).text


def test_a_translated_survey_is_shown_in_the_language_chosen(client, survey):
    translated = small_definition(
        languages=["en", "pt"],
        translations={
            "pt": {
                "sections.data.title": "Os seus dados",
                "sections.data.questions.purpose.choices.clinical.label": "Clínico",
            }
        },
    )
    survey.definition = translated
    survey.save_revision().publish()
    response = start(client, survey)

    page = client.get(section_url(survey, response, "data") + "?lang=pt")

    assert "Os seus dados" in page.text and "Clínico" in page.text
    assert "Research" in page.text  # what has no translation stays in the first language
    assert "Os seus dados" in client.get(section_url(survey, response, "data")).text  # remembered


def test_the_review_and_the_receipt_are_shown_in_the_language_chosen(client, survey):
    survey.definition = small_definition(
        languages=["en", "pt"],
        translations={"pt": {
            "title": "Inquérito de teste",
            "sections.data.title": "Os seus dados",
            "sections.data.questions.purpose.label": "1. Finalidade?",
            "sections.data.questions.purpose.choices.research.label": "Investigação",
        }},
    )
    survey.save_revision().publish()
    response = start(client, survey)
    client.get(section_url(survey, response, "data") + "?lang=pt")  # chosen on the first page
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    client.post(section_url(survey, response, "counts"), SECOND_PAGE)

    review = client.get(f"{survey.url}r/{response.token}/review/")
    receipt = client.get(client.post(f"{survey.url}r/{response.token}/review/")["Location"])

    for page in (review, receipt):
        assert '<p class="meta" lang="pt">Inquérito de teste</p>' in page.text
        assert '<h2 id="s-data" lang="pt">Os seus dados</h2>' in page.text
        assert '<dt lang="pt">1. Finalidade?</dt><dd>Investigação</dd>' in page.text
        assert '<option value="pt" selected>PT</option>' in page.text  # and the switch back to English
    english = client.get(f"{survey.url}r/{response.token}/receipt/?lang=en")
    assert "<dd>Research</dd>" in english.text and "Investigação" not in english.text


EVERY_KIND = [
    {"name": "radio", "type": "single_choice", "label": "Radio", "required": True,
     "choices": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]},
    {"name": "dropdown", "type": "single_choice", "widget": "dropdown", "label": "Dropdown", "required": True,
     "choices": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]},
    {"name": "boxes", "type": "multiple_choice", "label": "Boxes", "required": True,
     "choices": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]},
    {"name": "short", "type": "short_text", "label": "Short", "required": True},
    {"name": "long", "type": "long_text", "label": "Long", "required": True},
    {"name": "count", "type": "number", "label": "Count", "required": True},
    {"name": "day", "type": "date", "label": "Day", "required": True},
    {"name": "address", "type": "email", "label": "Address", "required": True},
    {"name": "grid", "type": "matrix", "label": "Grid", "required": True,
     "rows": [{"name": "r1", "label": "R1"}, {"name": "r2", "label": "R2"}],
     "choices": [{"name": "yes", "label": "Yes"}, {"name": "no", "label": "No"}]},
    {"name": "table", "type": "number_table", "label": "Table", "required": True,
     "rows": [{"name": "r1", "label": "R1"}, {"name": "r2", "label": "R2"}]},
]


def test_each_link_of_the_error_summary_leads_to_the_first_field_of_its_question(client, survey):
    survey.definition = small_definition(sections=[{"name": "all", "title": "All", "questions": EVERY_KIND}])
    survey.save_revision().publish()
    response = start(client, survey)

    page = client.post(section_url(survey, response, "all"), {"go": "next"}).text

    start_of_summary = page.index('class="error-summary"')
    summary = page[start_of_summary:page.index("</ul>", start_of_summary)]
    targets = re.findall(r'<a href="#([^"]+)">', summary)
    assert targets == ["id_radio_a", "id_dropdown", "id_boxes_a", "id_short", "id_long", "id_count", "id_day",
                       "id_address", "id_grid__r1-yes", "id_table__r1"]
    for target in targets:
        assert re.search(rf'<(input|select|textarea) [^>]*id="{target}"', page), target
    grid = page[page.index('id="q-grid"'):page.index('id="q-table"')]
    assert grid.count("<fieldset") == 3  # the question, and a fieldset a row
    assert '<legend>R1</legend>' in grid and '<label for="id_grid__r2-no">No</label>' in grid


def test_a_nul_character_or_repeated_options_are_never_stored(client, survey):
    response = start(client, survey)

    reply = client.post(
        section_url(survey, response, "data"),
        {
            "purpose": "clinical\x00",
            "kinds": ["wes", "wes", "wes"],
            "describe": "a\x00b",
            "go": "next",
        },
    )

    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.answers["purpose"] == "clinical" and response.answers["kinds"] == ["wes"]


@pytest.mark.parametrize("typed", ["1_000", "١٢", "12.0", " 1e3"])
def test_only_plain_whole_numbers_count_as_whole_numbers(client, survey, typed):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    reply = client.post(section_url(survey, response, "counts"), {**SECOND_PAGE, "subjects": typed})
    assert reply.status_code == 400 and "Enter a whole number." in reply.text


def test_editing_a_submitted_contribution_changes_nothing_until_it_is_submitted_again(client, survey):
    SurveyPage.objects.filter(pk=survey.pk).update(editable_after_submit=True)
    survey.refresh_from_db()
    response = start(client, survey)
    submit(client, survey, response)
    response.refresh_from_db()
    kept = dict(response.answers)

    client.post(
        section_url(survey, response, "data"), {"purpose": "", "kinds": ["wgs", "none"], "go": "leave"}
    )

    response.refresh_from_db()
    assert response.status == "submitted" and response.answers == kept
    refused = client.post(f"{survey.url}r/{response.token}/review/")
    assert refused["Location"].endswith("/data/?check=1")
    response.refresh_from_db()
    assert response.answers == kept

    client.post(section_url(survey, response, "data"), {**FIRST_PAGE, "purpose": "clinical"})
    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.answers["purpose"] == "clinical" and response.edited_answers is None


def test_a_repeated_submit_after_closing_keeps_the_submission_time(client, survey):
    response = start(client, survey)
    submit(client, survey, response)
    response.refresh_from_db()
    submitted_at = response.submitted_at
    SurveyPage.objects.filter(pk=survey.pk).update(closes_at=timezone.now())

    reply = client.post(f"{survey.url}r/{response.token}/review/")

    assert reply["Location"].endswith("/receipt/")
    response.refresh_from_db()
    assert response.submitted_at == submitted_at


def test_an_account_without_a_stakeholder_profile_cannot_answer_a_stakeholders_survey(client, survey):
    from tests.factories import UserFactory

    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.STAKEHOLDERS)
    client.force_login(UserFactory())
    client.post(survey.url + "start/")
    assert Response.objects.count() == 0


def test_an_invitation_only_survey_says_so_instead_of_offering_a_start(client, survey):
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.INVITED)
    page = client.get(survey.url)
    assert "answered by invitation" in page.text and "Start the survey" not in page.text


def test_the_resume_link_opens_the_section_the_respondent_went_on_to(client, survey):
    """Saved the first section with "Save and continue", then left from the second without saving it:
    coming back opens the second, not the first again."""
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)

    reply = client.get(f"{survey.url}r/{response.token}/", follow=True)

    assert reply.redirect_chain[-1][0] == section_url(survey, response, "counts")
    assert "Section 2 of 2" in reply.text


def test_the_resume_link_opens_a_page_left_with_problems_and_a_page_gone_back_to(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), {**FIRST_PAGE, "purpose": ""})  # refused: required
    resume = f"{survey.url}r/{response.token}/"
    assert client.get(resume)["Location"] == section_url(survey, response, "data")

    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    client.post(section_url(survey, response, "counts"), {**SECOND_PAGE, "go": "previous"})

    assert client.get(resume)["Location"] == section_url(survey, response, "data")


def test_a_draft_of_a_closed_survey_says_it_is_closed_instead_of_going_round_in_circles(client, survey):
    response = start(client, survey)
    client.post(section_url(survey, response, "data"), FIRST_PAGE)
    SurveyPage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(days=1))

    reply = client.get(f"{survey.url}r/{response.token}/", follow=True)

    assert reply.redirect_chain[-1][0] == survey.url
    assert "This survey is not open for answers." in reply.text


def with_a_section_for_wgs() -> dict:
    """The small survey with a third section between the two, shown only to those with WGS data."""
    definition = small_definition()
    wgs = {
        "name": "wgs",
        "title": "Whole genomes",
        "condition": {"question": "kinds", "in": ["wgs"]},
        "questions": [{"name": "coverage", "type": "short_text", "label": "Coverage?"}],
    }
    definition["sections"].insert(1, wgs)
    return definition


def test_section_n_of_m_counts_only_the_sections_shown(client, survey):
    survey.definition = with_a_section_for_wgs()
    survey.save_revision().publish()
    response = start(client, survey)

    first = client.get(section_url(survey, response, "data")).text
    assert "Section 1 of 2" in first  # nothing answered yet: the WGS section is not shown
    assert re.search(r"<title>\s*Your data \(section 1 of 2\)", first)
    assert '<progress max="2" value="1" aria-labelledby="progress">' in first

    reply = client.post(section_url(survey, response, "data"), FIRST_PAGE, follow=True)
    assert reply.redirect_chain[-1][0] == section_url(survey, response, "wgs")
    assert "Section 2 of 3" in reply.text

    client.post(section_url(survey, response, "data"), {**FIRST_PAGE, "kinds": ["wes"], "describe": ""})
    assert "Section 2 of 2" in client.get(section_url(survey, response, "counts")).text
