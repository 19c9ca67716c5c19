"""Exports of a survey's submitted responses across its versions: CSV (in a zip with the codebook) and
XLSX (the codebook on a second sheet), one row a response, columns keyed by stable names. The questions
of a repeated section are not in that wide table: each repeated section has a long table of its own
(`repeat_<section>.csv` in the zip, a sheet `repeat_<section>` in the workbook), one row an item, keyed by
the response's contribution ID and the item's number; the codebook says where each column is.

Rows are streamed from the database in chunks and written as they come (csv writer, openpyxl's
write-only workbook) into a temporary file, so memory stays flat whatever the number of responses.
Large exports run as a Celery job (surveys/tasks.py) that records its progress on a ResponseExport row.
SPSS and Stata files are made of the same rows by surveys/statistical_exports.py.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import re
import secrets
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from openpyxl.utils import get_column_letter

from portal.core.spreadsheets import SafeWriter, safe_cell

from .models import ResponseExport, SurveyPage
from .results import Filters, Question, _number, merged_questions, submitted_responses, survey_versions
from .types import question_type
from .types.values import read_date, read_datetime, read_time

logger = logging.getLogger(__name__)

CHUNK = 2000  # responses read from the database at a time
# Rows of a worksheet's XML joined before each write: 2,000 rows of the benchmark's 140 columns held 27 MB
# more at the peak than 200 did, in the same time.
XLSX_WRITE_EVERY = 200
PROGRESS_EVERY = 5000  # rows between two progress updates of the job row
KEEP_EXPORTS = 5  # a survey's newest exports kept; older ones and their files are deleted
XLSX_CELL_LIMIT = 32_767  # characters Excel holds in a cell

META_COLUMNS = [
    ("contribution_id", "Contribution ID, as on the respondent's receipt"),
    ("version", "Number of the survey version answered"),
    ("submitted_at", "When the response was submitted (the portal's time zone)"),
]
ITEM_COLUMNS = [
    ("contribution_id", "Contribution ID of the response the item belongs to"),
    ("item", "Number of the item in its repeated section, from 1, as the respondent numbered them"),
]
# A question named like one of these columns has its answers under `<name>__answer`, so that no two
# columns of a table share a heading.
FIXED_NAMES = frozenset(name for name, _text in META_COLUMNS + ITEM_COLUMNS)
CODEBOOK_HEADER = ["column", "question", "question_text", "type", "section", "row", "row_text", "choice",
                   "choice_text", "values", "versions", "note"]


@dataclass
class Column:
    name: str
    question: Question
    option: str = ""  # the choice (multiple choice) or row (matrix, number table) of this column


def columns_of(questions: list[Question]) -> list[Column]:
    """The question's one column, or one a choice or row (`<question>__<option>`), as its type says."""
    columns = []
    for question in questions:
        for option in question_type(question.type).columns(question):
            name = f"{question.name}__{option}" if option else question.name
            if name in FIXED_NAMES:
                name = f"{name}__answer"
            columns.append(Column(name, question, option))
    return columns


def codebook(questions: list[Question], version_numbers: dict[int, int]) -> Iterator[list[str]]:
    """One line a column of the export: what it holds and how its values read."""
    for name, text in META_COLUMNS:
        yield [name, "", text, "", "", "", "", "", "", "", "", ""]
    if any(question.repeat for question in questions):
        where = "only in the tables of repeated sections (repeat_<section>), whose rows are items"
        yield ["item", "", ITEM_COLUMNS[1][1], "", "", "", "", "", "", "", "", where]
    wide = [question for question in questions if not question.repeat]
    in_items = [question for question in questions if question.repeat]
    for column in columns_of(wide + in_items):
        question = column.question
        in_versions = question.versions
        row, choice = _row_and_choice(question, column.option)
        notes = []
        if question.repeat:
            notes.append(f"in the table {item_table(question.repeat)}: one row an item, not in responses")
        if question.removed:
            notes.append("question removed in a later version")
        if (row and row.removed) or (choice and choice.removed):
            notes.append("removed in a later version")
        if question.note:
            notes.append(" ".join(question.note.split()))  # an imported XLSForm's names are said here
        if choice:
            in_versions = question.offered.get(choice.name, set())
        versions = ", ".join(str(version_numbers[pk]) for pk in sorted(in_versions))
        values = question_type(question.type).column_values(question, column.option)
        yield [
            column.name, question.name, question.label, question.type, question.section,
            row.name if row else "", row.label if row else "",
            choice.name if choice else "", choice.label if choice else "",
            values, versions, "; ".join(notes),
        ]


def _row_and_choice(question: Question, option: str):
    """The row, the choice, or both (`<row>__<choice>`, a checkbox matrix) a column holds."""
    row = next((one for one in question.rows if one.name == option), None)
    if row or not option:
        return row, None
    if question.choice(option):
        return None, question.choice(option)
    for row in question.rows:
        if option.startswith(f"{row.name}__") and question.choice(option.removeprefix(f"{row.name}__")):
            return row, question.choice(option.removeprefix(f"{row.name}__"))
    return None, None


# --- Cells ---------------------------------------------------------------------------------------


def _cells(question: Question, target: str) -> Callable[[dict, int], list]:
    """A function from a response's answers to this question's cells: strings for the CSV ("" where
    empty), SpreadsheetML fragments for the XLSX (None where empty). Called 100,000 times a question
    on big exports, so each type makes its own small function."""
    return question_type(question.type).cells(question, target, CELLS[target])


def _text(value) -> str | None:
    if value in (None, "", [], {}):
        return None
    return value if isinstance(value, str) else str(value)


def _csv_text(value) -> str:
    if value.__class__ is not str:
        value = _text(value)
        if value is None:
            return ""
    # A spreadsheet would run =... as a formula: the apostrophe keeps it text (said in the codebook).
    return safe_cell(value)


def _csv_number(value) -> str:
    """A number as typed, with "." as the decimal mark; what does not read as a number is kept as text."""
    if isinstance(value, str) and value.isdigit() and value.isascii():
        return value
    number = _number(value)
    if number is None:
        return _csv_text(value)
    return format(number, "f")


# XLSX cells are written as SpreadsheetML fragments, the part of <c r="B7" ...>...</c> after the
# reference: a number, an inline string or a date (style 1).
def _xlsx_number(value):
    if isinstance(value, str) and value.isdigit() and value.isascii():
        return f"><v>{value}</v>"
    number = _number(value)
    if number is None:
        return _xlsx_text(value)
    return f"><v>{format(number, 'f')}</v>"


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xlsx_text(value):
    value = _text(value)
    if value is None:
        return None
    # Characters XML cannot carry are left out; Excel holds at most 32,767 characters a cell.
    value = xml_escape(_NOT_IN_XML.sub("", value)[:XLSX_CELL_LIMIT])
    return f' t="inlineStr"><is><t xml:space="preserve">{value}</t></is>'


def _xlsx_date(moment: datetime.datetime | None):
    if moment is None:
        return None
    serial = (_local(moment) - EXCEL_EPOCH) / datetime.timedelta(days=1)
    return f' s="1"><v>{serial:.8f}</v>'


def _xlsx_day(value):
    """A date as a date cell (style 5), as statistics read one; text when it does not read as one."""
    day = read_date(value)
    if day is None:
        return _xlsx_text(value)
    return f' s="5"><v>{(datetime.date.fromisoformat(day) - EXCEL_EPOCH.date()).days}</v>'


def _xlsx_time(value):
    """A time of day as a time cell (style 3): its fraction of a day; text when it does not read as one."""
    moment = read_time(value)
    if moment is None:
        return _xlsx_text(value)
    return f' s="3"><v>{(moment.hour * 60 + moment.minute) / 1440:.10f}</v>'


def _xlsx_datetime(value):
    """A date and time as a date-time cell (style 4); text when it does not read as one."""
    moment = read_datetime(value)
    if moment is None:
        return _xlsx_text(value)
    return f' s="4"><v>{(moment - EXCEL_EPOCH) / datetime.timedelta(days=1):.10f}</v>'


# What the types write cells with, by target. Dates, times and dates with times are written as typed in
# the CSV (YYYY-MM-DD, HH:MM, YYYY-MM-DDTHH:MM), as cells of that kind in the XLSX.
CELLS = {
    "csv": {"text": _csv_text, "number": _csv_number, "empty": "", "chosen": "1", "not_chosen": "0",
            "date": _csv_text, "time": _csv_text, "datetime": _csv_text},
    "xlsx": {"text": _xlsx_text, "number": _xlsx_number, "empty": None, "chosen": "><v>1</v>",
             "not_chosen": "><v>0</v>", "date": _xlsx_day, "time": _xlsx_time, "datetime": _xlsx_datetime},
}


class _AsStored(dict):
    """The writers of SPSS and Stata cells: each answer as stored, converted a column at a time by what the
    type says the column is (QuestionType.variables()), so any writer a type asks for hands it on."""

    def __missing__(self, writer):
        return _as_stored


def _as_stored(value):
    return value


CELLS["stored"] = _AsStored(empty=None, chosen=1, not_chosen=0)


# --- Rows ----------------------------------------------------------------------------------------


class Export:
    """What an export reads: the merged questions, their columns and the responses in order. `filters`
    (the results page's, when the export was asked for) choose the responses, as the page counts them:
    every writer reads them through `responses`, the main table and the tables of repeats alike."""

    def __init__(self, survey: SurveyPage, filters: Filters | None = None):
        self.survey = survey
        self.filters = filters or Filters()
        versions = survey_versions(survey)
        self.version_numbers = {version.pk: version.number for version in versions}
        self.questions = merged_questions(versions)
        self.wide = [question for question in self.questions if not question.repeat]
        self.repeats: dict[str, list[Question]] = {}  # the questions of each repeated section
        for question in self.questions:
            if question.repeat:
                self.repeats.setdefault(question.repeat, []).append(question)
        self.columns = columns_of(self.wide)
        self.header = [name for name, _text in META_COLUMNS] + [column.name for column in self.columns]
        self.responses = submitted_responses(survey, self.questions, self.filters)

    def count(self) -> int:
        return self.responses.count()

    def rows(self, target: str) -> Iterator[list]:
        """Each response as a list: contribution ID, version number, submission time (aware), then
        the cells of every question, as _cells() makes them for the target ("csv" or "xlsx")."""
        empty = "" if target == "csv" else None
        readers = [
            (question.versions, _cells(question, target), [empty] * _width(question))
            for question in self.wide
        ]
        responses = (
            # In the order responses were started: the primary key's order needs no sort of the table.
            self.responses.order_by("pk")
            .values_list("contribution_id", "version_id", "submitted_at", "answers")
            .iterator(chunk_size=CHUNK)
        )
        for contribution_id, version, submitted_at, answers in responses:
            answers = answers if isinstance(answers, dict) else {}
            row = [contribution_id, self.version_numbers.get(version), submitted_at]
            for versions, cells, blank in readers:
                row += cells(answers, version) if version in versions else blank
            yield row


    def item_header(self, repeat: str) -> list[str]:
        columns = columns_of(self.repeats[repeat])
        return [name for name, _text in ITEM_COLUMNS] + [column.name for column in columns]

    def item_rows(self, repeat: str, target: str) -> Iterator[list]:
        """Each item of a repeated section as a list: contribution ID, item number, then the cells of its
        questions. Only that section's answers are read from the database, a chunk at a time."""
        empty = "" if target == "csv" else None
        readers = [
            (question.versions, _cells(question, target), [empty] * _width(question))
            for question in self.repeats[repeat]
        ]
        responses = (
            self.responses.filter(answers__has_key=repeat).order_by("pk")
            .values_list("contribution_id", "version_id", f"answers__{repeat}")
            .iterator(chunk_size=CHUNK)
        )
        for contribution_id, version, items in responses:
            if not isinstance(items, list):
                continue
            for number, item in enumerate((item for item in items if isinstance(item, dict)), start=1):
                row = [contribution_id, number]
                for versions, cells, blank in readers:
                    row += cells(item, version) if version in versions else blank
                yield row


def item_table(repeat: str) -> str:
    """The name of a repeated section's table: its file (with .csv) in the zip, its sheet in the XLSX."""
    return f"repeat_{repeat}"[:31]  # a sheet's name has at most 31 characters


def _width(question: Question) -> int:
    return len(question_type(question.type).columns(question))


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def write_csv(export: Export, output, progress: Callable[[int], None]) -> int:
    """A zip file with responses.csv and codebook.csv (UTF-8, comma-separated, one header line)."""
    done = 0
    # The fastest level of compression: most of the time of a bigger one goes to squeezing a few percent.
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        # Not a SafeWriter: the cells are made safe by type in _cells() (texts only; -5 stays a number).
        with zipped_csv(archive, "responses.csv") as writer:
            writer.writerow(export.header)
            for row in export.rows("csv"):
                row[2] = _local(row[2]).isoformat(timespec="seconds") if row[2] else ""
                writer.writerow(row)
                done += 1
                if done % PROGRESS_EVERY == 0:
                    progress(done)
        for repeat in export.repeats:
            with zipped_csv(archive, f"{item_table(repeat)}.csv") as writer:
                writer.writerow(export.item_header(repeat))
                writer.writerows(export.item_rows(repeat, "csv"))
        with zipped_csv(archive, "codebook.csv", safe=True) as writer:
            writer.writerow(CODEBOOK_HEADER)
            writer.writerows(codebook(export.questions, export.version_numbers))
    return done


@contextmanager
def zipped_csv(archive: zipfile.ZipFile, name: str, *, safe: bool = False):
    """A CSV writer into the file `name` of the zip (UTF-8); with `safe`, a SafeWriter, for cells that
    were not made safe by type."""
    with archive.open(name, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text)
        yield SafeWriter(writer) if safe else writer
        text.flush()
        text.detach()


def write_xlsx(export: Export, output, progress: Callable[[int], None]) -> int:
    """A workbook with the sheets "responses" and "codebook", streamed into a zip part by part.

    openpyxl's write-only workbook took 206 s (120 s with lxml) for the benchmark's 10.8 million cells,
    most of it making a cell object for each; this writes the same SpreadsheetML as text, row by row.
    """
    done = 0
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        tables = [item_table(repeat) for repeat in export.repeats]
        for name, content in (xlsx_parts(tables) if tables else XLSX_PARTS).items():
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START.encode())
            letters = [get_column_letter(index) for index in range(1, len(export.header) + 1)]
            sheet.write(_xlsx_row(1, letters, [_xlsx_heading(name) for name in export.header]).encode())
            chunk = []
            for number, row in enumerate(export.rows("xlsx"), start=2):
                row[0], row[1], row[2] = _xlsx_text(row[0]), f"><v>{row[1]}</v>", _xlsx_date(row[2])
                chunk.append(_xlsx_row(number, letters, row))
                done += 1
                if done % XLSX_WRITE_EVERY == 0:
                    sheet.write("".join(chunk).encode())
                    chunk = []
                if done % PROGRESS_EVERY == 0:
                    progress(done)
            sheet.write(("".join(chunk) + SHEET_END).encode())
        with archive.open("xl/worksheets/sheet2.xml", "w") as sheet:
            sheet.write(SHEET_START.encode())
            letters = [get_column_letter(index) for index in range(1, len(CODEBOOK_HEADER) + 1)]
            sheet.write(_xlsx_row(1, letters, [_xlsx_heading(name) for name in CODEBOOK_HEADER]).encode())
            for number, line in enumerate(codebook(export.questions, export.version_numbers), start=2):
                sheet.write(_xlsx_row(number, letters, [_xlsx_text(value) for value in line]).encode())
            sheet.write(SHEET_END.encode())
        for position, repeat in enumerate(export.repeats, start=3):
            with archive.open(f"xl/worksheets/sheet{position}.xml", "w", force_zip64=True) as sheet:
                _xlsx_item_sheet(export, repeat, sheet)
    return done


def _xlsx_item_sheet(export: Export, repeat: str, sheet) -> None:
    header = export.item_header(repeat)
    sheet.write(SHEET_START.encode())
    letters = [get_column_letter(index) for index in range(1, len(header) + 1)]
    sheet.write(_xlsx_row(1, letters, [_xlsx_heading(name) for name in header]).encode())
    chunk = []
    for number, row in enumerate(export.item_rows(repeat, "xlsx"), start=2):
        row[0], row[1] = _xlsx_text(row[0]), f"><v>{row[1]}</v>"
        chunk.append(_xlsx_row(number, letters, row))
        if len(chunk) == XLSX_WRITE_EVERY:
            sheet.write("".join(chunk).encode())
            chunk = []
    sheet.write(("".join(chunk) + SHEET_END).encode())


def _xlsx_heading(name: str) -> str:
    return ' s="2"' + _xlsx_text(name)


def _xlsx_row(number: int, letters: list[str], cells: list) -> str:
    return f'<row r="{number}">' + "".join(
        f'<c r="{letter}{number}"{cell}</c>' for letter, cell in zip(letters, cells, strict=True) if cell
    ) + "</row>"


EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_START = (
    f'{_XML}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    "<sheetData>"
)
SHEET_END = "</sheetData></worksheet>"
XLSX_PARTS = {
    "[Content_Types].xml": (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'{_XML}<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
        '<sheet name="responses" sheetId="1" r:id="rId1"/><sheet name="codebook" sheetId="2" r:id="rId2"/>'
        "</sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        f'{_XML}<Relationships xmlns="{_PACKAGE}">'
        f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId3" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # Styles: 0 plain, 1 date and time, 2 bold (the heading row), 3 time of day, 4 date and time to
    # the minute (answers), 5 date.
    "xl/styles.xml": (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        '<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>'
        '<numFmt numFmtId="165" formatCode="hh:mm"/><numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/>'
        '<numFmt numFmtId="167" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def xlsx_parts(tables: list[str]) -> dict[str, str]:
    """The workbook's parts with a sheet more a repeated section's table, after responses and codebook."""
    parts = dict(XLSX_PARTS)
    sheets = [(f"sheet{position}", name) for position, name in enumerate(tables, start=3)]
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace("</Types>", "".join(
        f'<Override PartName="/xl/worksheets/{sheet}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        for sheet, _name in sheets) + "</Types>")
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace("</sheets>", "".join(
        f'<sheet name="{name}" sheetId="{position}" r:id="rId{position + 1}"/>'
        for position, (_sheet, name) in enumerate(sheets, start=3)) + "</sheets>")
    relationships = "".join(
        f'<Relationship Id="rId{position + 1}" Type="{_RELATIONSHIPS}/worksheet" '
        f'Target="worksheets/{sheet}.xml"/>' for position, (sheet, _name) in enumerate(sheets, start=3))
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace("</Relationships>", relationships + "</Relationships>")
    return parts


def _statistical(format: str) -> Callable:
    def write(export: Export, output, progress: Callable[[int], None]) -> int:
        from .statistical_exports import write_statistical  # it builds on this module

        return write_statistical(format, export, output, progress)

    return write


WRITERS = {ResponseExport.Format.CSV: write_csv, ResponseExport.Format.XLSX: write_xlsx,
           ResponseExport.Format.SAV: _statistical("sav"), ResponseExport.Format.DTA: _statistical("dta")}
SUFFIXES = {ResponseExport.Format.CSV: "csv.zip", ResponseExport.Format.XLSX: "xlsx",
            ResponseExport.Format.SAV: "sav.zip", ResponseExport.Format.DTA: "dta.zip"}


def write_export(
    survey: SurveyPage, format: str, output, progress: Callable[[int], None] | None = None,
    filters: Filters | None = None,
) -> int:
    """Write an export of the survey's submitted responses that the filters keep to a binary file;
    returns the rows written."""
    return WRITERS[format](Export(survey, filters), output, progress or (lambda done: None))


# --- Jobs ----------------------------------------------------------------------------------------


def request_export(survey: SurveyPage, format: str, user, filters: Filters | None = None) -> ResponseExport:
    """Record an export job of the responses the filters keep and queue it once the request's transaction
    commits."""
    from .tasks import build_response_export

    filters = (filters or Filters()).as_json()
    export = ResponseExport.objects.create(survey=survey, format=format, requested_by=user, filters=filters)
    for old in ResponseExport.objects.filter(survey=survey).order_by("-created_at", "-pk")[KEEP_EXPORTS:]:
        delete_export(old)

    def queue():
        try:
            build_response_export.delay(export.pk)
        except Exception:  # the broker is down: say so on the job instead of leaving it queued for ever
            logger.warning("Could not queue response export %s", export.pk, exc_info=True)
            ResponseExport.objects.filter(pk=export.pk, status=ResponseExport.Status.QUEUED).update(
                status=ResponseExport.Status.FAILED,
                error="The export could not be started (the task queue is unavailable). Please try again.",
                finished_at=timezone.now(),
            )

    transaction.on_commit(queue)
    return export


def remove_export_files(survey_ids, *, because: str) -> None:
    """Delete the files of the surveys' exports, finished or not; the rows stay, saying why."""
    removable = ResponseExport.objects.filter(survey_id__in=survey_ids).exclude(
        status__in=[ResponseExport.Status.FAILED, ResponseExport.Status.REMOVED])
    for export in removable:
        _remove_file(export, because)


def purge_expired_exports() -> int:
    """Delete the files of exports finished more than SURVEY_EXPORT_RETENTION_DAYS ago."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.SURVEY_EXPORT_RETENTION_DAYS)
    expired = list(ResponseExport.objects.filter(status=ResponseExport.Status.DONE, finished_at__lt=cutoff))
    for export in expired:
        _remove_file(export, ResponseExport.Removed.EXPIRED)
    return len(expired)


def _remove_file(export: ResponseExport, because: str) -> None:
    if export.file:
        export.file.delete(save=False)
    ResponseExport.objects.filter(pk=export.pk).update(
        status=ResponseExport.Status.REMOVED, removed_because=because, file="")


def delete_export(export: ResponseExport) -> None:
    if export.file:
        export.file.delete(save=False)
    export.delete()


def run_export(pk: int) -> ResponseExport | None:
    """Build the file of one export job; a job already running, done or failed is left alone."""
    claimed = ResponseExport.objects.filter(pk=pk, status=ResponseExport.Status.QUEUED).update(
        status=ResponseExport.Status.RUNNING, progress_at=timezone.now()
    )
    export = ResponseExport.objects.select_related("survey").filter(pk=pk).first()
    if not claimed or export is None:
        return export
    survey = export.survey

    def progress(done: int) -> None:
        # Also the heartbeat: a running job whose progress_at gets old is shown as stopped.
        ResponseExport.objects.filter(pk=pk).update(rows_done=done, progress_at=timezone.now())

    try:
        with tempfile.TemporaryFile() as output:
            reader = Export(survey, Filters.from_json(export.filters))
            ResponseExport.objects.filter(pk=pk).update(rows_total=reader.count())
            done = WRITERS[export.format](reader, output, progress)
            progress(done)
            output.seek(0)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            # The random part keeps the file's address unguessable, should the media folder ever be served.
            name = f"{slugify(survey.slug)[:40]}-{stamp}-{secrets.token_hex(8)}.{SUFFIXES[export.format]}"
            export.file.save(name, File(output), save=False)
    except Exception as error:
        logger.exception("Response export %s failed", pk)
        ResponseExport.objects.filter(pk=pk).update(
            status=ResponseExport.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        return export
    finished = ResponseExport.objects.filter(pk=pk, status=ResponseExport.Status.RUNNING).update(
        status=ResponseExport.Status.DONE, file=export.file.name, rows_done=done, rows_total=done,
        finished_at=timezone.now(),
    )
    if not finished:  # removed while it was being built (a respondent's erasure): the file goes too
        export.file.delete(save=False)
    export.refresh_from_db()
    return export
