"""Spreadsheet files the portal serves never run a cell as a formula: in a CSV, a text beginning with
= + - @ (or a tab or carriage return) gets an apostrophe in front (portal/core/spreadsheets.py); in an XLSX it
is typed as a string. Wagtail's own CSV exports (Site history) included."""

import csv
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

from portal.core.spreadsheets import patch_wagtail_csv_export, safe_cell
from tests.factories import ProfileFactory, SurveyPageFactory, UserFactory, coordinator, small_definition

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+34 600 000 000", "'+34 600 000 000"),
        ("-5", "'-5"),  # a text, whatever it reads like
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Ana = Silva", "Ana = Silva"),
        ("", ""),
        (-5, -5),  # a number stays a number
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_a_cell_is_made_safe_only_when_a_spreadsheet_would_run_it(value, written):
    assert safe_cell(value) == written


def test_a_wagtail_without_the_patched_method_refuses_to_start(monkeypatch):
    monkeypatch.delattr(SpreadsheetExportMixin, "write_csv_row")
    with pytest.raises(ImproperlyConfigured, match="write_csv_row"):
        patch_wagtail_csv_export()


def test_the_site_history_csv_shows_a_formula_name_as_text(client):
    author = UserFactory(first_name=FORMULA, last_name="")
    page = Page.objects.get(depth=2).specific
    page.save_revision(user=author, log_action=True)
    client.force_login(coordinator())

    response = client.get("/admin/reports/site-history/?export=csv")

    assert response.status_code == 200
    users = [row["User"] for row in csv_rows(response)]
    assert "'" + FORMULA in users and FORMULA not in users

    sheet = load_workbook(io.BytesIO(content(client.get("/admin/reports/site-history/?export=xlsx")))).active
    header = [cell.value for cell in sheet[1]]
    cell = next(row[header.index("User")] for row in sheet.iter_rows(min_row=2)
                if row[header.index("User")].value == FORMULA)
    assert cell.data_type == "s"  # the exact name, typed as text


def test_the_stakeholder_exports_show_formula_names_as_text(client):
    ProfileFactory(user__first_name=FORMULA, user__last_name="", organisation="-Genomics",
                   role="@lead")
    client.force_login(coordinator())

    [row] = csv_rows(client.get("/admin/stakeholders/?export=csv"))
    assert row["Name"] == "'" + FORMULA
    assert (row["Organisation"], row["Role or job title"]) == ("'-Genomics", "'@lead")

    sheet = load_workbook(io.BytesIO(content(client.get("/admin/stakeholders/?export=xlsx")))).active
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("Name") + 1)
    organisation = sheet.cell(row=2, column=header.index("Organisation") + 1)
    assert (name.value, name.data_type) == (FORMULA, "s")
    assert (organisation.value, organisation.data_type) == ("-Genomics", "s")


def test_the_survey_codebook_shows_formula_labels_as_text(client):
    definition = small_definition()
    definition["sections"][0]["questions"][0]["label"] = FORMULA
    definition["sections"][0]["questions"][1]["choices"][0]["label"] = "+WGS"
    survey = SurveyPageFactory(title="Test survey", definition=definition)
    client.force_login(coordinator())

    response = client.get(f"/admin/surveys/{survey.pk}/results/codebook.csv")

    assert response.status_code == 200
    by_column = {row["column"]: row for row in csv_rows(response)}
    assert by_column["purpose"]["question_text"] == "'" + FORMULA
    assert by_column["kinds__wgs"]["choice_text"] == "'+WGS"
    assert by_column["subjects"]["question_text"] == "3. Subjects?"
