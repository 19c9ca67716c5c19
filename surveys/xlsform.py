"""Survey definitions as XLSForm workbooks (.xlsx), written with openpyxl and read back through pyxform.

Both directions return, beside their result, the list of what the other format cannot carry, one readable
line each: nothing is dropped silently.

How the portal's format maps to XLSForm (sheets survey, choices, settings):

- the survey's intro is a `note` row named `survey-intro` before the first section; a section is a
  `begin_group` ... `end_group` (appearance `field-list`: one page, as in the portal), its intro a `note`
  row named `<section>-intro` at its start; conditions are `relevant` expressions;
- single_choice is `select_one <question>` (appearance `minimal` for a dropdown), multiple_choice
  `select_multiple <question>`; each question's choices are the list named after it; min/max selected and
  exclusive choices are `constraint`s (exclusive choices are also marked in the `portal_exclusive` column);
- short_text and long_text are `text` (long: appearance `multiline`) with a `string-length(.)` constraint,
  number is `integer` or `decimal`, date `date`, with min and max as constraints; email is `text` with a
  `regex()` constraint;
- a matrix is a group (appearance `table-list`) of `select_one <question>` rows named `<question>__<row>`;
  a number_table a group (appearance `field-list`) of `integer`/`decimal` rows named the same way; when its
  rows come from an earlier multiple-choice question (`rows_from`), there is one row per choice of that
  question, relevant when it is picked: `selected(${source}, 'choice')`;
- texts are `label::<language>` and `hint::<language>` columns, a language named the XLSForm way with its
  code in brackets (`label::English (en)`, `label::French (fr)`), the first language being the
  `default_language` setting;
- what XLSForm has no place for is kept in extra columns that other tools ignore: `portal::added`,
  `portal::note` and `portal::personal` (survey sheet), `portal_exclusive` (choices sheet: pyxform 4.5
  fails to build an XForm when a choices column holds `::`), `portal::privacy_statement_url`,
  `portal::source`, `portal::note` and `portal::title::<language>` (settings).

Conditions are written so that they read back to the same structure: a single `{question, in}` is
`selected(${q}, 'a') or selected(${q}, 'b')`, and each part of an `all` or `any` is put in brackets
(`(A) and (B)`), with `and true()` / `or false()` after a part that stands alone.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections import Counter
from decimal import Decimal
from typing import Any

from django.conf.locale import LANG_INFO
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pyxform import aliases, constants
from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from .definition import FORMAT, DefinitionError, validate_definition, with_defaults

SURVEY_INTRO = "survey-intro"
INTRO_SUFFIX = "-intro"
ROW_SEPARATOR = "__"
EMAIL_REGEX = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
EXCLUSIVE_COLUMN = "portal_exclusive"
MAX_CELL_CHARACTERS = 32_767  # what one cell of a spreadsheet holds
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to more than this

SELECT_ONE = constants.SELECT_ONE  # pyxform's names of the types, after its aliases
SELECT_MULTIPLE = constants.SELECT_ALL_THAT_APPLY
GROUP, REPEAT = constants.GROUP, constants.REPEAT
SURVEY_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


# Writing


def definition_to_xlsform(definition: dict) -> tuple[bytes, list[str]]:
    """The definition as an XLSForm workbook (.xlsx bytes), and what XLSForm cannot carry exactly.

    Raises DefinitionError when the definition is not valid.
    """
    problems = validate_definition(definition)
    if problems:
        raise DefinitionError(problems)
    writer = _Writer(with_defaults(definition))
    return writer.workbook(), writer.notes


def condition_to_xpath(condition: dict) -> str:
    """A condition of the portal's format as an XLSForm `relevant` expression (see the module's doc)."""
    if "all" in condition:
        return _join([condition_to_xpath(part) for part in condition["all"]], "and", "true()")
    if "any" in condition:
        return _join([condition_to_xpath(part) for part in condition["any"]], "or", "false()")
    return " or ".join(_selected(condition["question"], choice) for choice in condition["in"])


def _join(terms: list[str], operator: str, neutral: str) -> str:
    terms = [f"({term})" for term in terms]
    if len(terms) == 1:
        terms.append(neutral)
    return f" {operator} ".join(terms)


def _selected(question: str, choice: str) -> str:
    return f"selected(${{{question}}}, '{choice}')"


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")  # XPath has no exponent notation


class _Writer:
    def __init__(self, data: dict):
        self.data = data
        self.languages: list[str] = data["languages"]
        self.columns = [language_column(language) for language in self.languages]
        self.translations: dict[str, dict[str, str]] = data["translations"]
        self.questions = {
            question["name"]: question for section in data["sections"] for question in section["questions"]
        }
        self.paths = {
            question["name"]: f"sections.{section['name']}.questions.{question['name']}"
            for section in data["sections"]
            for question in section["questions"]
        }
        self.notes: list[str] = []
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.untranslated: Counter[str] = Counter()
        self.changed_by_readers: list[str] = []
        self.too_long: list[str] = []
        self.portal_marks: list[str] = []
        self.personal: list[str] = []
        self.hidden_help: list[str] = []
        self._build()

    # Texts

    def texts(self, column: str, path: str, text: str, count: bool = True) -> dict[str, str]:
        """The cells of a text in every language: `label::English (en)`, `label::French (fr)` ..."""
        first, *others = self.columns
        cells = {f"{column}::{first}": self.check(path, text)}
        for language, header in zip(self.languages[1:], others, strict=True):
            translated = self.translations.get(language, {}).get(path, "")
            if text and not translated and count:
                self.untranslated[language] += 1
            cells[f"{column}::{header}"] = self.check(f"{path} ({language})", translated)
        return cells

    def check(self, where: str, text: str) -> str:
        if text != text.strip() or "\xa0" in text:
            self.changed_by_readers.append(where)
        if len(text) > MAX_CELL_CHARACTERS:
            self.too_long.append(where)
        return text

    def portal(self, item: dict, what: str) -> dict[str, str]:
        if item.get("added") or item.get("note"):
            self.portal_marks.append(what)
        if item.get("personal"):
            self.personal.append(item["name"])
        return {
            "portal::added": "yes" if item.get("added") else "",
            "portal::note": item.get("note", ""),
            "portal::personal": "yes" if item.get("personal") else "",
        }

    # Rows

    def _build(self) -> None:
        data = self.data
        if data["intro"]:
            self.survey.append(
                {"type": "note", "name": SURVEY_INTRO, **self.texts("label", "intro", data["intro"])}
            )
        for section in data["sections"]:
            at = f"sections.{section['name']}"
            self.survey.append(
                {
                    "type": "begin_group",
                    "name": section["name"],
                    **self.texts("label", f"{at}.title", section["title"]),
                    "relevant": condition_to_xpath(section["condition"]) if section["condition"] else "",
                    "appearance": "field-list",
                    **self.portal(section, f"section {section['name']}"),
                }
            )
            if section["intro"]:
                self.survey.append(
                    {
                        "type": "note",
                        "name": f"{section['name']}{INTRO_SUFFIX}",
                        **self.texts("label", f"{at}.intro", section["intro"]),
                    }
                )
            for question in section["questions"]:
                self.question(question, f"{at}.questions.{question['name']}")
            self.survey.append({"type": "end_group"})
        self._notes()

    def question(self, question: dict, here: str) -> None:
        name, kind = question["name"], question["type"]
        row = {
            "name": name,
            **self.texts("label", f"{here}.label", question["label"]),
            **self.texts("hint", f"{here}.help", question["help"]),
            "relevant": condition_to_xpath(question["condition"]) if question["condition"] else "",
            **self.portal(question, f"question {name}"),
        }
        required = "yes" if question["required"] else ""
        if kind == "single_choice":
            self.survey.append(
                {
                    **row,
                    "type": f"select_one {name}",
                    "required": required,
                    "appearance": "minimal" if question["widget"] == "dropdown" else "",
                }
            )
            self.choice_list(name, question["choices"], here)
        elif kind == "multiple_choice":
            clauses = []
            if question["min_selected"] is not None:
                clauses.append(f"count-selected(.) >= {question['min_selected']}")
            if question["max_selected"] is not None:
                clauses.append(f"count-selected(.) <= {question['max_selected']}")
            clauses += [
                f"not(selected(., '{choice['name']}') and count-selected(.) > 1)"
                for choice in question["choices"]
                if choice["exclusive"]
            ]
            self.survey.append(
                {
                    **row,
                    "type": f"select_multiple {name}",
                    "required": required,
                    "constraint": " and ".join(clauses),
                }
            )
            self.choice_list(name, question["choices"], here)
        elif kind in ("short_text", "long_text"):
            self.survey.append(
                {
                    **row,
                    "type": "text",
                    "required": required,
                    "constraint": f"string-length(.) <= {question['max_length']}",
                    "appearance": "multiline" if kind == "long_text" else "",
                }
            )
        elif kind == "email":
            self.survey.append(
                {**row, "type": "text", "required": required, "constraint": f"regex(., '{EMAIL_REGEX}')"}
            )
        elif kind in ("number", "date"):
            self.survey.append(
                {
                    **row,
                    "type": question.get("kind", "date"),
                    "required": required,
                    "constraint": _range(question),
                }
            )
        elif kind == "matrix":
            self.group(row, question, "table-list")
            for item in question["rows"]:
                self.survey.append(
                    {
                        "type": f"select_one {name}",
                        "name": f"{name}{ROW_SEPARATOR}{item['name']}",
                        **self.texts("label", f"{here}.rows.{item['name']}.label", item["label"]),
                        "required": required,
                    }
                )
            self.survey.append({"type": "end_group"})
            self.choice_list(name, question["choices"], here)
        elif kind == "number_table":
            self.group(row, question, "field-list")
            if "rows_from" in question:
                source = question["rows_from"]
                items = [
                    (
                        choice,
                        f"{self.paths[source]}.choices.{choice['name']}.label",
                        _selected(source, choice["name"]),
                    )
                    for choice in self.questions[source]["choices"]
                ]
            else:
                items = [(item, f"{here}.rows.{item['name']}.label", "") for item in question["rows"]]
            for item, path, relevant in items:
                self.survey.append(
                    {
                        "type": question["kind"],
                        "name": f"{name}{ROW_SEPARATOR}{item['name']}",
                        **self.texts("label", path, item["label"], count=not relevant),
                        "required": required,
                        "relevant": relevant,
                        "constraint": _range(question),
                    }
                )
            self.survey.append({"type": "end_group"})

    def group(self, row: dict, question: dict, appearance: str) -> None:
        """A matrix or number table: a group whose hint holds the question's help.

        pyxform shows the label and hint of a table-list group (a matrix) in a note it adds; other groups
        have no hint in an XForm.
        """
        if question["help"] and appearance != "table-list":
            self.hidden_help.append(question["name"])
        self.survey.append({**row, "type": "begin_group", "appearance": appearance})

    def choice_list(self, name: str, choices: list[dict], here: str) -> None:
        for choice in choices:
            self.choices.append(
                {
                    "list_name": name,
                    "name": choice["name"],
                    **self.texts("label", f"{here}.choices.{choice['name']}.label", choice["label"]),
                    EXCLUSIVE_COLUMN: "yes" if choice["exclusive"] else "",
                }
            )

    # What does not fit

    def _notes(self) -> None:
        data, notes = self.data, self.notes
        for question in self.questions.values():
            exclusive = [choice["name"] for choice in question.get("choices", []) if choice["exclusive"]]
            if exclusive:
                notes.append(
                    f"Question {question['name']}: exclusive choices ({', '.join(exclusive)}) are written as "
                    f"a constraint and in the {EXCLUSIVE_COLUMN} column; XLSForm tools refuse them together "
                    "with another choice but do not clear the other choices as the portal does."
                )
        if self.hidden_help:
            notes.append(
                "The help of number-table questions is the hint of their group, which ODK Collect and Enketo "
                f"do not show: {', '.join(self.hidden_help)}."
            )
        if self.portal_marks:
            notes.append(
                "Marks for coordinators (added by the portal, notes) have no place in XLSForm; they are kept "
                "in the portal::added and portal::note columns, which other tools ignore: "
                f"{', '.join(self.portal_marks)}."
            )
        if self.personal:
            notes.append(
                "Questions whose answers are personal data (removed when a respondent's data is erased) "
                "have no mark in XLSForm; they are marked in the portal::personal column, which other "
                f"tools ignore: {', '.join(self.personal)}."
            )
        kept = {
            "privacy_statement_url": "The privacy statement link",
            "source": "The survey's source",
            "note": "The note for coordinators",
        }
        for key, what in kept.items():
            if data[key]:
                notes.append(
                    f"{what} has no place in XLSForm; it is kept in the portal::{key} setting, "
                    "which other tools ignore."
                )
        titled = [
            language for language in self.languages[1:] if self.translations.get(language, {}).get("title")
        ]
        if titled:
            notes.append(
                "XLSForm's form_title has one language; the title's translations are kept in the "
                f"portal::title::<language> settings ({', '.join(titled)})."
            )
        for language, count in self.untranslated.items():
            notes.append(
                f"{count} texts have no translation in {language}: their cells are empty, and XLSForm tools "
                f"show '-' where the portal shows the text in {self.languages[0]}."
            )
        if self.changed_by_readers:
            notes.append(
                "XLSForm readers (pyxform, so the portal's import too) remove spaces at the start and end of "
                "a cell and turn non-breaking spaces into spaces; these texts will come back changed: "
                f"{', '.join(dict.fromkeys(self.changed_by_readers))}."
            )
        if self.too_long:
            notes.append(
                f"A spreadsheet cell holds at most {MAX_CELL_CHARACTERS} characters, and these texts "
                f"are longer: {', '.join(self.too_long)}."
            )
        names = Counter(row["name"] for row in self.survey if row.get("name"))
        notes += [
            f"The XLSForm name {name} is used {count} times (section, question or table row); XLSForm "
            "tools, and the portal's import, may refuse the workbook or refer to the wrong one."
            for name, count in names.items()
            if count > 1
        ]

    # The workbook

    def workbook(self) -> bytes:
        texts = [f"{column}::{language}" for column in ("label", "hint") for language in self.columns]
        labels = [f"label::{language}" for language in self.columns]
        settings = {
            "form_title": self.data["title"],
            "form_id": self.data["name"],
            "default_language": self.columns[0],
            **{f"portal::{key}": self.data[key] for key in ("privacy_statement_url", "source", "note")},
            **{
                f"portal::title::{language}": self.translations.get(language, {}).get("title", "")
                for language in self.languages[1:]
            },
        }
        book = Workbook()
        _sheet(
            book.active,
            "survey",
            [
                "type",
                "name",
                *texts,
                "required",
                "relevant",
                "constraint",
                "appearance",
                "portal::added",
                "portal::note",
                "portal::personal",
            ],
            self.survey,
            self.notes,
        )
        _sheet(
            book.create_sheet(),
            "choices",
            ["list_name", "name", *labels, EXCLUSIVE_COLUMN],
            self.choices,
            self.notes,
        )
        _sheet(book.create_sheet(), "settings", list(settings), [settings], self.notes)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def language_column(code: str) -> str:
    """How XLSForm names a language in its columns: `English (en)`, the code in brackets."""
    name = LANG_INFO.get(code.lower(), {}).get("name") or code
    return f"{name} ({code})"


def _range(question: dict) -> str:
    if question["type"] == "date":
        bounds = [f"date('{question[key]}')" if question[key] is not None else None for key in ("min", "max")]
    else:
        bounds = [_number(question[key]) if question[key] is not None else None for key in ("min", "max")]
    return " and ".join(
        f". {operator} {bound}"
        for operator, bound in zip((">=", "<="), bounds, strict=True)
        if bound is not None
    )


def _sheet(sheet, title: str, header: list[str], rows: list[dict], notes: list[str]) -> None:
    sheet.title = title
    sheet.append(header)
    for values in rows:
        sheet.append([None] * len(header))
        for column, key in enumerate(header, start=1):
            value = values.get(key) or None
            if value is None:
                continue
            if ILLEGAL_CHARACTERS_RE.search(value):
                notes.append(
                    f"Control characters cannot be written in a spreadsheet; removed from {value[:40]!r}."
                )
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=sheet.max_row, column=column, value=value)
            if value.startswith("="):
                cell.data_type = "s"  # a text, not a formula


# Reading


def xlsform_to_definition(xlsx: bytes) -> tuple[dict, list[str]]:
    """An XLSForm workbook (.xlsx bytes) as a definition of the portal's format, and what it cannot carry.

    pyxform reads the workbook and checks it (it must convert to an XForm); DefinitionError says why when
    it does not. The definition returned is not validated: run validate_definition() on it.
    """
    _check_archive(xlsx)
    warnings: list[str] = []
    try:
        workbook = get_xlsform(xlsform=io.BytesIO(xlsx), file_type=".xlsx")
        form = workbook_to_json(workbook_dict=copy.deepcopy(workbook), warnings=warnings)
        create_survey_element_from_dict(copy.deepcopy(form)).to_xml(validate=False, warnings=warnings)
    except PyXFormError as error:
        raise DefinitionError([f"The workbook is not a valid XLSForm: {error}"]) from error
    except Exception as error:  # pyxform fails on some malformed workbooks with errors of its own
        raise DefinitionError(
            [f"The workbook cannot be read as an XLSForm ({type(error).__name__}: {error})."]
        ) from error
    reader = _Reader(workbook, form)
    reader.notes += [f"pyxform: {warning}" for warning in warnings]
    return reader.definition, reader.notes


def _check_archive(xlsx: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DefinitionError(["The file is not an .xlsx workbook (it is not a zip archive)."]) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise DefinitionError(
            [
                f"The workbook unpacks to {unpacked // 1_000_000} MB; at most "
                f"{MAX_UNPACKED_BYTES // 1_000_000} MB is read."
            ]
        )


class _Unsupported(ValueError):
    pass


TOKENS = re.compile(
    r"""\s*(?:
    (?P<selected>selected\(\s*\$\{(?P<sq>[^}]+)\}\s*,\s*(?P<sc>'[^']*'|"[^"]*")\s*\))
  | (?P<equals>\$\{(?P<eq>[^}]+)\}\s*=\s*(?P<ec>'[^']*'|"[^"]*"))
  | (?P<true>true\(\s*\)) | (?P<false>false\(\s*\))
  | (?P<open>\() | (?P<close>\)) | (?P<and>and\b) | (?P<or>or\b)
)""",
    re.VERBOSE,
)


def xpath_to_condition(expression: str) -> dict:
    """A `relevant` expression as a condition of the portal's format; ValueError when it has no such form.

    Reads what condition_to_xpath() writes, and also hand-written `selected(${q}, 'a')`, `${q} = 'a'`
    combined with and, or and brackets.
    """
    tokens, position = [], 0
    expression = expression.strip()
    while position < len(expression):
        match = TOKENS.match(expression, position)
        if not match or match.end() == position:
            raise _Unsupported(expression)
        kind = next(
            name
            for name in ("selected", "equals", "true", "false", "open", "close", "and", "or")
            if match.group(name) is not None
        )
        if kind in ("selected", "equals"):
            question, choice = (
                (match.group("sq"), match.group("sc"))
                if kind == "selected"
                else (match.group("eq"), match.group("ec"))
            )
            tokens.append(("sel", question.strip(), choice[1:-1]))
        else:
            tokens.append((kind,))
        position = match.end()
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.position != len(tokens):
        raise _Unsupported(expression)
    return _to_condition(tree)


class _Parser:
    """or-expression := and-expression (or and-expression)*; and-expression := primary (and primary)*."""

    def __init__(self, tokens: list[tuple]):
        self.tokens, self.position = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def expression(self) -> tuple:
        return self._chain("or", self._and)

    def _and(self) -> tuple:
        return self._chain("and", self._primary)

    def _chain(self, operator: str, operand) -> tuple:
        parts = [operand()]
        while self.peek() == operator:
            self.position += 1
            parts.append(operand())
        return parts[0] if len(parts) == 1 else (operator, parts)

    def _primary(self) -> tuple:
        kind = self.peek()
        if kind == "open":
            self.position += 1
            inner = self.expression()
            if self.peek() != "close":
                raise _Unsupported("unbalanced brackets")
            self.position += 1
            return ("paren", inner)
        if kind in ("sel", "true", "false"):
            self.position += 1
            return self.tokens[self.position - 1]
        raise _Unsupported(f"unexpected {kind}")


def _to_condition(node: tuple) -> dict:
    kind = node[0]
    if kind == "paren":
        return _to_condition(node[1])
    if kind == "sel":
        return {"question": node[1], "in": [node[2]]}
    if kind in ("and", "or"):
        neutral = ("true",) if kind == "and" else ("false",)
        parts = [part for part in node[1] if part != neutral]
        if not parts:
            raise _Unsupported("a constant condition")
        if kind == "or" and all(part[0] == "sel" for part in parts) and len({part[1] for part in parts}) == 1:
            return {"question": parts[0][1], "in": list(dict.fromkeys(part[2] for part in parts))}
        return {"all" if kind == "and" else "any": [_to_condition(part) for part in parts]}
    raise _Unsupported("a constant condition")


def _split_and(expression: str) -> list[str]:
    """The parts of an expression joined by `and` outside brackets and quotes."""
    parts, depth, quote, start, position = [], 0, None, 0, 0
    separator = re.compile(r"\s+and\s+")
    while position < len(expression):
        character = expression[position]
        if quote:
            quote = None if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0 and (match := separator.match(expression, position)):
            parts.append(expression[start:position])
            start = position = match.end()
            continue
        position += 1
    parts.append(expression[start:])
    return [part.strip() for part in parts if part.strip()]


NUMBER = r"(-?\d+(?:\.\d+)?)"
CLAUSES = {
    "min": re.compile(rf"\.\s*>=\s*{NUMBER}"),
    "max": re.compile(rf"\.\s*<=\s*{NUMBER}"),
    "min_date": re.compile(r"\.\s*>=\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)"),
    "max_date": re.compile(r"\.\s*<=\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)"),
    "min_selected": re.compile(r"count-selected\(\s*\.\s*\)\s*>=\s*(\d+)"),
    "max_selected": re.compile(r"count-selected\(\s*\.\s*\)\s*<=\s*(\d+)"),
    "max_length": re.compile(r"string-length\(\s*\.\s*\)\s*<=\s*(\d+)"),
    "regex": re.compile(r"regex\(\s*\.\s*,\s*'(.*)'\s*\)"),
    "exclusive": re.compile(
        r"not\(\s*selected\(\s*\.\s*,\s*'([^']*)'\s*\)\s+and\s+count-selected\(\s*\.\s*\)\s*>\s*1\s*\)"
    ),
}


def _clauses(constraint: str, accepted: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The constraint's clauses of the kinds accepted, and the clauses left over."""
    found: dict[str, list[str]] = {}
    left = []
    for part in _split_and(constraint or ""):
        for kind in accepted:
            match = CLAUSES[kind].fullmatch(part)
            if match:
                found.setdefault(kind, []).append(match.group(1))
                break
        else:
            left.append(part)
    return found, left


def _as_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _language_code(key: str) -> str | None:
    key = key.strip()
    if LANGUAGE_PATTERN.fullmatch(key):
        return key
    match = re.search(r"\(([^()]+)\)\s*$", key)
    if match and LANGUAGE_PATTERN.fullmatch(match.group(1).strip()):
        return match.group(1).strip()
    for code, info in LANG_INFO.items():
        if info.get("name", "").lower() == key.lower() and LANGUAGE_PATTERN.fullmatch(code):
            return code
    return None


TEXT_COLUMN = re.compile(r"^(label|hint)(?:\s*::\s*(.+))?$")
PORTAL_COLUMN = re.compile(r"^portal\s*::\s*([a-z_]+)(?:\s*::\s*(.+))?$")
GENERATED_PREFIXES = ("generated_table_list_label_", "reserved_name_for_field_list_labels_")
KNOWN_KEYS = {
    "type",
    "name",
    "label",
    "hint",
    "bind",
    "control",
    "children",
    "choices",
    "itemset",
    "list_name",
    "parameters",
    "portal",
}
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
    "instanceID",
}


def _yes(value: Any) -> bool | None:
    """True or False for XLSForm's yes/no values, None for anything else (an expression)."""
    if value in (None, ""):
        return False
    return aliases.yes_no.get(str(value).strip())


class _Reader:
    def __init__(self, workbook, form: dict):
        self.notes: list[str] = []
        self.settings: dict[str, str] = dict((workbook.settings or [{}])[0])
        self.rows = self._index_rows(workbook.survey or [])
        self.choice_rows = {
            (
                str(row.get("list_name") or row.get("list name") or ""),
                str(row.get("name") or row.get("value") or ""),
            ): row
            for row in workbook.choices or []
        }
        self._languages(workbook)
        self.translations: dict[str, dict[str, str]] = {language: {} for language in self.languages[1:]}
        self.earlier: dict[str, dict] = {}
        self.definition = self._survey(form)
        for sheet in ("external_choices", "entities", "osm"):
            if getattr(workbook, sheet, None):
                self.notes.append(f"The {sheet} sheet cannot be carried; left out.")

    # The workbook's rows: texts are read from the cells, not from pyxform's dict, which turns curly
    # quotes into straight ones and collapses runs of spaces.

    def _index_rows(self, rows: list[dict]) -> dict[tuple, tuple[int, dict]]:
        index: dict[tuple, tuple[int, dict]] = {}
        path: list[str] = []
        for number, row in enumerate(rows, start=2):
            kind = re.sub(r"[\s_]+", " ", str(row.get("type", "")).strip().lower())
            name = str(row.get("name", "")).strip()
            if kind.startswith("end "):
                if path:
                    path.pop()
                continue
            if kind.startswith("begin "):
                path.append(name)
                index.setdefault(tuple(path), (number, row))
            elif name:
                index.setdefault((*path, name), (number, row))
        return index

    def _languages(self, workbook) -> None:
        keys: list[str] = []
        for header in (workbook.survey_header or [{}])[:1] + (workbook.choices_header or [{}])[:1]:
            for column in header:
                match = TEXT_COLUMN.match(column.strip())
                if match:
                    key = match.group(2) or constants.DEFAULT_LANGUAGE_VALUE
                    if key not in keys:
                        keys.append(key)
        default = str(self.settings.get("default_language") or "").strip()
        default_code = _language_code(default) if default else None
        if default and not default_code:
            self.notes.append(
                f"The default_language {default!r} has no language code the portal understands; the first "
                "language of the label columns is taken as the survey's first language."
            )
        self.codes: dict[str, str | None] = {}
        for key in keys:
            if key == constants.DEFAULT_LANGUAGE_VALUE:
                code = default_code
                if code is None:
                    code = "en"
                    self.notes.append(
                        "The workbook does not say the language of its label and hint columns; "
                        "taken as English (en)."
                    )
            else:
                code = _language_code(key)
                if code is None:
                    self.notes.append(
                        f"The language {key!r} of the columns label::{key} and hint::{key} has no "
                        "language code the portal understands; its texts are left out."
                    )
            self.codes[key] = code
        codes = [code for code in self.codes.values() if code]
        if default_code and default_code in codes:
            codes.remove(default_code)
            codes.insert(0, default_code)
        self.languages = list(dict.fromkeys(codes)) or ["en"]

    def row(self, path: tuple) -> tuple[int | None, dict]:
        return self.rows.get(path, (None, {}))

    def texts(self, row: dict, column: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for key, value in row.items():
            match = TEXT_COLUMN.match(key.strip())
            if match and match.group(1) == column and value not in (None, ""):
                code = self.codes.get(match.group(2) or constants.DEFAULT_LANGUAGE_VALUE)
                if code and (match.group(2) or code not in found):  # label::en wins over a plain label
                    found[code] = str(value)
        return found

    def text(self, row: dict, column: str, path: str) -> str:
        """The text in the first language; the others go to the translations under `path`."""
        texts = self.texts(row, column)
        for language in self.languages[1:]:
            if texts.get(language):
                self.translations[language][path] = texts[language]
        return texts.get(self.languages[0], "")

    def portal(self, row: dict, where: str, question: bool = True) -> dict[str, Any]:
        found: dict[str, Any] = {}
        marks = ("added", "personal") if question else ("added",)
        for key, value in row.items():
            match = PORTAL_COLUMN.match(key.strip())
            if not match or value in (None, ""):
                continue
            if match.group(1) in marks and not match.group(2):
                marked = _yes(value)
                if marked is None:
                    self.notes.append(f"{where}: {key} {value!r} is not yes or no; left out.")
                found[match.group(1)] = bool(marked)
            elif match.group(1) == "note" and not match.group(2):
                found["note"] = str(value)
            elif match.group(1) == "personal" and not match.group(2):
                self.notes.append(f"{where}: {key} marks questions, not groups; left out.")
            else:
                self.notes.append(f"{where}: the column {key} is not one the portal knows; left out.")
        return found

    # The survey

    def _survey(self, form: dict) -> dict:
        settings = self.settings
        title = str(settings.get("form_title") or settings.get("title") or "").strip()
        name = self._survey_name(
            str(settings.get("form_id") or settings.get("id_string") or "").strip(), title
        )
        if not title:
            title = name
            self.notes.append(f"The settings sheet has no form_title; the title is the form's name, {name}.")
        definition: dict[str, Any] = {
            "format": FORMAT,
            "name": name,
            "title": title,
            "languages": self.languages,
        }
        for key, value in settings.items():
            match = PORTAL_COLUMN.match(key.strip())
            if value in (None, "") or key in (
                "form_title",
                "title",
                "form_id",
                "id_string",
                "default_language",
            ):
                continue
            if match and match.group(1) in ("privacy_statement_url", "source", "note") and not match.group(2):
                definition[match.group(1)] = str(value)
            elif match and match.group(1) == "title" and match.group(2):
                code = _language_code(match.group(2))
                if code in self.translations:
                    self.translations[code]["title"] = str(value)
                else:
                    self.notes.append(
                        f"The setting {key}: {match.group(2)!r} is not one of the survey's further "
                        "languages; left out."
                    )
            else:
                self.notes.append(f"The setting {key} ({value}) cannot be carried; left out.")

        sections: list[dict] = []
        loose: list[dict] = []  # questions outside any group, gathered into a section of their own
        for element in form.get("children", []):
            if element.get("name") == "meta" and element.get("control", {}).get("bodyless"):
                continue  # pyxform adds it (the instance ID)
            path = (element["name"],)
            if element["type"] == "note" and element["name"] == SURVEY_INTRO and not sections and not loose:
                definition["intro"] = self.text(self.row(path)[1], "label", "intro")
            elif element["type"] in (GROUP, REPEAT):
                self._loose_section(loose, sections)
                sections.append(self._section(element))
            else:
                loose.append(element)
        self._loose_section(loose, sections)
        definition["sections"] = sections
        translations = {language: texts for language, texts in self.translations.items() if texts}
        if translations:
            definition["translations"] = translations
        return definition

    def _survey_name(self, form_id: str, title: str) -> str:
        if SURVEY_NAME_PATTERN.fullmatch(form_id):
            return form_id
        name = re.sub(r"[^a-z0-9_-]+", "-", (form_id or title).lower()).strip("-_")
        name = (name if name[:1].isalpha() else f"survey-{name}").rstrip("-")[:63] or "survey"
        self.notes.append(
            f"The form_id {form_id!r} is not a name the portal accepts; the survey is named {name}."
        )
        return name

    def _loose_section(self, loose: list[dict], sections: list[dict]) -> None:
        if not loose:
            return
        name = f"section_{len(sections) + 1}"
        while any(section["name"] == name for section in sections):
            name += "_"
        self.notes.append(
            f"Questions outside any group ({', '.join(element['name'] for element in loose)}) are put "
            f"in a section of their own, {name}."
        )
        section = {"name": name, "title": "Questions", "questions": []}
        for element in loose:
            self._element(element, (), section, None)
        loose.clear()
        sections.append(section)

    def _section(self, element: dict) -> dict:
        name = element["name"]
        path = (name,)
        number, row = self.row(path)
        at = f"sections.{name}"
        where = f"Row {number}, group {name}"
        if element["type"] == REPEAT:
            self.notes.append(
                f"{where}: repeats cannot be carried; its questions are imported once, not repeated."
            )
        section: dict[str, Any] = {"name": name, "title": self.text(row, "label", f"{at}.title")}
        if not section["title"]:
            section["title"] = name
            self.notes.append(f"{where} has no label; the section's title is its name.")
        self._unknown(element, where, bind={"relevant"}, control={"appearance"})
        condition = self._condition(element, where)
        if condition:
            section["condition"] = condition
        section |= self.portal(row, where, question=False)
        children = list(element.get("children", []))
        if children and children[0]["type"] == "note" and children[0]["name"] == f"{name}{INTRO_SUFFIX}":
            section["intro"] = self.text(
                self.row((*path, children.pop(0)["name"]))[1], "label", f"{at}.intro"
            )
        elif self.texts(row, "hint"):
            section["intro"] = self.text(row, "hint", f"{at}.intro")
        section["questions"] = []
        for child in children:
            self._element(child, path, section, None)
        return section

    def _element(self, element: dict, path: tuple, section: dict, inherited: dict | None) -> None:
        kind, name = element["type"], element["name"]
        if name.startswith(GENERATED_PREFIXES):
            return  # what pyxform adds to a table-list group
        here = (*path, name)
        if kind in (GROUP, REPEAT):
            if kind == GROUP and (question := self._table(element, here, section)):
                self._add(question, section, inherited)
                return
            number = self.row(here)[0]
            what = (
                "repeats cannot be carried" if kind == REPEAT else "groups within a section cannot be carried"
            )
            self.notes.append(
                f"Row {number}, {kind} {name}: {what}; its questions are imported into section "
                f"{section['name']}{' once, not repeated' if kind == REPEAT else ''}"
                f"{', with its condition added to theirs' if element.get('bind', {}).get('relevant') else ''}"
                f"{', and its label is left out' if self.texts(self.row(here)[1], 'label') else ''}."
            )
            condition = self._condition(element, f"Row {number}, {kind} {name}")
            for child in element.get("children", []):
                self._element(child, here, section, _both(inherited, condition))
            return
        question = self._question(element, here, section)
        if question:
            self._add(question, section, inherited)

    def _add(self, question: dict, section: dict, inherited: dict | None) -> None:
        if inherited:
            question["condition"] = _both(inherited, question.get("condition"))
        section["questions"].append(question)
        self.earlier.setdefault(question["name"], question)

    def _condition(self, element: dict, where: str) -> dict | None:
        relevant = str(element.get("bind", {}).get("relevant") or "").strip()
        if not relevant:
            return None
        try:
            return xpath_to_condition(relevant)
        except ValueError:
            self.notes.append(
                f"{where}: the condition {relevant!r} cannot be carried (the portal's conditions "
                "are choices picked in earlier questions); it is always shown."
            )
            return None

    def _unknown(self, element: dict, where: str, bind: set[str], control: set[str]) -> None:
        """Report the columns of a row that the portal does not read."""
        left = sorted(
            key for key, value in element.items() if key not in KNOWN_KEYS and value not in (None, "", {}, [])
        )
        left += sorted(
            f"{key}" for key, value in element.get("bind", {}).items() if key not in bind and value
        )
        left += sorted(
            f"{key}" for key, value in element.get("control", {}).items() if key not in control and value
        )
        if left:
            self.notes.append(f"{where}: {', '.join(left)} cannot be carried; left out.")

    def _required(self, element: dict, where: str) -> bool:
        value = element.get("bind", {}).get("required")
        required = _yes(value)
        if required is None:
            self.notes.append(
                f"{where}: required only when {value!r} cannot be carried; the question is optional."
            )
            return False
        return required

    def _appearance(self, element: dict, where: str, accepted: dict[str, Any]) -> Any:
        appearance = str(element.get("control", {}).get("appearance") or "").strip()
        if appearance not in accepted:
            self.notes.append(f"{where}: the appearance {appearance!r} cannot be carried; left out.")
            appearance = ""
        return accepted[appearance]

    def _choices(self, element: dict, question: str, at: str, where: str) -> list[dict] | None:
        list_name = str(element.get("list_name") or element.get("itemset") or "")
        if "choices" not in element:
            self.notes.append(
                f"{where}: choices from {list_name!r} (a file or another source) cannot be carried; "
                "the question is left out."
            )
            return None
        choices = []
        for option in element["choices"]:
            row = self.choice_rows.get((list_name, str(option["name"])), {})
            choice = {
                "name": str(option["name"]),
                "label": self.text(row, "label", f"{at}.choices.{option['name']}.label"),
            }
            exclusive = _yes(row.get(EXCLUSIVE_COLUMN))
            if exclusive:
                choice["exclusive"] = True
            elif exclusive is None:
                self.notes.append(
                    f"{where}: {EXCLUSIVE_COLUMN} {row.get(EXCLUSIVE_COLUMN)!r} of choice "
                    f"{option['name']} is not yes or no; left out."
                )
            extra = sorted(
                key
                for key, value in option.items()
                if key not in ("name", "label", EXCLUSIVE_COLUMN) and value not in (None, "", {})
            )
            if extra:
                self.notes.append(
                    f"{where}: the columns {', '.join(extra)} of choice {option['name']} cannot be "
                    "carried; left out."
                )
            choices.append(choice)
        return choices

    def _question(self, element: dict, here: tuple, section: dict) -> dict | None:
        kind, name = element["type"], element["name"]
        number, row = self.row(here)
        where = f"Row {number}, {name}"
        if kind == "note":
            self.notes.append(
                f"{where}: notes are not questions; left out (the portal's sections and survey have "
                "an introduction instead)."
            )
            return None
        if kind == "calculate":
            calculation = element.get("bind", {}).get("calculate", "")
            self.notes.append(
                f"{where}: calculations cannot be carried; left out (calculation: {calculation})."
            )
            return None
        if kind not in (SELECT_ONE, SELECT_MULTIPLE, "text", "integer", "decimal", "date"):
            what = "metadata" if kind in METADATA_TYPES else "a question type the portal does not have"
            self.notes.append(f"{where}: the type {kind!r} is {what}; left out.")
            return None
        at = f"sections.{section['name']}.questions.{name}"
        question: dict[str, Any] = {"name": name, "type": "", "label": self.text(row, "label", f"{at}.label")}
        help_text = self.text(row, "hint", f"{at}.help")
        if help_text:
            question["help"] = help_text
        if self._required(element, where):
            question["required"] = True
        condition = self._condition(element, where)
        if condition:
            question["condition"] = condition
        question |= self.portal(row, where)
        self._unknown(element, where, bind={"required", "relevant", "constraint"}, control={"appearance"})
        constraint = str(element.get("bind", {}).get("constraint") or "")

        if kind == SELECT_ONE:
            question["type"] = "single_choice"
            widget = self._appearance(element, where, {"": None, "minimal": "dropdown"})
            if widget:
                question["widget"] = widget
            found, left = _clauses(constraint, set())
        elif kind == SELECT_MULTIPLE:
            question["type"] = "multiple_choice"
            self._appearance(element, where, {"": None})
            found, left = _clauses(constraint, {"min_selected", "max_selected", "exclusive"})
            for key in ("min_selected", "max_selected"):
                if key in found:
                    question[key] = int(found[key][-1])
        elif kind == "text":
            multiline = self._appearance(element, where, {"": False, "multiline": True})
            found, left = _clauses(constraint, {"max_length", "regex"})
            email = found.get("regex") == [EMAIL_REGEX]
            if "regex" in found and not email:
                left += [f"regex(., '{pattern}')" for pattern in found["regex"]]
            question["type"] = (
                "email" if email and not multiline else "long_text" if multiline else "short_text"
            )
            if "max_length" in found:
                if question["type"] == "email":
                    left.append(f"string-length(.) <= {found['max_length'][-1]}")
                else:
                    question["max_length"] = int(found["max_length"][-1])
        elif kind in ("integer", "decimal"):
            question["type"], question["kind"] = "number", kind
            self._appearance(element, where, {"": None})
            found, left = _clauses(constraint, {"min", "max"})
            question |= {key: _as_number(values[-1]) for key, values in found.items()}
        else:
            question["type"] = "date"
            self._appearance(element, where, {"": None})
            found, left = _clauses(constraint, {"min_date", "max_date"})
            question |= {key.removesuffix("_date"): values[-1] for key, values in found.items()}
        if left:
            self.notes.append(f"{where}: the constraint {' and '.join(left)!r} cannot be carried; left out.")

        if kind in (SELECT_ONE, SELECT_MULTIPLE):
            choices = self._choices(element, name, at, where)
            if choices is None:
                return None
            for choice_name in found.get("exclusive", []):
                for choice in choices:
                    if choice["name"] == choice_name:
                        choice["exclusive"] = True
            question["choices"] = choices
        return question

    def _table(self, element: dict, here: tuple, section: dict) -> dict | None:
        """A group read back as a matrix (select_one rows sharing a list) or a number table, or None."""
        name = element["name"]
        children = [
            child for child in element.get("children", []) if not child["name"].startswith(GENERATED_PREFIXES)
        ]
        kinds = {child["type"] for child in children}
        prefix = f"{name}{ROW_SEPARATOR}"
        named = all(
            child["name"].startswith(prefix) and len(child["name"]) > len(prefix) for child in children
        )
        number, row = self.row(here)
        appearance = str(row.get("appearance") or "").strip()  # pyxform turns table-list into field-list
        if not children:
            return None
        if (
            kinds == {SELECT_ONE}
            and (named or appearance == "table-list")
            and len({child.get("list_name") for child in children}) == 1
        ):
            kind = "matrix"
        elif kinds in ({"integer"}, {"decimal"}) and named:
            kind = "number_table"
        else:
            return None
        where = f"Row {number}, {name}"
        at = f"sections.{section['name']}.questions.{name}"
        question: dict[str, Any] = {
            "name": name,
            "type": kind,
            "label": self.text(row, "label", f"{at}.label"),
        }
        help_text = self.text(row, "hint", f"{at}.help")
        if help_text:
            question["help"] = help_text
        condition = self._condition(element, where)
        if condition:
            question["condition"] = condition
        question |= self.portal(row, where)
        self._unknown(element, where, bind={"relevant"}, control={"appearance"})
        if appearance not in ("", "field-list", "table-list"):
            self.notes.append(f"{where}: the appearance {appearance!r} cannot be carried; left out.")

        rows, relevants, constraints, required = [], [], set(), set()
        for child in children:
            row_name = child["name"][len(prefix) :] if named else child["name"]
            child_number, child_row = self.row((*here, child["name"]))
            child_where = f"Row {child_number}, {child['name']}"
            rows.append({"name": row_name, "row": child_row})
            required.add(self._required(child, child_where))
            relevants.append(str(child.get("bind", {}).get("relevant") or "").strip())
            constraints.add(str(child.get("bind", {}).get("constraint") or "").strip())
            control = (
                {"appearance"} if child.get("control", {}).get("appearance") == "list-nolabel" else set()
            )
            self._unknown(child, child_where, bind={"required", "relevant", "constraint"}, control=control)
            if self.texts(child_row, "hint"):
                self.notes.append(f"{child_where}: the hint of a row cannot be carried; left out.")
        if len(required) > 1:
            self.notes.append(
                f"{where}: some rows are required and others not; the portal requires all rows or "
                "none, so none are."
            )
        if True in required and len(required) == 1:
            question["required"] = True

        if kind == "matrix":
            if any(relevants):
                self.notes.append(f"{where}: conditions on the rows of a matrix cannot be carried; left out.")
            if constraints - {""}:
                self.notes.append(
                    f"{where}: constraints on the rows of a matrix cannot be carried; left out."
                )
            choices = self._choices(children[0], name, at, where)
            if choices is None:
                return None
            question["choices"] = choices
            question["rows"] = [
                {
                    "name": item["name"],
                    "label": self.text(item["row"], "label", f"{at}.rows.{item['name']}.label"),
                }
                for item in rows
            ]
            return question

        question["kind"] = next(iter(kinds))
        if len(constraints) > 1:
            self.notes.append(f"{where}: the rows have different constraints; the first row's is kept.")
        found, left = _clauses(
            next(iter(constraints)) if len(constraints) == 1 else _first_constraint(children), {"min", "max"}
        )
        question |= {key: _as_number(values[-1]) for key, values in found.items()}
        if left:
            self.notes.append(f"{where}: the constraint {' and '.join(left)!r} cannot be carried; left out.")
        source = self._rows_from(name, rows, relevants)
        if source:
            question["rows_from"] = source
        else:
            if any(relevants):
                self.notes.append(
                    f"{where}: conditions on the rows of a number table cannot be carried (only rows "
                    "that are the choices of one earlier multiple-choice question); left out."
                )
            question["rows"] = [
                {
                    "name": item["name"],
                    "label": self.text(item["row"], "label", f"{at}.rows.{item['name']}.label"),
                }
                for item in rows
            ]
        return question

    def _rows_from(self, name: str, rows: list[dict], relevants: list[str]) -> str | None:
        """The earlier multiple-choice question whose choices the rows are, each shown when picked."""
        sources = set()
        for item, relevant in zip(rows, relevants, strict=True):
            try:
                condition = xpath_to_condition(relevant) if relevant else None
            except ValueError:
                return None
            if not condition or condition.get("in") != [item["name"]]:
                return None
            sources.add(condition["question"])
        if len(sources) != 1:
            return None
        source = self.earlier.get(next(iter(sources)))
        if not source or source["type"] != "multiple_choice":
            return None
        if [choice["name"] for choice in source["choices"]] != [item["name"] for item in rows]:
            return None
        return source["name"]


def _first_constraint(children: list[dict]) -> str:
    return str(children[0].get("bind", {}).get("constraint") or "")


def _both(first: dict | None, second: dict | None) -> dict | None:
    if first and second:
        return {"all": [first, second]}
    return first or second
