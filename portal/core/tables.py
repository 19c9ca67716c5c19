"""Tables people upload (a programme, a list of members): CSV or XLSX read as rows of text cells, and a
choice given by its code or its label."""

import csv
import datetime
import io

import openpyxl
from django.utils.translation import gettext as _


class UnreadableFile(ValueError):
    """Why the file cannot be read at all (a sentence to show next to the upload field)."""


def csv_rows(text: str) -> list[list[str]]:
    """The cells of a CSV text, comma, semicolon or tab separated."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[cell.strip() for cell in line] for line in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        message = _("The file is not a readable CSV file (%(error)s).") % {"error": error}
        raise UnreadableFile(message) from error


def _text(value) -> str:
    if isinstance(value, datetime.datetime):  # a spreadsheet's dates are datetimes at midnight
        at_midnight = value.time() == datetime.time()
        return value.date().isoformat() if at_midnight else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return "" if value is None else str(value).strip()


def table_rows(name: str, content: bytes) -> list[list[str]]:
    """The cells of the first sheet of an .xlsx, or of a CSV file in UTF-8."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds for a damaged file)
            raise UnreadableFile(_("The file is not a readable XLSX workbook.")) from error
        return [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is not UTF-8 text: save it as “CSV UTF-8”, or as .xlsx.")) from error
    return csv_rows(text)


def choice_code(value: str, choices) -> str:
    """The code of a choice given by its code or its label, in any case; else the value as it was."""
    wanted = value.strip().lower()
    for code, label in choices.choices:
        if wanted in (code, str(label).lower()):
            return code
    return value.strip()
