"""Cells of the CSV files the portal serves, made safe to open in a spreadsheet.

A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return before one) as a formula,
so a stakeholder named `=HYPERLINK("http://...","Open")` would put a live link, or worse, in a
coordinator's export. Every CSV writer of the portal passes its cells through safe_cell() (OWASP's
"CSV injection" rule: such a text gets an apostrophe in front, which spreadsheets show as text). Only
strings change: a number stays a number, also a negative one. Wagtail's own CSV exports (reports such as
Site history, the generic listings) go through it too: see patch_wagtail_csv_export().

XLSX files need no apostrophe: a cell whose type is "string" is never run, whatever it begins with.
csv_response() and xlsx_response() serve a table (a header and rows) as one or the other.
"""

import csv
import io

import openpyxl
from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write in a CSV cell: a text a spreadsheet would run gets an apostrophe in front."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """A csv.writer or csv.DictWriter whose rows go through safe_cell()."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        if isinstance(row, dict):
            return self.writer.writerow({key: safe_cell(value) for key, value in row.items()})
        return self.writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def patch_wagtail_csv_export() -> None:
    """Make Wagtail's CSV exports write safe cells: SpreadsheetExportMixin.write_csv_row, which every
    report and listing export of Wagtail calls once a row, writes the values as they come (its XLSX side
    already types them as strings). Called once at start-up (cms.apps); a Wagtail that no longer has the
    method refuses to start rather than serve unsafe files."""
    from django.core.exceptions import ImproperlyConfigured
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = getattr(SpreadsheetExportMixin, "write_csv_row", None)
    if not callable(original):
        raise ImproperlyConfigured(
            "wagtail.admin.views.mixins.SpreadsheetExportMixin.write_csv_row is gone: the CSV exports "
            "of Wagtail can no longer be made safe (portal/core/spreadsheets.py); adapt the patch to this "
            "Wagtail."
        )
    if getattr(original, "makes_safe_cells", False):
        return

    def write_csv_row(self, writer, row_dict):
        return original(self, SafeWriter(writer), row_dict)

    write_csv_row.makes_safe_cells = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row


def csv_response(filename: str, rows) -> HttpResponse:
    """A CSV download of `rows` (the header first), every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    SafeWriter(csv.writer(response)).writerows(rows)
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename: str, rows, *, sheet: str = "Sheet1") -> HttpResponse:
    """An XLSX download of `rows` (the header first). Texts are typed as strings, never formulas (openpyxl
    would take a text beginning with = for one); numbers stay numbers."""
    book = openpyxl.Workbook(write_only=True)
    worksheet = book.create_sheet(sheet[:31])

    def cell(value):
        written = WriteOnlyCell(worksheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"
        return written

    for row in rows:
        worksheet.append([cell(value) for value in row])
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
