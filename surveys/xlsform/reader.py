"""Reading an XLSForm workbook back as a definition, through pyxform (the mapping is in the package's doc).

pyxform reads and checks the workbook; the reader then walks pyxform's form and takes the texts from the
workbook's own cells.
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf.locale import LANG_INFO
from pyxform import aliases, constants
from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from ..definition import FORMAT, DefinitionError, translatable_texts, validate_definition
from ..repeats import MAX_ITEMS
from ..types import question_type, registered
from ..types.base import QuestionType
from .layout import EXCLUSIVE_COLUMN, INTRO_SUFFIX, ROW_SEPARATOR, SURVEY_INTRO
from .shaping import ORIGINAL, REFERENCE, Shaper, portal_name
from .xpath import constraint_clauses, xpath_to_condition

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to more than this

GROUP, REPEAT = constants.GROUP, constants.REPEAT
SURVEY_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def xlsform_to_definition(content: bytes, name: str = "") -> tuple[dict, list[str]]:
    """An XLSForm (.xlsx, .xls or .csv bytes) as a definition of the portal's format, and what it cannot
    carry.

    The kind of file is read from its content (`name` only names it in messages). pyxform reads the form and
    checks it (it must convert to an XForm); DefinitionError says why when it does not, or when what the
    portal reads is not a valid definition (its problems name the sheet, row and column; its `notes` what
    was left out).
    """
    file_type = _file_type(content, name)
    warnings: list[str] = []
    try:
        workbook = get_xlsform(xlsform=io.BytesIO(content), file_type=file_type)
    except Exception as error:  # each format's reader fails in its own way
        raise DefinitionError([
            f"{name or 'The file'} is not an XLSForm: it is neither an .xlsx nor an .xls workbook, and as a "
            f".csv XLSForm it cannot be read ({error})." if file_type == ".csv" else
            f"{name or 'The file'} cannot be read as an {file_type} workbook ({error})."
        ]) from error
    try:
        form = workbook_to_json(workbook_dict=copy.deepcopy(workbook), warnings=warnings)
        create_survey_element_from_dict(copy.deepcopy(form)).to_xml(validate=False, warnings=warnings)
    except PyXFormError as error:
        raise DefinitionError([f"The file is not a valid XLSForm: {error}"]) from error
    except Exception as error:  # pyxform fails on some malformed workbooks with errors of its own
        raise DefinitionError(
            [f"The file cannot be read as an XLSForm ({type(error).__name__}: {error})."]
        ) from error
    try:
        reader = _Reader(workbook, form, Path(name).stem)
    except DefinitionError as error:
        error.notes = [*getattr(error, "notes", []), *(f"pyxform: {warning}" for warning in warnings)]
        raise
    reader.notes += [f"pyxform: {warning}" for warning in warnings]
    problems = validate_definition(reader.definition)
    if problems:
        error = DefinitionError([reader.located(problem) for problem in problems])
        error.notes = reader.notes
        raise error
    return reader.definition, reader.notes


XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: Excel 97-2003


def _file_type(content: bytes, name: str) -> str:
    """What pyxform reads the file as: a zip is .xlsx, an OLE2 file .xls, UTF-8 text .csv."""
    if content[:2] == b"PK":
        _check_archive(content)
        return ".xlsx"
    if content[:8] == XLS_SIGNATURE:
        return ".xls"
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DefinitionError(
            [f"{name or 'The file'} is neither an .xlsx nor an .xls workbook, nor a UTF-8 .csv XLSForm."]
        ) from error
    return ".csv"


def _check_archive(xlsx: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DefinitionError(["The file is not an .xlsx workbook: its zip archive is damaged."]) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise DefinitionError(
            [
                f"The workbook unpacks to {unpacked // 1_000_000} MB; at most "
                f"{MAX_UNPACKED_BYTES // 1_000_000} MB is read."
            ]
        )


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


TEXT_COLUMN = re.compile(r"^(label|hint)(?:\s*::?\s*(.+))?$", re.IGNORECASE)  # label:English too
PORTAL_COLUMN = re.compile(r"^portal\s*::\s*([a-z_]+)(?:\s*::\s*(.+))?$")
OTHER = "other"  # the choice pyxform adds for `or_other`
OR_OTHER_TYPE = re.compile(r"\s(or_other|or\s+specify\s+other)\s*$", re.IGNORECASE)
OR_OTHER = "portal_or_other"  # the key, in pyxform's element, of a row whose type ends with or_other
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
    ORIGINAL,
    OR_OTHER,
}
CONTINUED = "continued"  # a section the reader made for what follows a repeat inside a group
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


PIPED_TEXT = re.compile(r"^sections\.[^.]+\.questions\.[^.]+\.(label|help)$")  # texts that may show answers
PROBLEM_PATH = re.compile(
    r"^\$\.sections\[(?P<section>\d+)\](?:\.questions\[(?P<question>\d+)\])?"
    r"(?:\.(?:choices|rows)\[(?P<option>\d+)\])?(?:\.(?P<key>[a-z_]+))?(?P<what>.*)$"
)
PROBLEM_NAMED = re.compile(r"^(?P<kind>question|section) (?P<name>[a-z0-9_]+)")
XLSFORM_COLUMNS = {"name": "name", "label": "label", "title": "label", "help": "hint",
                   "condition": "relevant", "required_when": "required", "expression": "calculation",
                   "choices": "type (its list)"}


def _at(items: list[dict], position: str | None) -> dict | None:
    return items[int(position)] if position is not None and int(position) < len(items) else None


def _without_checks(meaning: dict | None) -> dict | None:
    if meaning is None:
        return None
    return {key: {k: v for k, v in value.items() if k != "constraint"} if key == "bind" else value
            for key, value in meaning.items() if key != "hint"}


def _choice_name(row: dict) -> str:
    return str(row.get("name") if row.get("name") not in (None, "") else row.get("value") or "")


def _text_language(column: str) -> str | None:
    """The language part of a label or hint column (`English (en)` of `label::English (en)`), "default"
    for a column without one, None for another column."""
    match = TEXT_COLUMN.match(column.strip())
    return (match.group(2) or constants.DEFAULT_LANGUAGE_VALUE) if match else None


def _yes(value: Any) -> bool | None:
    """True or False for XLSForm's yes/no values, None for anything else (an expression)."""
    if value in (None, ""):
        return False
    return aliases.yes_no.get(str(value).strip())


class _Reader:
    def __init__(self, workbook, form: dict, stem: str = ""):
        self.stem = stem
        self.notes: list[str] = []
        self.settings: dict[str, str] = dict((workbook.settings or [{}])[0])
        self.rows = self._index_rows(workbook.survey or [])
        self.choice_lists: dict[str, list[tuple[int, dict]]] = {}  # the choices sheet's rows, by list
        for number, row in enumerate(workbook.choices or [], start=2):
            list_name = str(row.get("list_name") or row.get("list name") or "")
            self.choice_lists.setdefault(list_name, []).append((number, row))
        self.choice_rows = {
            (list_name, _choice_name(row)): row
            for list_name, rows in self.choice_lists.items()
            for _number, row in rows
        }
        self.form_choices: dict[str, list[dict]] = form.get("choices") or {}
        self._languages(workbook)
        self.translations: dict[str, dict[str, str]] = {language: {} for language in self.languages[1:]}
        self.earlier: dict[str, dict] = {}
        # The names of each question's choices, the workbook's -> the portal's, and back where they differ
        self.choice_names: dict[str, dict[str, str]] = {}
        self.choice_originals: dict[str, dict[str, str]] = {}
        self.left_out: set[str] = set()  # the names of elements that pyxform made for a question read
        self.originals: dict[str, str] = {}  # portal name -> the workbook's, where they differ
        self.shaper = Shaper(self.rows, _text_language)
        self.shaper.shape(form)
        self._renamed_notes()
        self.counts = _repeat_counts(form)
        self.left_out |= set(self.counts)
        self.sections: list[dict] = []
        self.section: dict = {}  # the section questions are read into
        self.section_rows: dict[str, int | None] = {}
        self.question_rows: dict[str, int | None] = {}
        self.choice_row_numbers: dict[tuple[str, int], int | None] = {}  # (question, position) -> row
        self.definition = self._survey(form)
        for sheet in ("external_choices", "entities", "osm"):
            if getattr(workbook, sheet, None):
                self.notes.append(f"The {sheet} sheet cannot be carried; left out.")

    def _renamed_notes(self) -> None:
        self.originals = {new: original for _path, original, new in self.shaper.renamed}
        for path, made in self.shaper.unrolled:
            self.notes.append(f"Row {self.row(path)[0]}, loop {path[-1]}: the portal has no loop over a "
                              f"list; its questions are asked once per choice: {', '.join(made)}.")

    def located(self, problem: str) -> str:
        """A problem of the definition read, said of the workbook's sheet, row and column."""
        match = PROBLEM_PATH.match(problem)
        if match:
            section = _at(self.definition.get("sections", []), match["section"])
            question = _at(section["questions"], match["question"]) if section else None
            what = match["what"].strip(": ")
            if question and match["option"]:
                number = self.choice_row_numbers.get((question["name"], int(match["option"])))
                where = f"Sheet choices, row {number} (a choice of {question['name']})"
            elif question:
                name = question["name"]
                where = f"Sheet survey, row {self.question_rows.get(name)} ({name})"
            elif section:
                name = section["name"]
                where = f"Sheet survey, row {self.section_rows.get(name)} (group {name})"
            else:
                where = "Sheet survey"
            column = XLSFORM_COLUMNS.get(match["key"] or "", match["key"] or "")
            return f"{where}{f', column {column}' if column else ''}: {what}; change it so that it is."
        named = PROBLEM_NAMED.match(problem)
        if named:
            rows = self.question_rows if named["kind"] == "question" else self.section_rows
            return f"Sheet survey, row {rows.get(named['name'])}: {problem}"
        return f"Sheet survey: {problem}"

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
            if match and match.group(1).lower() == column and value not in (None, ""):
                code = self.codes.get(match.group(2) or constants.DEFAULT_LANGUAGE_VALUE)
                if code and (match.group(2) or code not in found):  # label::en wins over a plain label
                    found[code] = str(value)
        return found

    def text(self, row: dict, column: str, path: str) -> str:
        """The text in the first language; the others go to the translations under `path`."""
        texts = {language: self._piped(text, path) for language, text in self.texts(row, column).items()}
        for language in self.languages[1:]:
            if texts.get(language):
                self.translations[language][path] = texts[language]
        return texts.get(self.languages[0], "")

    def _piped(self, text: str, path: str) -> str:
        """`${q}` in a question's label or hint as the portal's `{{q}}` (an earlier answer shown); where the
        portal cannot show it, it is left out of the text, with a note."""
        pipes = PIPED_TEXT.search(path) is not None

        def piped(match: re.Match) -> str:
            name = self.shaper.names.get(match.group(1), match.group(1))
            if pipes and name in self.earlier:
                return f"{{{{{name}}}}}"
            self.notes.append(f"The text {text[:60]!r} shows the answer ${{{match.group(1)}}}, which the "
                              "portal cannot show there (only an earlier question's answer, in a question's "
                              "label or hint); left out of the text.")
            return ""

        return REFERENCE.sub(piped, text)

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
            elif match.group(1) == "repeat" and not match.group(2) and not question:
                continue  # read with the section (_repeat)
            else:
                self.notes.append(f"{where}: the column {key} is not one the portal knows; left out.")
        return found

    # The survey

    def _survey(self, form: dict) -> dict:
        settings = self.settings
        title = str(settings.get("form_title") or settings.get("title") or "").strip()
        name = self._survey_name(
            str(settings.get("form_id") or settings.get("id_string") or "").strip(), title or self.stem
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
            elif match and match.group(1) == "dashboard" and not match.group(2):
                self._dashboard(definition, str(value))
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

        loose: list[dict] = []  # questions outside any group, gathered into a section of their own
        for element in form.get("children", []):
            if element.get("name") == "meta" and element.get("control", {}).get("bodyless"):
                continue  # pyxform adds it (the instance ID)
            path = (element.get(ORIGINAL, element["name"]),)
            if element["type"] == "note" and path[0] == SURVEY_INTRO and not self.sections and not loose:
                definition["intro"] = self.text(self.row(path)[1], "label", "intro")
            elif element["type"] in (GROUP, REPEAT):
                self._loose_section(loose)
                self._section(element, (), None)
            elif element["name"] not in self.counts:
                loose.append(element)
        self._loose_section(loose)
        self._resolve()
        sections = self._kept_sections()
        definition["sections"] = sections
        definition["sections"] = sections
        kept = {path for path, text in translatable_texts(definition).items() if text}
        translations = {
            language: {path: text for path, text in texts.items() if path in kept}
            for language, texts in self.translations.items()
        }
        translations = {language: texts for language, texts in translations.items() if texts}
        if translations:
            definition["translations"] = translations
        return definition

    def _dashboard(self, definition: dict, value: str) -> None:
        try:
            definition["dashboard"] = json.loads(value)
        except ValueError:
            self.notes.append("The setting portal::dashboard is not JSON (a list of questions and titles); "
                              "left out.")

    def _survey_name(self, form_id: str, title: str) -> str:
        if SURVEY_NAME_PATTERN.fullmatch(form_id):
            return form_id
        name = re.sub(r"[^a-z0-9_-]+", "-", (form_id or title).lower()).strip("-_")
        name = (name if name[:1].isalpha() else f"survey-{name}").rstrip("-")[:63] or "survey"
        self.notes.append(
            f"The form_id {form_id!r} is not a name the portal accepts; the survey is named {name}."
            if form_id else f"The settings sheet has no form_id; the survey is named {name}."
        )
        return name

    def _loose_section(self, loose: list[dict]) -> None:
        if not loose:
            return
        name = portal_name(f"section_{len(self.sections) + 1}", self.shaper.taken)
        self.notes.append(
            f"Questions outside any group ({', '.join(element['name'] for element in loose)}) are put "
            f"in a section of their own, {name}."
        )
        self.section = {"name": name, "title": "Questions", "questions": []}
        self.sections.append(self.section)
        for element in loose:
            self._element(element, (), None)
        loose.clear()

    def _section(self, element: dict, path: tuple, inherited: dict | None) -> None:
        """A group or repeat as a section, and as many more as the repeats inside it need."""
        name = element["name"]
        path = (*path, element.get(ORIGINAL, name))
        number, row = self.row(path)
        at = f"sections.{name}"
        where = f"Row {number}, {element['type']} {name}"
        section: dict[str, Any] = {"name": name, "title": self.text(row, "label", f"{at}.title")}
        self.section_rows[name] = number
        if name in self.originals:
            section["note"] = f"Named in the XLSForm imported: {self.originals[name]!r}."
            self._renamed(number, name)
        if not section["title"]:
            section["title"] = name
            self.notes.append(f"{where} has no label; the section's title is its name.")
        self._unknown(element, where, bind={"relevant"}, control={"appearance", "jr:count"})
        if element["type"] == REPEAT:
            section["repeat"] = self._repeat(element, row, where)
        condition = _both(inherited, self._condition(element, where))
        if condition:
            section["condition"] = condition
        section |= self.portal(row, where, question=False)
        children = list(element.get("children", []))
        if (children and children[0]["type"] == "note"
                and children[0].get(ORIGINAL) == f"{path[-1]}{INTRO_SUFFIX}"):
            section["intro"] = self.text(
                self.row((*path, children.pop(0)[ORIGINAL]))[1], "label", f"{at}.intro"
            )
        elif self.texts(row, "hint"):
            section["intro"] = self.text(row, "hint", f"{at}.intro")
        section["questions"] = []
        self.sections.append(section)
        self.section = section
        for child in children:
            self._element(child, path, None)

    def _split(self, repeat: dict, path: tuple, inherited: dict | None) -> None:
        """A repeat inside a group's section: a repeated section of its own, the questions after it in a
        section that continues the group's."""
        outer = self.section
        self._section(repeat, path, _both(outer.get("condition"), inherited))
        name = portal_name(f"{outer['name']}_continued", self.shaper.taken)
        self.notes.append(
            f"Row {self.row((*path, repeat[ORIGINAL]))[0]}, repeat {repeat['name']}: a repeat inside group "
            f"{outer['name']} is a repeated section of its own; the questions after it are in section "
            f"{name}, with the group's title and condition."
        )
        self.section = {"name": name, "title": outer["title"], "questions": [], CONTINUED: True}
        if outer.get("condition"):
            self.section["condition"] = outer["condition"]
        for texts in self.translations.values():
            if f"sections.{outer['name']}.title" in texts:
                texts[f"sections.{name}.title"] = texts[f"sections.{outer['name']}.title"]
        self.sections.append(self.section)

    def _resolve(self) -> None:
        """Leave out what refers to a question not carried (or not asked before it): a condition is
        dropped (the question is always asked), a calculation loses its question."""
        asked: dict[str, dict] = {}
        for section in self.sections:
            number = self.section_rows.get(section["name"])
            if section.get("condition") and not self._holds_up(section["condition"], asked):
                self.notes.append(f"Row {number}, group {section['name']}: its condition refers to a "
                                  "question or choice the portal does not carry before it; the section is "
                                  "always shown.")
                del section["condition"]
            seen = dict(asked)
            for question in list(section["questions"]):
                where = f"Row {self.question_rows.get(question['name'])}, {question['name']}"
                for key, what in (("condition", "it is always asked"), ("required_when", "it is optional")):
                    if question.get(key) and not self._holds_up(question[key], seen):
                        self.notes.append(f"{where}: its {'condition' if key == 'condition' else 'required'} "
                                          "refers to a question or choice the portal does not carry before "
                                          f"it; {what}.")
                        del question[key]
                missing = [name for name in _referred(question.get("expression")) if name not in seen]
                if missing:
                    self.notes.append(f"{where}: its calculation reads {', '.join(missing)}, which the "
                                      "portal does not carry before it; the calculation is left out.")
                    section["questions"].remove(question)
                    continue
                seen[question["name"]] = question
            if not section.get("repeat"):
                asked = seen  # a repeated section's questions are read only within its items

    @staticmethod
    def _holds_up(condition: dict, seen: dict[str, dict]) -> bool:
        for key in ("all", "any"):
            if key in condition:
                return all(_Reader._holds_up(part, seen) for part in condition[key])
        if "not" in condition:
            return _Reader._holds_up(condition["not"], seen)
        target = seen.get(condition.get("question", ""))
        if target is None:
            return False
        if "in" in condition:
            try:
                names = {choice["name"] for choice in question_type(target).choices_of(target)}
            except (KeyError, TypeError, ValueError):
                return True  # validation says what is wrong
            names |= {"other"} if target.get("other") else set()
            return bool(names) and set(condition["in"]) <= names
        return True

    def _kept_sections(self) -> list[dict]:
        """The sections with questions; an empty one is left out (with a note, unless the reader made it)."""
        kept = []
        for section in self.sections:
            if section.pop(CONTINUED, False) and not section["questions"]:
                continue
            if section["questions"]:
                kept.append(section)
                continue
            number = self.section_rows.get(section["name"])
            where = f"Row {number}, group {section['name']}" if number else f"Section {section['name']}"
            self.notes.append(f"{where}: nothing in it is left once what the portal cannot carry is left out "
                              "(see the notes above); the section is left out.")
            for texts in self.translations.values():
                for key in [key for key in texts if key.startswith(f"sections.{section['name']}.")]:
                    del texts[key]
        if not kept:
            error = DefinitionError([
                "Sheet survey: no row holds a question the portal can carry (notes, metadata, calculations "
                "and the types noted are left out): add a question of a type the portal has, such as text, "
                "integer or select_one."
            ])
            error.notes = self.notes
            raise error
        return kept

    def _repeat(self, element: dict, row: dict, where: str) -> dict:
        """A repeat's bounds and words: the portal::repeat column where the portal wrote it; else a fixed
        repeat_count as both bounds, or no bounds but the portal's most."""
        written = next((value for key, value in row.items()
                        if (match := PORTAL_COLUMN.match(str(key).strip())) and match.group(1) == "repeat"
                        and not match.group(2) and value not in (None, "")), None)
        if written is not None:
            try:
                repeat = json.loads(written)
            except ValueError:
                repeat = None
            if isinstance(repeat, dict):
                return repeat
            self.notes.append(f"{where}: portal::repeat is not JSON (the repeat's bounds and words); "
                              "left out.")
        count = str(element.get("control", {}).get("jr:count") or "").strip()
        count = self.counts.get(count.removeprefix("${").removesuffix("}"), count)
        if count.isdigit() and 1 <= int(count) <= MAX_ITEMS:
            return {"min": int(count), "max": int(count)}
        if count:
            self.notes.append(f"{where}: the repeat_count {count!r} cannot be carried (the portal asks for a "
                              f"fewest and a most number of items); read as 0 to {MAX_ITEMS} items.")
        else:
            self.notes.append(f"{where}: XLSForm sets no most number of items; read as 0 to {MAX_ITEMS} "
                              "items.")
        return {"min": 0, "max": MAX_ITEMS}

    def _element(self, element: dict, path: tuple, inherited: dict | None) -> None:
        kind, name = element["type"], element["name"]
        if name.startswith(GENERATED_PREFIXES) or name in self.left_out:
            return  # what pyxform adds to a table-list group or for a question's "Other"
        here = (*path, element.get(ORIGINAL, name))
        section = self.section
        if kind == REPEAT and not section.get("repeat"):
            self._split(element, path, inherited)
            return
        if kind in (GROUP, REPEAT):
            if kind == GROUP and (question := self._table(element, here, section)):
                self._add(question, inherited)
                return
            number = self.row(here)[0]
            what = (
                "a repeat inside a repeat cannot be carried" if kind == REPEAT
                else "groups within a section cannot be carried"
            )
            self.notes.append(
                f"Row {number}, {kind} {name}: {what}; its questions are imported into section "
                f"{section['name']}{' once an item, not repeated within it' if kind == REPEAT else ''}"
                f"{', with its condition added to theirs' if element.get('bind', {}).get('relevant') else ''}"
                f"{', and its label is left out' if self.texts(self.row(here)[1], 'label') else ''}."
            )
            condition = self._condition(element, f"Row {number}, {kind} {name}")
            for child in element.get("children", []):
                self._element(child, here, _both(inherited, condition))
            return
        question = self._question(element, here, section)
        if question:
            self._add(question, inherited)

    def _add(self, question: dict, inherited: dict | None) -> None:
        if not question["label"]:
            question["label"] = question.get("help") or question["name"]
            used = "hint" if question.get("help") else "name"
            self.notes.append(f"Row {self.question_rows.get(question['name'])}, {question['name']}: no label "
                              f"in {self.languages[0]}; labelled with its {used}.")
            if question.get("help") == question["label"]:
                del question["help"]
        self._keep_originals(question)
        if inherited:
            question["condition"] = _both(inherited, question.get("condition"))
        self.section["questions"].append(question)
        self.earlier.setdefault(question["name"], question)

    def _condition(self, element: dict, where: str) -> dict | None:
        relevant = str(element.get("bind", {}).get("relevant") or "").strip()
        if not relevant:
            return None
        try:
            return self._typed(xpath_to_condition(relevant))
        except ValueError:
            self.notes.append(
                f"{where}: the condition {relevant!r} cannot be carried (the portal's conditions "
                "are choices picked in earlier questions); it is always shown."
            )
            return None

    def _typed(self, condition: dict) -> dict:
        """`${q} = 'a'` reads as a choice picked; for a question compared as a text it is a comparison."""
        for key in ("all", "any"):
            if key in condition:
                return {key: [self._typed(part) for part in condition[key]]}
        if "not" in condition:
            return {"not": self._typed(condition["not"])}
        target = self.earlier.get(condition.get("question", ""))
        if (condition.get("op") in ("eq", "ne") and target is not None
                and question_type(target).conditions_on and "value" in condition):
            # `${q} = 1` on a choice question: the choice named 1 is picked (or not)
            picked = {"question": condition["question"], "in": [str(condition["value"])]}
            condition = picked if condition["op"] == "eq" else {"not": self._typed(picked)}
            if "not" in condition:
                return condition
        renamed = self.choice_names.get(condition.get("question", ""))
        if "in" in condition and renamed:
            names = (renamed.get(name, name) for name in condition["in"])
            condition = {**condition, "in": list(dict.fromkeys(names))}
        if "in" in condition and target is not None and len(condition["in"]) == 1:
            kind = question_type(target)
            if kind.compared_as and not kind.conditions_on:
                return {"question": condition["question"], "op": "eq", "value": condition["in"][0]}
        return condition

    def _unknown(self, element: dict, where: str, bind: set[str], control: set[str],
                 parameters: frozenset[str] = frozenset()) -> None:
        """Report the columns of a row that the portal does not read."""
        left = sorted(
            key for key, value in element.items() if key not in KNOWN_KEYS and value not in (None, "", {}, [])
        )
        left += sorted(
            f"parameters {key}={value}" for key, value in (element.get("parameters") or {}).items()
            if key not in parameters and value not in (None, "")
        )
        left += sorted(
            f"{key}" for key, value in element.get("bind", {}).items() if key not in bind and value
        )
        left += sorted(
            f"{key}" for key, value in element.get("control", {}).items() if key not in control and value
        )
        if left:
            self.notes.append(f"{where}: {', '.join(left)} cannot be carried; left out.")

    def _required(self, element: dict, where: str, question: dict | None = None) -> bool:
        """Whether the row is required; a condition goes to the question's required_when where it may."""
        value = element.get("bind", {}).get("required")
        required = _yes(value)
        if required is None and question is not None:
            try:
                question["required_when"] = self._typed(xpath_to_condition(str(value)))
                return False
            except ValueError:
                pass
        if required is None:
            self.notes.append(
                f"{where}: required only when {value!r} cannot be carried; the question is optional."
            )
            return False
        return required

    # What the question types read with (surveys/types/base.py, from_xlsform)

    def leave_out(self, name: str) -> None:
        """Skip the element of this name: pyxform made it for a question already read."""
        self.left_out.add(name)

    @staticmethod
    def appearance_of(element: dict) -> str:
        return str(element.get("control", {}).get("appearance") or "").strip()

    def appearance(self, element: dict, where: str, accepted: dict[str, Any]) -> Any:
        """What `accepted` gives for the element's appearance; an appearance it lacks is noted as left out."""
        appearance = self.appearance_of(element)
        if appearance not in accepted:
            self.notes.append(f"{where}: the appearance {appearance!r} cannot be carried; left out.")
            appearance = ""
        return accepted[appearance]

    @staticmethod
    def constraint(element: dict, kinds: set[str]) -> tuple[dict[str, list[str]], list[str]]:
        """The clauses of the element's constraint of these kinds (xpath.CLAUSES), and the clauses left."""
        return constraint_clauses(str(element.get("bind", {}).get("constraint") or ""), kinds)

    def constraint_left(self, where: str, clauses: list[str]) -> None:
        if clauses:
            self.notes.append(
                f"{where}: the constraint {' and '.join(clauses)!r} cannot be carried; left out."
            )

    @staticmethod
    def condition(relevant: str) -> dict | None:
        """A `relevant` expression as a condition; None when empty or of a shape the portal lacks."""
        try:
            return xpath_to_condition(relevant) if relevant else None
        except ValueError:
            return None

    def choices(self, element: dict, at: str, where: str) -> list[dict] | None:
        """The element's choices, or None (noted) when they come from a file or another source.

        Their names become names the portal takes, unique within the question (a list may repeat a name
        where the settings allow it); conditions on the question follow (choice_names). A choice pyxform
        added for "Other" (not in the choices sheet) is not among them: see asks_other().
        """
        list_name = str(element.get("list_name") or element.get("itemset") or "")
        options = element.get("choices")
        if options is None and list_name in self.form_choices and list_name in self.choice_lists:
            options = self.form_choices[list_name]  # pyxform keeps a randomised list apart
        if options is None:
            self.notes.append(
                f"{where}: choices from {list_name!r} (a file or another source) cannot be carried; "
                "the question is left out."
            )
            return None
        rows = iter(self.choice_lists.get(list_name, []))
        taken: set[str] = set()
        renamed = self.choice_names.setdefault(element["name"], {})
        choices = []
        for option in options:
            original = str(option["name"])
            number, row = next(rows, (None, {}))
            if _choice_name(row) != original:  # rows and choices part ways: find the row by its name
                number, row = next(((n, r) for n, r in self.choice_lists.get(list_name, [])
                                    if _choice_name(r) == original), (None, {}))
                rows = iter(self.choice_lists.get(list_name, [])[number - 1:] if number else [])
                next(rows, None)
            if row == {} and original == OTHER:
                continue  # added by pyxform for `or_other`
            name = portal_name(original, taken, choice=True)
            renamed.setdefault(original, name)
            choice_where = f"{where}, choice {original} (sheet choices, row {number})"
            if name != original:
                self.notes.append(f"{choice_where}: named {name}, a name the portal takes (the original is "
                                  "kept in the question's note).")
            choice = {"name": name, "label": self.text(row, "label", f"{at}.choices.{name}.label")}
            if not choice["label"]:
                choice["label"] = original
                self.notes.append(f"{choice_where}: no label in {self.languages[0]}; labelled with its name.")
            exclusive = _yes(row.get(EXCLUSIVE_COLUMN))
            if exclusive:
                choice["exclusive"] = True
            elif exclusive is None:
                self.notes.append(
                    f"{choice_where}: {EXCLUSIVE_COLUMN} {row.get(EXCLUSIVE_COLUMN)!r} is not yes or no; "
                    "left out."
                )
            extra = sorted(
                key
                for key, value in option.items()
                if key not in ("name", "label", EXCLUSIVE_COLUMN) and value not in (None, "", {})
            )
            if extra:
                self.notes.append(f"{choice_where}: the columns {', '.join(extra)} cannot be carried; "
                                  "left out.")
            self.choice_row_numbers[(element["name"], len(choices))] = number
            choices.append(choice)
        originals = {new: old for old, new in renamed.items() if old != new}
        if originals:
            self.choice_originals[element["name"]] = originals
        return choices

    @staticmethod
    def asks_other(element: dict) -> bool:
        """Whether the row's type ends with `or_other` (or "or specify other")."""
        return bool(element.get(OR_OTHER))

    # Questions

    def _question(self, element: dict, here: tuple, section: dict) -> dict | None:
        name = element["name"]
        number, row = self.row(here)
        where = f"Row {number}, {name}"
        self.question_rows.setdefault(name, number)
        kind = element["type"] = self._canonical(element["type"], where)
        claiming = _claiming(
            [each for each in registered() if kind in each.xlsform_types],
            lambda each: each.claims_xlsform(self, element),
        )
        if claiming is None:
            if kind == "note":
                self.notes.append(
                    f"{where}: notes are not questions; left out (the portal's sections and survey have "
                    "an introduction instead)."
                )
            elif kind == "calculate":
                calculation = element.get("bind", {}).get("calculate", "")
                self.notes.append(
                    f"{where}: calculations cannot be carried; left out (calculation: {calculation})."
                )
            else:
                what = "metadata" if kind in METADATA_TYPES else "a question type the portal does not have"
                self.notes.append(f"{where}: the type {kind!r} is {what}; left out.")
            return None
        at = f"sections.{section['name']}.questions.{name}"
        question = self._common(element, row, claiming.name, at)
        if self._required(element, where, question):
            question["required"] = True
        condition = self._condition(element, where)
        if condition:
            question["condition"] = condition
        question |= self.portal(row, where)
        self._unknown(element, where, bind={"required", "relevant", "constraint", *claiming.xlsform_bind},
                      control={"appearance", *claiming.xlsform_control},
                      parameters=claiming.xlsform_parameters)
        element[OR_OTHER] = bool(OR_OTHER_TYPE.search(str(row.get("type") or "")))
        return claiming.from_xlsform(self, element, question, where, at)

    def _renamed(self, number: int | None, name: str) -> None:
        self.notes.append(f"Row {number}, {self.originals[name]}: the portal's names are lower-case letters, "
                          f"digits and _, once in the survey; named {name} (the original name is kept in its "
                          "note).")

    def _keep_originals(self, question: dict) -> None:
        """The workbook's names of a question and its choices, where the portal's differ, in its note."""
        said = []
        if question["name"] in self.originals:
            said.append(f"the question {self.originals[question['name']]!r}")
            self._renamed(self.question_rows.get(question["name"]), question["name"])
        choices = self.choice_originals.get(question["name"], {})
        said += [f"choice {new} {old!r}" for new, old in choices.items()]
        if said:
            note = f"Named in the XLSForm imported: {'; '.join(said)}."
            question["note"] = f"{question['note']}\n{note}" if question.get("note") else note

    def _canonical(self, kind: str, where: str) -> str:
        """The XLSForm type a question type reads for one of pyxform's other names of it (`string` is
        `text`, `int` is `integer`); one that adds a check of its own (`phone number`) is noted."""
        read = {name for each in registered() for name in each.xlsform_types}
        if kind in read or kind not in QUESTION_TYPE_DICT:
            return kind
        meaning = QUESTION_TYPE_DICT[kind]
        for name in sorted(read):
            if QUESTION_TYPE_DICT.get(name) == meaning:
                return name
        for name in sorted(read):
            if _without_checks(QUESTION_TYPE_DICT.get(name)) == _without_checks(meaning):
                self.notes.append(f"{where}: the type {kind!r} is read as {name}; its own check "
                                  f"({meaning['bind'].get('constraint', '')}) is left out.")
                return name
        return kind

    def _common(self, element: dict, row: dict, kind: str, at: str) -> dict[str, Any]:
        question: dict[str, Any] = {
            "name": element["name"],
            "type": kind,
            "label": self.text(row, "label", f"{at}.label"),
        }
        help_text = self.text(row, "hint", f"{at}.help")
        if help_text:
            question["help"] = help_text
        return question

    def _table(self, element: dict, here: tuple, section: dict) -> dict | None:
        """A group read back as a question of a type that reads groups (a table), or None."""
        name = element["name"]
        children = [
            child for child in element.get("children", []) if not child["name"].startswith(GENERATED_PREFIXES)
        ]
        if not children:
            return None
        prefix = f"{name}{ROW_SEPARATOR}"
        number, row = self.row(here)
        group = _Group(
            element=element,
            children=children,
            kinds={child["type"] for child in children},
            named=all(
                child["name"].startswith(prefix) and len(child["name"]) > len(prefix) for child in children
            ),
            appearance=str(row.get("appearance") or "").strip(),  # pyxform turns table-list into field-list
        )
        claiming = _claiming(
            [each for each in registered() if each.reads_xlsform_group],
            lambda each: each.claims_xlsform_group(group),
        )
        if claiming is None:
            return None
        where = f"Row {number}, {name}"
        self.question_rows.setdefault(name, number)
        at = f"sections.{section['name']}.questions.{name}"
        question = self._common(element, row, claiming.name, at)
        condition = self._condition(element, where)
        if condition:
            question["condition"] = condition
        question |= self.portal(row, where)
        self._unknown(element, where, bind={"relevant"}, control={"appearance", "jr:count"})
        if element["type"] == REPEAT:
            section["repeat"] = self._repeat(element, row, where)
        if group.appearance not in ("", "field-list", "table-list"):
            self.notes.append(f"{where}: the appearance {group.appearance!r} cannot be carried; left out.")

        required = set()
        for child in children:
            child_number, child_row = self.row((*here, child.get(ORIGINAL, child["name"])))
            child_where = f"Row {child_number}, {child['name']}"
            group.rows.append(
                {"name": child["name"][len(prefix) :] if group.named else child["name"], "cells": child_row}
            )
            required.add(self._required(child, child_where))
            group.relevants.append(str(child.get("bind", {}).get("relevant") or "").strip())
            group.constraints.append(str(child.get("bind", {}).get("constraint") or "").strip())
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
        return claiming.from_xlsform_group(self, group, question, where, at)


@dataclass
class _Group:
    """A group within a section, as the types that read tables see it (surveys/types/base.py)."""

    element: dict
    children: list[dict]
    kinds: set[str]
    named: bool
    appearance: str
    rows: list[dict] = field(default_factory=list)
    relevants: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)


def _claiming(candidates: list[QuestionType], claims: Callable[[QuestionType], bool]) -> QuestionType | None:
    """The first type to claim, those that claim specifically asked before the fallbacks."""
    ordered = sorted(candidates, key=lambda each: each.xlsform_fallback)
    return next((each for each in ordered if claims(each)), None)


def _repeat_counts(element: dict) -> dict[str, str]:
    """The calculations pyxform adds for a repeat_count that is a number (`<repeat>_count`), by name."""
    children = element.get("children", [])
    counted = {other.get("control", {}).get("jr:count") for other in children if other.get("type") == REPEAT}
    found = {}
    for child in children:
        calculated = str(child.get("bind", {}).get("calculate") or "").strip()
        if child.get("type") == "calculate" and calculated.isdigit() and f"${{{child['name']}}}" in counted:
            found[child["name"]] = calculated
        found |= _repeat_counts(child)
    return found


def _referred(expression) -> list[str]:
    """The questions a calculation reads."""
    if not isinstance(expression, dict):
        return []
    if "question" in expression or "count" in expression:
        return [expression.get("question") or expression["count"]]
    parts = expression.get("sum") or expression.get("args") or []
    return [name for part in parts for name in _referred(part)]


def _both(first: dict | None, second: dict | None) -> dict | None:
    if first and second:
        return {"all": [first, second]}
    return first or second
