"""The file question (issue 18): a respondent sends a file checked by its content, within the question's
limits and the response's and survey's totals; it is kept privately, downloaded only by the respondent
and by those who see the results, exported as its name and address, and erased with its answer."""

import csv
import io
import os
import zipfile

import pytest
from django.conf import settings as django_settings
from pyxform.xls2xform import convert

from portal.core.models import PrivateFile
from portal.stakeholders.services import account_erase
from surveys import exports
from surveys.changes import compare
from surveys.definition import load_definition, validate_definition
from surveys.models import Response, ResponseFile, SurveyPage
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition
from tests.factories import (
    ProfileFactory,
    ResponseFactory,
    ResponseFileFactory,
    coordinator,
    docx_bytes,
    editor,
    file_answer,
    small_definition,
    upload,
)
from tests.factories.core import PDF

from .test_builder import through_the_builder
from .test_xlsform import workbook

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64  # a Windows program's start


def with_file_question(**settings) -> dict:
    """small_definition() whose second section also asks for a report (and a name typed beside it)."""
    definition = small_definition()
    definition["sections"][1]["questions"] += [
        {"name": "organisation", "type": "short_text", "label": "Organisation"},
        {"name": "report", "type": "file", "label": "Your report", **settings},
    ]
    return definition


@pytest.fixture
def survey(survey):
    survey.definition = with_file_question()
    survey.save_revision().publish()
    survey.refresh_from_db()
    return survey


def on_second_page(client, survey, user=None) -> Response:
    """A draft whose first page is answered, signed in as `user` when given."""
    if user:
        client.force_login(user)
    client.post(survey.url + "start/")
    response = Response.objects.latest("pk")
    client.post(page_url(survey, response, "data"), {"purpose": "research", "kinds": ["wes"], "go": "next"})
    return response


def page_url(survey, response, name="counts") -> str:
    return f"{survey.url}r/{response.token}/{name}/"


def send(client, survey, response, report=None, go="next", address="127.0.0.1", **fields):
    data = {"subjects": "12", "organisation": "Genome centre", "go": go, **fields}
    if report is not None:
        data["report"] = report
    return client.post(page_url(survey, response), data, REMOTE_ADDR=address)


def a_pdf(name="report.pdf", size=None) -> bytes:
    return upload(name, PDF if size is None else PDF + b"%" * (size - len(PDF)), "application/pdf")


def stored_path(private_file: PrivateFile) -> str:
    return os.path.join(django_settings.PRIVATE_MEDIA_ROOT, private_file.file.name)


# --- Definition, builder, edits --------------------------------------------------------------------


def test_a_file_question_takes_a_size_limit_and_kinds_and_says_what_is_wrong():
    assert validate_definition(with_file_question(max_size_mb=2, accept=["pdf", "spreadsheet"])) == []
    loaded = load_definition(with_file_question())["sections"][1]["questions"][-1]
    assert loaded["max_size_mb"] == 10
    assert loaded["accept"] == ["pdf", "document", "spreadsheet", "presentation"]

    problems = validate_definition(with_file_question(max_size_mb=50, accept=["pdf", "images"]))

    assert any("max_size_mb" in problem and "50" in problem for problem in problems)
    assert any("accept" in problem and "images" in problem for problem in problems)
    assert validate_definition(with_file_question(accept=[])) != []


@pytest.mark.parametrize("own", [{}, {"max_size_mb": 3, "accept": ["spreadsheet", "pdf"]}])
def test_a_file_question_survives_the_builder(own):
    definition = with_file_question(**own)
    rebuilt = through_the_builder(definition)
    assert rebuilt["sections"][1]["questions"][-1] == definition["sections"][1]["questions"][-1]


def test_tighter_limits_break_comparability_for_the_files_that_no_longer_fit():
    old = with_file_question()
    new = with_file_question(max_size_mb=1, accept=["pdf"])
    big_sheet = {"report": {"file": 1, "name": "budget.xlsx", "size": 3 * MB}}
    small_pdf = {"report": {"file": 2, "name": "plan.pdf", "size": 1000}}

    changes = [change for change in compare(old, new) if change.breaking]

    assert len(changes) == 2
    size, kinds = changes
    assert "largest file" in size.text and size.affects(big_sheet) and not size.affects(small_pdf)
    assert "document, spreadsheet, presentation" in kinds.text
    assert kinds.affects(big_sheet) and not kinds.affects(small_pdf)
    looser = compare(new, old)
    assert looser and not any(change.breaking for change in looser)


# --- Answering ------------------------------------------------------------------------------------


def test_a_respondent_sends_a_pdf_sees_it_on_the_page_and_downloads_it(client, survey):
    response = on_second_page(client, survey)
    page = client.get(page_url(survey, response))
    assert 'enctype="multipart/form-data"' in page.text
    first_page = client.get(page_url(survey, response, "data"))
    assert "multipart" not in first_page.text  # only a page with a file question sends files

    reply = send(client, survey, response, a_pdf("Annual report.pdf"))

    assert reply.status_code == 302
    response.refresh_from_db()
    sent = ResponseFile.objects.get()
    assert response.answers["report"] == {"file": sent.pk, "name": "Annual report.pdf", "size": len(PDF)}
    assert sent.file.uploaded_by is None  # an anonymous respondent
    with open(stored_path(sent.file), "rb") as stored:
        assert stored.read() == PDF
    assert not stored_path(sent.file).startswith(str(django_settings.MEDIA_ROOT))

    again = client.get(page_url(survey, response))
    link = f"{survey.url}r/{response.token}/files/{sent.pk}/"
    assert link in again.text and "Annual report.pdf" in again.text and 'name="report__remove"' in again.text
    download = client.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "private" in download["Cache-Control"]
    assert "Annual report.pdf" in client.get(f"{survey.url}r/{response.token}/review/").text


def test_a_program_named_pdf_is_refused_next_to_the_field_and_what_was_typed_stays(client, survey):
    response = on_second_page(client, survey)

    reply = send(client, survey, response, upload("report.pdf", PROGRAM, "application/pdf"),
                 organisation="Typed before the refusal")

    assert reply.status_code == 400
    assert "not one of the kinds accepted here" in reply.text
    assert 'id="id_report_errors"' in reply.text and 'href="#id_report"' in reply.text
    assert 'value="Typed before the refusal"' in reply.text
    response.refresh_from_db()
    assert response.answers["organisation"] == "Typed before the refusal"
    assert response.answers["report"] is None
    assert not PrivateFile.objects.exists() and not ResponseFile.objects.exists()
    # Whichever button sent it, the respondent stays to read why.
    for go in ("leave", "previous"):
        again = send(client, survey, response, upload("report.pdf", PROGRAM), go=go)
        assert again.status_code == 400 and "not one of the kinds accepted here" in again.text


def test_the_question_s_size_limit_and_kinds_hold(client, survey):
    survey.definition = with_file_question(max_size_mb=1, accept=["pdf"])
    survey.save_revision().publish()
    response = on_second_page(client, survey)

    too_big = send(client, survey, response, a_pdf(size=MB + 1))
    a_document = send(client, survey, response, upload("notes.docx", docx_bytes()))

    assert too_big.status_code == a_document.status_code == 400
    assert "files may be at most 1.0" in too_big.text
    assert "not one of the kinds accepted here (PDF)" in a_document.text
    assert 'accept=".pdf,application/pdf"' in a_document.text
    assert not ResponseFile.objects.exists()


def test_a_file_is_replaced_or_removed_and_the_one_before_is_deleted(client, survey,
                                                                     django_capture_on_commit_callbacks):
    response = on_second_page(client, survey)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, survey, response, a_pdf("first.pdf"))
        first = ResponseFile.objects.get().file
        send(client, survey, response, a_pdf("second.pdf"))
    second = ResponseFile.objects.get().file

    assert second.name == "second.pdf" and not PrivateFile.objects.filter(pk=first.pk).exists()
    assert not os.path.exists(stored_path(first)) and os.path.exists(stored_path(second))

    with django_capture_on_commit_callbacks(execute=True):
        send(client, survey, response, subjects="13")  # no file chosen: the file stays
        assert ResponseFile.objects.get().file == second
        send(client, survey, response, report__remove="1")

    response.refresh_from_db()
    assert response.answers["report"] is None and response.answers["subjects"] == "12"
    assert not ResponseFile.objects.exists() and not os.path.exists(stored_path(second))


def test_an_autosave_keeps_the_file_answer_and_stores_no_file(client, survey):
    response = on_second_page(client, survey)
    send(client, survey, response, a_pdf("kept.pdf"))

    saved = send(client, survey, response, a_pdf("not-yet.pdf"), go="autosave", report__remove="1",
                 organisation="Autosaved")

    assert saved.json() == {"saved": True}
    response.refresh_from_db()
    assert response.answers["report"]["name"] == "kept.pdf"
    assert response.answers["organisation"] == "Autosaved"
    assert list(PrivateFile.objects.values_list("name", flat=True)) == ["kept.pdf"]


def test_a_required_file_question_wants_a_file(client, survey):
    survey.definition = with_file_question(required=True)
    survey.save_revision().publish()
    response = on_second_page(client, survey)

    assert send(client, survey, response).status_code == 400
    assert send(client, survey, response, a_pdf()).status_code == 302


def test_a_file_of_a_follow_up_no_longer_asked_goes_at_submit(client, survey):
    definition = with_file_question()
    definition["sections"][1]["questions"][-1]["condition"] = {"question": "purpose", "in": ["research"]}
    survey.definition = definition
    survey.save_revision().publish()
    response = on_second_page(client, survey)
    send(client, survey, response, a_pdf())
    client.post(page_url(survey, response, "data"), {"purpose": "clinical", "kinds": ["wes"], "go": "next"})

    client.post(f"{survey.url}r/{response.token}/review/")

    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED and "report" not in response.answers
    assert not ResponseFile.objects.exists() and not PrivateFile.objects.exists()


# --- Caps and the rate limit ----------------------------------------------------------------------


def test_a_response_s_files_together_are_capped(client, survey, settings):
    settings.SURVEY_UPLOAD_MAX_RESPONSE_MB = 1
    definition = with_file_question()
    definition["sections"][1]["questions"].append({"name": "annex", "type": "file", "label": "Annex"})
    survey.definition = definition
    survey.save_revision().publish()
    response = on_second_page(client, survey)

    refused = send(client, survey, response, a_pdf(size=MB // 2), annex=a_pdf("annex.pdf", size=MB // 2 + 10))

    assert refused.status_code == 400
    assert "Your files together may be at most 1.0" in refused.text
    assert list(PrivateFile.objects.values_list("name", flat=True)) == ["report.pdf"]
    # Replacing the one kept counts the new file instead of it.
    assert send(client, survey, response, a_pdf(size=MB // 2 + 10)).status_code == 302


def test_a_survey_s_files_together_are_capped(client, survey, settings):
    settings.SURVEY_UPLOAD_MAX_TOTAL_MB = 1
    ResponseFileFactory(response=ResponseFactory(survey=survey), file__size=MB - 100)
    response = on_second_page(client, survey)

    refused = send(client, survey, response, a_pdf(size=200))

    assert refused.status_code == 400
    assert "This survey cannot take more files" in refused.text
    assert ResponseFile.objects.count() == 1


@pytest.fixture
def one_upload_an_hour(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "survey_upload": "1/h/ip"}


def test_files_sent_to_a_survey_open_to_anyone_are_rate_limited(client, survey, one_upload_an_hour):
    assert survey.audience == SurveyPage.Audience.ANYONE
    response = on_second_page(client, survey)
    assert send(client, survey, response, a_pdf("first.pdf")).status_code == 302
    assert send(client, survey, response, subjects="14").status_code == 302  # no file: not counted

    refused = send(client, survey, response, a_pdf("second.pdf"), organisation="Kept")

    assert refused.status_code == 400
    assert "Many files were sent from your network" in refused.text
    response.refresh_from_db()
    assert response.answers["report"]["name"] == "first.pdf" and response.answers["organisation"] == "Kept"
    elsewhere = on_second_page(client, survey)
    assert send(client, survey, elsewhere, a_pdf(), address="192.0.2.7").status_code == 302


def test_stakeholders_surveys_are_not_rate_limited(client, survey, one_upload_an_hour):
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.STAKEHOLDERS,
                                                   one_response_per_person=False)
    survey.refresh_from_db()
    response = on_second_page(client, survey, ProfileFactory().user)
    assert [send(client, survey, response, a_pdf()).status_code for _ in range(3)] == [302, 302, 302]


# --- Who downloads ----------------------------------------------------------------------------------


@pytest.fixture
def submitted(client, survey):
    """A signed-in stakeholder's submitted response with a report."""
    SurveyPage.objects.filter(pk=survey.pk).update(audience=SurveyPage.Audience.STAKEHOLDERS)
    survey.refresh_from_db()
    person = ProfileFactory().user
    response = on_second_page(client, survey, person)
    send(client, survey, response, a_pdf("ours.pdf"))
    client.post(f"{survey.url}r/{response.token}/review/")
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    client.logout()
    return response, person


def admin_url(response_file) -> str:
    return f"/admin/surveys/files/{response_file.pk}/"


def downloads(reply) -> bool:
    return reply.status_code == 200 and b"".join(reply.streaming_content) == PDF


def test_those_who_see_the_results_and_the_respondent_download_a_file_and_no_one_else(client, submitted):
    response, person = submitted
    sent = ResponseFile.objects.get()
    own = f"{response.survey.url}r/{response.token}/files/{sent.pk}/"

    assert client.get(own).status_code == 403  # the link is a signed-in respondent's: signed out, no
    assert client.get(admin_url(sent)).status_code == 302  # to the admin's sign-in
    client.force_login(person)
    assert downloads(client.get(own))
    assert client.get(admin_url(sent)).status_code in {302, 403}  # no admin for a stakeholder
    client.force_login(ProfileFactory().user)
    assert client.get(own).status_code == 404
    other = on_second_page(client, response.survey)
    assert client.get(f"{response.survey.url}r/{other.token}/files/{sent.pk}/").status_code == 404
    client.force_login(editor())
    assert client.get(admin_url(sent)).status_code == 404
    client.force_login(coordinator())
    reply = client.get(admin_url(sent))
    assert reply["Content-Disposition"].startswith('attachment; filename="ours.pdf"') and downloads(reply)


def test_those_who_see_the_results_see_no_draft_s_file(client, survey):
    draft = ResponseFactory(survey=survey)
    sent = ResponseFileFactory(response=draft)
    Response.objects.filter(pk=draft.pk).update(answers={"report": file_answer(sent)})
    client.force_login(coordinator())
    assert client.get(admin_url(sent)).status_code == 404


# --- Exports and erasure -------------------------------------------------------------------------------


def test_the_export_cell_is_the_file_s_name_and_its_address(submitted):
    response, _person = submitted
    sent = ResponseFile.objects.get()
    output = io.BytesIO()
    exports.write_export(response.survey, "csv", output)

    with zipfile.ZipFile(output) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("responses.csv").decode())))
        codebook = list(csv.DictReader(io.StringIO(archive.read("codebook.csv").decode())))

    base = django_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert rows[0]["report"] == f"ours.pdf <{base}/admin/surveys/files/{sent.pk}/>"
    assert next(line for line in codebook if line["column"] == "report")["values"].startswith("a file")
    xlsx = io.BytesIO()
    exports.write_export(response.survey, "xlsx", xlsx)
    with zipfile.ZipFile(xlsx) as archive:
        assert f"/admin/surveys/files/{sent.pk}/" in archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_results_page_counts_file_answers(client, submitted):
    response, _person = submitted
    client.force_login(coordinator())
    page = client.get(f"/admin/surveys/{response.survey.pk}/results/")
    assert page.status_code == 200 and "Your report" in page.text


@pytest.mark.parametrize("erasure", [SurveyPage.Erasure.ANONYMISE, SurveyPage.Erasure.DELETE])
def test_erasing_a_respondent_removes_their_files_from_storage(submitted, erasure,
                                                               django_capture_on_commit_callbacks):
    response, person = submitted
    SurveyPage.objects.filter(pk=response.survey_id).update(erasure=erasure)
    path = stored_path(ResponseFile.objects.get().file)
    someone_else = ResponseFileFactory(response=ResponseFactory(survey=response.survey))

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(person)

    assert list(ResponseFile.objects.all()) == [someone_else]
    assert list(PrivateFile.objects.all()) == [someone_else.file]
    assert not os.path.exists(path)
    if erasure == SurveyPage.Erasure.ANONYMISE:
        kept = Response.objects.get(pk=response.pk)
        assert "report" not in kept.answers and kept.answers["organisation"] == "Genome centre"


def test_a_deleted_draft_takes_its_files_along(client, survey, django_capture_on_commit_callbacks):
    response = on_second_page(client, survey)
    send(client, survey, response, a_pdf())
    path = stored_path(ResponseFile.objects.get().file)

    with django_capture_on_commit_callbacks(execute=True):
        Response.objects.filter(pk=response.pk).delete()

    assert not PrivateFile.objects.exists() and not os.path.exists(path)


# --- XLSForm --------------------------------------------------------------------------------------------


def test_a_file_question_goes_to_xlsform_and_back():
    definition = with_file_question(accept=["pdf", "spreadsheet"], max_size_mb=4, required=True)
    xlsx, notes = definition_to_xlsform(definition)
    assert any("4 MB" in note for note in notes)
    assert convert(xlsx, file_type=".xlsx").xform  # pyxform turns it into an XForm
    read, losses = xlsform_to_definition(xlsx)
    question = read["sections"][1]["questions"][-1]
    assert question == {"name": "report", "type": "file", "label": question["label"], "required": True,
                        "accept": ["pdf", "spreadsheet"]}
    assert not any("report" in loss for loss in losses)


def test_a_hand_made_file_question_keeps_the_kinds_the_portal_takes():
    xlsx = workbook(
        [["type", "name", "label", "body::accept"],
         ["file", "scan", "A scan", ".pdf, .xlsx, image/*"], ["file", "any", "Anything", None]],
        settings=[["form_title", "form_id"], ["Files", "files"]],
    )
    read, losses = xlsform_to_definition(xlsx)
    scan, anything = read["sections"][0]["questions"]
    assert scan["accept"] == ["pdf", "spreadsheet"] and "accept" not in anything
    assert any("image/*" in loss for loss in losses)
