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
from typing import Any

from django.conf.locale import LANG_INFO
from pyxform import aliases, constants
from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from ..definition import FORMAT, DefinitionError
from ..repeats import MAX_ITEMS
from ..types import question_type, registered
from ..types.base import QuestionType
from .layout import EXCLUSIVE_COLUMN, INTRO_SUFFIX, ROW_SEPARATOR, SURVEY_INTRO
from .xpath import constraint_clauses, xpath_to_condition

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to more than this

GROUP, REPEAT = constants.GROUP, constants.REPEAT
SURVEY_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


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
        self.left_out: set[str] = set()  # the names of elements that pyxform made for a question read
        self.counts = _repeat_counts(form)
        self.left_out |= set(self.counts)
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
            elif element["name"] not in self.counts:
                loose.append(element)
        self._loose_section(loose, sections)
        definition["sections"] = sections
        translations = {language: texts for language, texts in self.translations.items() if texts}
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
        section: dict[str, Any] = {"name": name, "title": self.text(row, "label", f"{at}.title")}
        if not section["title"]:
            section["title"] = name
            self.notes.append(f"{where} has no label; the section's title is its name.")
        self._unknown(element, where, bind={"relevant"}, control={"appearance", "jr:count"})
        if element["type"] == REPEAT:
            section["repeat"] = self._repeat(element, row, where)
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

    def _element(self, element: dict, path: tuple, section: dict, inherited: dict | None) -> None:
        kind, name = element["type"], element["name"]
        if name.startswith(GENERATED_PREFIXES) or name in self.left_out:
            return  # what pyxform adds to a table-list group or for a question's "Other"
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
        if "in" in condition and target is not None and len(condition["in"]) == 1:
            kind = question_type(target)
            if kind.compared_as and not kind.conditions_on:
                return {"question": condition["question"], "op": "eq", "value": condition["in"][0]}
        return condition

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
        """The element's choices, or None (noted) when they come from a file or another source."""
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

    # Questions

    def _question(self, element: dict, here: tuple, section: dict) -> dict | None:
        kind, name = element["type"], element["name"]
        number, row = self.row(here)
        where = f"Row {number}, {name}"
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
                      control={"appearance", *claiming.xlsform_control})
        return claiming.from_xlsform(self, element, question, where, at)

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
            child_number, child_row = self.row((*here, child["name"]))
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


def _both(first: dict | None, second: dict | None) -> dict | None:
    if first and second:
        return {"all": [first, second]}
    return first or second
