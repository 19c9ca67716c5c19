"""Exports of responses: CSV and XLSX checked cell by cell with their codebook, the export job (eager,
and once on a real Celery worker), who may download the files."""
# ruff: noqa: F811  (the fixtures come from test_results.py, next door)

import csv
import datetime
import io
import time
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from surveys import exports
from surveys.models import Response, ResponseExport
from tests.factories import ProfileFactory, ResponseExportFactory, UserFactory, coordinator

from .test_results import answered, people, respond  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = [
    "contribution_id", "version", "submitted_at",
    "purpose",
    "kinds__wgs", "kinds__wes", "kinds__panel", "kinds__none", "kinds__arrays",
    "describe", "subjects",
    "per_kind__wgs", "per_kind__wes", "per_kind__panel", "per_kind__arrays",
    "contact",
    "quality__completeness", "quality__accuracy",
    "collected",
]
# One row a submitted response, in the order they were started; the draft is left out.
ROWS = [
    ["C000", "1", "clinical", "1", "0", "", "0", "1", "Trios", "10", "4", "", "", "6", "", "", "", ""],
    ["C001", "1", "research", "0", "0", "", "0", "1", "", "20", "", "", "", "20", "lab@example.org", "", "",
     ""],
    ["C002", "1", "research", "0", "0", "", "1", "0", "", "0", "", "", "", "", "", "", "", ""],
    ["C003", "2", "clinical", "1", "0", "1", "0", "", "Deep WGS", "30", "25", "", "5", "", "", "good", "fair",
     "2020-05-01"],
    ["C004", "2", "research", "0", "1", "0", "0", "", "", "40", "", "40", "", "", "", "good", "",
     "2021-01-31"],
]


def read_zip(data: bytes) -> tuple[list[list[str]], list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["codebook.csv", "responses.csv"]
        responses = list(csv.reader(io.StringIO(archive.read("responses.csv").decode("utf-8"))))
        codebook = list(csv.reader(io.StringIO(archive.read("codebook.csv").decode("utf-8"))))
    return responses, codebook


def csv_export(survey) -> tuple[list[list[str]], list[list[str]]]:
    output = io.BytesIO()
    assert exports.write_export(survey, "csv", output) == 5
    return read_zip(output.getvalue())


def without_time(row: list) -> list:
    return row[:2] + row[3:]


def test_the_csv_export_holds_every_submitted_response_cell_by_cell(answered):
    responses, _codebook = csv_export(answered)
    assert responses[0] == HEADER
    assert [without_time(row) for row in responses[1:]] == ROWS
    submitted = Response.objects.get(contribution_id="C003").submitted_at
    assert responses[4][2] == timezone.localtime(submitted).isoformat(timespec="seconds")[:19]


def test_the_codebook_says_what_each_column_holds(answered):
    _responses, codebook = csv_export(answered)
    assert codebook[0] == exports.CODEBOOK_HEADER
    by_column = {line[0]: dict(zip(codebook[0], line, strict=True)) for line in codebook[1:]}
    assert list(by_column) == HEADER
    assert by_column["purpose"]["question_text"] == "1. Main purpose?"
    assert by_column["purpose"]["values"] == "clinical = Clinical; research = Research"
    assert by_column["purpose"]["versions"] == "1, 2"
    arrays = by_column["kinds__arrays"]
    assert [arrays[key] for key in ("type", "choice", "choice_text")] == [
        "multiple_choice", "arrays", "Arrays"
    ]
    assert arrays["note"] == "removed in a later version" and arrays["versions"] == "1"
    assert by_column["kinds__panel"]["versions"] == "2" and by_column["kinds__wgs"]["versions"] == "1, 2"
    assert by_column["kinds__wgs"]["values"].startswith("1 = chosen, 0 = not chosen; empty = not")
    panel = by_column["per_kind__panel"]
    assert (panel["row"], panel["row_text"]) == ("panel", "Gene panel")
    assert by_column["quality__accuracy"]["values"] == "good = Good; fair = Fair; poor = Poor"
    assert by_column["quality__accuracy"]["versions"] == "2"
    assert by_column["subjects"]["values"] == "a number (whole number)"


def test_the_xlsx_export_holds_the_same_cells_and_the_codebook_on_a_second_sheet(answered):
    output = io.BytesIO()
    assert exports.write_export(answered, "xlsx", output) == 5
    workbook = openpyxl.load_workbook(io.BytesIO(output.getvalue()))
    assert workbook.sheetnames == ["responses", "codebook"]
    sheet = workbook["responses"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert sheet["A1"].font.b  # the heading row is bold

    def as_csv(value):
        if isinstance(value, datetime.datetime):  # a date cell
            return value.date().isoformat()
        return "" if value is None else str(value)

    assert [[as_csv(value) for value in without_time(row)] for row in rows[1:]] == ROWS
    assert isinstance(rows[1][1], int) and isinstance(rows[1][10], int)  # numbers are numbers
    assert sheet["S5"].is_date and sheet["S5"].number_format == "yyyy-mm-dd"  # "collected", a date
    submitted = Response.objects.get(contribution_id="C000").submitted_at
    expected = timezone.localtime(submitted).replace(tzinfo=None)
    assert abs((rows[1][2] - expected).total_seconds()) < 0.001
    codebook = [[as_csv(value) for value in row] for row in workbook["codebook"].iter_rows(values_only=True)]
    assert codebook == [exports.CODEBOOK_HEADER] + [
        [str(cell) for cell in line] for line in exports.codebook(
            exports.Export(answered).questions, exports.Export(answered).version_numbers
        )
    ]


def test_text_that_a_spreadsheet_would_run_stays_text(answered):
    respond(answered, {"purpose": "clinical", "kinds": ["wgs"], "describe": "=HYPERLINK(\"http://x\")",
                       "subjects": "-5", "per_kind": {"wgs": "1,5"}, "contact": "@home\x0b"})
    responses, _codebook = read_zip(_written(answered, "csv"))
    last = dict(zip(responses[0], responses[-1], strict=True))
    assert last["describe"] == "'=HYPERLINK(\"http://x\")"
    assert last["subjects"] == "-5"  # a number, not text
    assert last["per_kind__wgs"] == "1.5"
    assert last["contact"] == "'@home\x0b"
    workbook = openpyxl.load_workbook(io.BytesIO(_written(answered, "xlsx")))
    sheet = workbook["responses"]
    cells = {heading.value: cell for heading, cell in zip(sheet[1], sheet[sheet.max_row], strict=False)}
    assert cells["describe"].value == "=HYPERLINK(\"http://x\")" and cells["describe"].data_type == "s"
    assert cells["subjects"].value == -5 and cells["per_kind__wgs"].value == 1.5
    assert cells["contact"].value == "@home"  # characters XML cannot carry are left out


def _written(survey, format: str) -> bytes:
    output = io.BytesIO()
    exports.write_export(survey, format, output)
    return output.getvalue()


# --- Jobs and downloads ---------------------------------------------------------------------------


def results_url(survey) -> str:
    return f"/admin/surveys/{survey.pk}/results/"


def test_an_export_job_runs_after_the_commit_and_its_file_is_downloaded(
    client, answered, media_in_tmp, django_capture_on_commit_callbacks
):
    client.force_login(coordinator())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = client.post(results_url(answered) + "export/", {"format": "csv"})
    assert page.status_code == 302 and len(callbacks) == 1
    export = ResponseExport.objects.get()
    assert (export.status, export.rows_done, export.rows_total, export.percent) == ("done", 5, 5, 100)
    assert export.file.name.startswith("exports/test-survey-") and export.file.name.endswith(".csv.zip")
    assert (media_in_tmp / export.file.name).exists()

    html = client.get(results_url(answered)).content.decode()
    download = f"{results_url(answered)}exports/{export.pk}/"
    assert download in html
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="test-survey-responses-')
    assert "private" in response["Cache-Control"]
    responses, _codebook = read_zip(b"".join(response.streaming_content))
    assert [without_time(row) for row in responses[1:]] == ROWS


def test_the_results_page_shows_an_export_s_progress(client, answered):
    client.force_login(coordinator())
    ResponseExportFactory(survey=answered, format="xlsx", status="running", rows_done=2000, rows_total=8000)
    html = client.get(results_url(answered)).content.decode()
    assert '<progress max="100" value="25"' in html
    assert "2000 of 8000 responses (25%)" in html
    assert "Refresh to see the progress" in html


def test_stakeholders_visitors_and_other_admin_users_get_no_export_file(client, answered):
    export = exports.run_export(exports.request_export(answered, "csv", coordinator()).pk)
    download = f"{results_url(answered)}exports/{export.pk}/"

    assert client.get(download).status_code == 302  # to sign in
    assert client.post(results_url(answered) + "export/", {"format": "csv"}).status_code == 302
    client.force_login(ProfileFactory().user)
    refused = client.get(download)
    assert refused.status_code in {302, 403} and not getattr(refused, "streaming", False)
    admin_user = UserFactory()
    from django.contrib.auth.models import Permission

    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_user)
    refused = client.get(download)
    assert refused.status_code in {302, 403} and not getattr(refused, "streaming", False)
    client.post(results_url(answered) + "export/", {"format": "xlsx"})
    assert ResponseExport.objects.count() == 1
    # Nor is the file in a folder the web server serves under a guessable name.
    assert export.file.name.startswith("exports/") and len(export.file.name.rsplit("-", 1)[1]) > 16


def test_older_exports_and_their_files_go(answered):
    user = coordinator()
    made = []
    for _index in range(exports.KEEP_EXPORTS + 2):
        export = exports.request_export(answered, "csv", user)
        made.append(exports.run_export(export.pk))
    assert ResponseExport.objects.count() == exports.KEEP_EXPORTS
    assert not default_storage.exists(made[0].file.name)
    assert default_storage.exists(made[-1].file.name)


def test_a_job_is_built_once(answered):
    export = exports.request_export(answered, "xlsx", coordinator())
    first = exports.run_export(export.pk)
    name = first.file.name
    again = exports.run_export(export.pk)  # a redelivered task
    assert again.file.name == name and again.status == "done"


def test_who_asked_for_an_export_is_forgotten_with_their_account(answered):
    from portal.core.personal_data import Owner, erase_personal_data, export_personal_data

    user = coordinator()
    export = exports.request_export(answered, "csv", user)
    assert export.created_at.isoformat() in str(export_personal_data(user))
    erase_personal_data(Owner.of(user))
    export.refresh_from_db()
    assert export.requested_by is None


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_celery_worker_builds_an_export(client, answered, celery_worker):
    export, data = built_by_the_worker(client, answered, celery_worker, "xlsx")
    assert export.rows_done == 5
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook["responses"].max_row == 6


def built_by_the_worker(client, survey, celery_worker, format: str,
                        filters: str = "") -> tuple[ResponseExport, bytes]:
    """An export asked for on the results page (under its `filters`, as the page's export form sends
    them), built by the worker, and its file as downloaded."""
    # The app's producer pool keeps the broker address it was made with; an earlier test may have made
    # it before the fixture pointed the app at the test's Redis database.
    celery_worker.app._pool = None
    celery_worker.app.amqp._producer_pool = None
    client.force_login(coordinator())
    client.post(results_url(survey) + "export/", {"format": format, "filters": filters})
    export = ResponseExport.objects.get()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and export.status not in {"done", "failed"}:
        time.sleep(0.2)
        export.refresh_from_db()
    assert export.status == "done", export.error
    response = client.get(f"{results_url(survey)}exports/{export.pk}/")
    assert response.status_code == 200
    return export, b"".join(response.streaming_content)
