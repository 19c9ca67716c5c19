"""SPSS (.sav) and Stata (.dta) exports of a survey's submitted responses, written by pyreadstat.

Each download is a zip: `responses.sav` (or `.dta`), one row a response; `repeat_<section>.sav` for each
repeated section, one row an item keyed by `contribution_id` and `item` as in the CSV's long tables; and
`codebook.csv`, the CSV's codebook with each column's variable name, what it is stored as and the codes
of its values.

The rows are the CSV's and the XLSX's (exports.Export: the same responses, the same columns), asked for
with the answers as stored (the "stored" cells); each column is then converted by what its question type
says it is (QuestionType.variables()): text, a number, a 1/0 flag, a choice as its integer code with the
choice's label, a date, a time of day or a date with a time as the file format's own date and time
variables. Missing answers are missing values (an empty text for texts).

pyreadstat writes from a whole data frame. To keep that small, the rows are converted a chunk at a time
into typed numpy arrays (doubles, and Python strings for texts only), so a response's answers are not all
kept as Python objects until the file is written.

Choice codes are 1, 2, 3 ... in the order in which the choices first appeared, version after version
(the oldest first, each in its own order), so a choice keeps its code in every export and in every later
version of the survey. Variable names are the CSV's column names, made valid in SPSS and Stata and cut to
NAME_LENGTH characters deterministically (see variable_name()).
"""

from __future__ import annotations

import datetime
import hashlib
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd
import pyreadstat
from django.utils import timezone

from .exports import (
    CHUNK,
    CODEBOOK_HEADER,
    ITEM_COLUMNS,
    META_COLUMNS,
    PROGRESS_EVERY,
    Export,
    _row_and_choice,
    codebook,
    columns_of,
    item_table,
    zipped_csv,
)
from .results import Question, survey_versions
from .types import question_type
from .types.base import Variable
from .types.values import read_datetime, read_day, read_number, read_time

# Stata allows 32 characters; pyreadstat names a variable's value labels after the variable with a number
# behind (`country12`), which must fit in Stata's 32 too: four characters are left for that number.
NAME_LENGTH = 28
# Words SPSS or Stata keep for themselves; a column of that name gets "v_" in front.
RESERVED = frozenset(
    "all and by eq ge gt le lt ne not or to with "  # SPSS
    "_all _b byte _coef _cons double float if in int long _n _pi _pred _rc _se _skip strl using".split()
)
_NOT_IN_NAMES = re.compile(r"[^a-z0-9_]")
_STATA_STRING = re.compile(r"^str[0-9]+$")  # str1 ... str2045 are Stata's storage types

META_KINDS = {"contribution_id": "text", "version": "number", "submitted_at": "datetime", "item": "number"}
STORED_AS = {"text": "text", "number": "number", "flag": "number, 1 or 0",
             "choice": "number: the choice's code", "date": "date", "time": "time of day",
             "datetime": "date and time"}
SPSS_MEASURES = {"text": "nominal", "flag": "nominal", "choice": "nominal", "number": "scale",
                 "date": "scale", "time": "scale", "datetime": "scale"}
CODEBOOK = ["variable", *CODEBOOK_HEADER, "stored_as", "codes"]


@dataclass(frozen=True)
class Format:
    suffix: str
    write: Callable
    origin: datetime.datetime  # the moment its dates and times count from
    day: float  # what a day counts in its dates (SPSS: seconds, Stata: days)
    second: float  # what a second counts in its times and dates with times (Stata: milliseconds)
    shown: dict[str, str]  # display formats of its date, time and datetime variables
    label_bytes: int  # the longest variable label (UTF-8)
    value_label_bytes: int
    file_label_bytes: int
    text_bytes: int = 0  # the longest text, 0 for no limit (Stata keeps long texts as strL)
    options: dict = field(default_factory=dict)


FORMATS = {
    # SPSS: one text holds at most 32,767 bytes; rows compressed as SPSS itself writes them.
    "sav": Format("sav", pyreadstat.write_sav, datetime.datetime(1582, 10, 14), 86_400, 1,
                  {"date": "SDATE10", "time": "TIME5", "datetime": "DATETIME20"}, 256, 120, 64,
                  text_bytes=32_767, options={"row_compress": True}),
    # Stata: format 118 (Stata 14 and later, UTF-8, long texts as strL) rather than pyreadstat's 119, which
    # Stata 14 cannot open and which only a file of more than 32,767 variables needs.
    "dta": Format("dta", pyreadstat.write_dta, datetime.datetime(1960, 1, 1), 1, 1000,
                  {"date": "%tdCCYY-NN-DD", "time": "%tcHH:MM", "datetime": "%tc"}, 80, 32_000, 80,
                  options={"version": 14}),
}


@dataclass
class Column:
    """One variable of a file: the CSV's column it holds, its name, label and values."""

    column: str
    name: str
    label: str
    kind: str
    labels: dict = field(default_factory=dict)  # value in the file -> its label
    codes: dict[str, int] = field(default_factory=dict)  # a choice's name -> its code ("choice")
    question: str = ""  # the question's name; "" for the first columns


# --- Names and codes ---------------------------------------------------------------------------------


def variable_name(column: str) -> str:
    """A name valid in SPSS and Stata for an export column: lower case letters, digits and "_", starting
    with a letter ("v_" put in front otherwise, and of reserved words), at most NAME_LENGTH characters. A
    longer one keeps its first characters and ends with 6 of its SHA-1, so it is the same in every export."""
    name = _NOT_IN_NAMES.sub("_", column.lower())
    if not name[:1].isalpha() or not name.isascii() or name in RESERVED or _STATA_STRING.match(name):
        name = f"v_{name}"
    if len(name) > NAME_LENGTH:
        digest = hashlib.sha1(column.encode()).hexdigest()[:6]
        name = f"{name[:NAME_LENGTH - 7]}_{digest}"
    return name


def variable_names(columns: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each column's variable name, unique in the export, by (question, column); the first columns have
    no question. A clash takes a number at the end, in the order of the columns: names the rules make
    alike, or a question named as a first column (`version`), which the CSV shows twice."""
    names: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for key in columns:
        if key in names:
            continue
        name = base = variable_name(key[1])
        number = 1
        while name in taken:
            number += 1
            name = f"{base[:NAME_LENGTH - len(str(number)) - 1]}_{number}"
        names[key] = name
        taken.add(name)
    return names


def choice_codes(questions: list[Question], versions) -> dict[str, dict[str, int]]:
    """Each question's choices with their codes, 1, 2, 3 ... in the order they first appeared, version
    after version, the oldest first (only the versions where the question has its latest type)."""
    merged = {question.name: question for question in questions}
    found: dict[str, dict[str, int]] = {}
    for version in sorted(versions, key=lambda version: version.number):
        for section in version.definition.get("sections", []):
            for item in section["questions"]:
                question = merged.get(item["name"])
                if question is None or version.pk not in question.versions:
                    continue
                codes = found.setdefault(question.name, {})
                for choice in question_type(item).choices_of(item):
                    codes.setdefault(choice["name"], len(codes) + 1)
    return found


# --- Columns -----------------------------------------------------------------------------------------


def table_columns(meta: list[tuple[str, str]], questions: list[Question], names: dict[tuple[str, str], str],
                  codes: dict[str, dict[str, int]]) -> list[Column]:
    """The variables of a table: its key columns, then those of its questions as the types say."""
    columns = [Column(name, names["", name], text, META_KINDS[name]) for name, text in meta]
    variables = {question.name: iter(question_type(question.type).variables(question))
                 for question in questions}
    for column in columns_of(questions):
        question = column.question
        variable: Variable = next(variables[question.name])
        row, choice = _row_and_choice(question, column.option)
        label = ": ".join([question.label] + [part.label for part in (row, choice) if part])
        called = names[question.name, column.name]
        if variable.kind == "choice":
            known = codes.get(question.name, {})
            labels = {known[option]: text for option, text in variable.labels.items() if option in known}
            columns.append(Column(column.name, called, label, "choice", labels, known, question.name))
        else:
            columns.append(Column(column.name, called, label, variable.kind, dict(variable.labels),
                                  question=question.name))
    return columns


# --- Values, a chunk of a column at a time --------------------------------------------------------------


def _texts(values: tuple, column: Column, format: Format) -> np.ndarray:
    limit = format.text_bytes
    return np.array([_text(value, limit) for value in values], dtype=object)


def _text(value, limit: int) -> str:
    if value is None or value == "":
        return ""  # not None: pyreadstat cannot write a missing value among Stata's long texts (strL)
    if value.__class__ is not str:
        value = str(value)
    if limit and len(value) * 4 > limit and len(value.encode()) > limit:
        value = value.encode()[:limit].decode(errors="ignore")
    return value


_PLAIN_NUMBERS = frozenset({str, int, float, type(None)})
_NOT_IN_PLAIN_NUMBERS = re.compile(r"[^0-9.+\- ]")


def _numbers(values: tuple, column: Column, format: Format) -> np.ndarray:
    # Numbers as stored are mostly texts of digits: where every text of the chunk holds only digits, "."
    # and signs, numpy reads them all at once as read_number() would, else each is read by _number().
    if set(map(type, values)) <= _PLAIN_NUMBERS and not _NOT_IN_PLAIN_NUMBERS.search(
            "".join(value for value in values if value.__class__ is str)):
        try:
            return np.array(values, dtype=np.float64)
        except ValueError:  # an empty text, or signs and points that make no number
            pass
    return np.fromiter(map(_number, values), np.float64, len(values))


def _number(value) -> float:
    """A number as the CSV reads it (read_number: "," or "." as the decimal mark); missing otherwise."""
    if value is None:
        return math.nan
    if value.__class__ is str and value.isdigit() and value.isascii():
        return float(value)
    number = read_number(value)
    return math.nan if number is None else float(number)


def _flags(values: tuple, column: Column, format: Format) -> np.ndarray:
    return np.array(values, dtype=np.float64)  # 1, 0, and None as missing


def _choices(values: tuple, column: Column, format: Format) -> np.ndarray:
    try:
        return np.fromiter(map(column.codes.get, values, repeat(math.nan)), np.float64, len(values))
    except TypeError:  # a value that cannot be a key (a list where a choice's name was expected)
        codes = column.codes
        found = (codes.get(value, math.nan) if value.__class__ is str else math.nan for value in values)
        return np.fromiter(found, np.float64, len(values))


def _dates(values: tuple, column: Column, format: Format) -> np.ndarray:
    origin, unit = format.origin.date(), format.day

    def date(value) -> float:
        day = read_day(value)
        return math.nan if day is None else (day - origin).days * unit

    return np.fromiter(map(date, values), np.float64, len(values))


def _times(values: tuple, column: Column, format: Format) -> np.ndarray:
    unit = format.second

    def time(value) -> float:
        moment = read_time(value)
        return math.nan if moment is None else (moment.hour * 3600 + moment.minute * 60) * unit

    return np.fromiter(map(time, values), np.float64, len(values))


def _datetimes(values: tuple, column: Column, format: Format) -> np.ndarray:
    origin, unit, zone = format.origin, format.second, timezone.get_current_timezone()

    def moment(value) -> float:
        if isinstance(value, datetime.datetime):  # when a response was submitted: in the portal's time zone
            value = value.astimezone(zone).replace(tzinfo=None, microsecond=0)
        else:
            value = read_datetime(value)
        return math.nan if value is None else (value - origin) / datetime.timedelta(seconds=1) * unit

    return np.fromiter(map(moment, values), np.float64, len(values))


READERS = {"text": _texts, "number": _numbers, "flag": _flags, "choice": _choices, "date": _dates,
           "time": _times, "datetime": _datetimes}


def table(columns: list[Column], rows: Iterable[list], format: Format,
          progress: Callable[[int], None] | None = None) -> tuple[pd.DataFrame, int]:
    """The rows as a data frame of typed columns, converted CHUNK rows at a time; and how many rows."""
    parts: list[list[np.ndarray]] = [[] for _column in columns]
    batch: list[list] = []
    done = 0

    def convert():
        for column, values, part in zip(columns, zip(*batch, strict=True), parts, strict=True):
            part.append(READERS[column.kind](values, column, format))
        batch.clear()

    for row in rows:
        batch.append(row)
        done += 1
        if len(batch) == CHUNK:
            convert()
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    if batch:
        convert()
    data = {}
    for column, part in zip(columns, parts, strict=True):
        texts = column.kind == "text"
        values = np.concatenate(part) if part else np.array([], dtype=object if texts else np.float64)
        # Texts stay Python strings (pandas would make them its string type, which pyreadstat reads a
        # value at a time through pandas: several seconds more for 100,000 responses).
        data[column.name] = pd.Series(values, dtype=object, copy=False) if texts else values
        part.clear()
    return pd.DataFrame(data, copy=False), done


# --- Files ---------------------------------------------------------------------------------------------


def _cut(text, limit: int) -> str:
    """A label within the format's limit of bytes, cut where a character ends."""
    text = str(text)
    data = text.encode()
    return text if len(data) <= limit else data[:limit - 3].decode(errors="ignore") + "…"


def write_file(format: Format, frame: pd.DataFrame, columns: list[Column], path: str, title: str) -> None:
    options = dict(format.options)
    if format.suffix == "sav":
        options["variable_measure"] = {column.name: SPSS_MEASURES[column.kind] for column in columns}
    format.write(
        frame, path, file_label=_cut(title, format.file_label_bytes),
        column_labels=[_cut(column.label, format.label_bytes) for column in columns],
        variable_value_labels={
            column.name: {value: _cut(label, format.value_label_bytes)
                          for value, label in column.labels.items()}
            for column in columns if column.labels
        },
        variable_format={column.name: format.shown[column.kind] for column in columns
                         if column.kind in format.shown},
        **options,
    )


def write_statistical(format_name: str, export: Export, output, progress: Callable[[int], None]) -> int:
    """A zip with the responses' file, one file a repeated section, and codebook.csv; returns the rows
    of the responses' file."""
    format = FORMATS[format_name]
    codes = choice_codes(export.questions, survey_versions(export.survey))
    in_items = [question for questions in export.repeats.values() for question in questions]
    names = variable_names([("", name) for name, _text in META_COLUMNS + ITEM_COLUMNS]
                           + [(column.question.name, column.name)
                              for column in columns_of(export.wide) + columns_of(in_items)])
    tables = [("responses", table_columns(META_COLUMNS, export.wide, names, codes), None)]
    tables += [(item_table(repeat), table_columns(ITEM_COLUMNS, questions, names, codes), repeat)
               for repeat, questions in export.repeats.items()]
    done = 0
    with tempfile.TemporaryDirectory() as folder, \
            zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        path = os.path.join(folder, f"table.{format.suffix}")
        for name, columns, repeat in tables:
            if repeat is None:
                frame, done = table(columns, export.rows("stored"), format, progress)
            else:
                frame, _items = table(columns, export.item_rows(repeat, "stored"), format)
            write_file(format, frame, columns, path, export.survey.title)
            del frame  # before the next table is read
            archive.write(path, f"{name}.{format.suffix}")
            os.remove(path)
        described = {(column.question, column.column): column
                     for _name, columns, _repeat in tables for column in columns}
        with zipped_csv(archive, "codebook.csv", safe=True) as writer:
            writer.writerow(CODEBOOK)
            for line in codebook(export.questions, export.version_numbers):
                column = described[line[1], line[0]]
                writer.writerow([column.name, *line, _stored_as(column, format), _codes(column)])
    return done


def _stored_as(column: Column, format: Format) -> str:
    if column.kind == "text" and format.text_bytes:
        return f"text, cut at {format.text_bytes:,} bytes (UTF-8), the most SPSS holds"
    return STORED_AS[column.kind]


def _codes(column: Column) -> str:
    """The values and their labels: "1 = clinical (Clinical care)" for a choice's code."""
    if column.kind == "choice":
        return "; ".join(f"{code} = {name} ({column.labels.get(code, '')})"
                         for name, code in column.codes.items())
    return "; ".join(f"{value} = {label}" for value, label in column.labels.items())

