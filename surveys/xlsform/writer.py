"""Writing a definition as an XLSForm workbook with openpyxl (the mapping is in the package's doc)."""

from __future__ import annotations

import io
import json
from collections import Counter

from django.conf.locale import LANG_INFO
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..definition import DefinitionError, validate_definition, with_defaults
from ..types import question_type, registered
from .layout import EXCLUSIVE_COLUMN, INTRO_SUFFIX, ROW_SEPARATOR, SURVEY_INTRO
from .xpath import condition_to_xpath, range_constraint, selected

MAX_CELL_CHARACTERS = 32_767  # what one cell of a spreadsheet holds


def definition_to_xlsform(definition: dict) -> tuple[bytes, list[str]]:
    """The definition as an XLSForm workbook (.xlsx bytes), and what XLSForm cannot carry exactly.

    Raises DefinitionError when the definition is not valid.
    """
    problems = validate_definition(definition)
    if problems:
        raise DefinitionError(problems)
    writer = _Writer(with_defaults(definition))
    return writer.workbook(), writer.notes


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
        self.repeats: list[str] = []
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
            repeat = section.get("repeat")
            self.survey.append(
                {
                    "type": "begin_repeat" if repeat else "begin_group",
                    "name": section["name"],
                    **self.texts("label", f"{at}.title", section["title"]),
                    "relevant": condition_to_xpath(section["condition"]) if section["condition"] else "",
                    "appearance": "field-list",
                    **self.portal(section, f"section {section['name']}"),
                    "portal::repeat": json.dumps(repeat, ensure_ascii=False) if repeat else "",
                }
            )
            if repeat:
                self.repeats.append(section["name"])
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
            if repeat:
                self.survey.append({"type": "end_repeat"})
            else:
                self.end_group()
        self._notes()

    def question(self, question: dict, here: str) -> None:
        name = question["name"]
        row = {
            "name": name,
            **self.texts("label", f"{here}.label", question["label"]),
            **self.texts("hint", f"{here}.help", question["help"]),
            "relevant": condition_to_xpath(question["condition"]) if question["condition"] else "",
            **self.portal(question, f"question {name}"),
        }
        question_type(question).to_xlsform(self, question, row, here)
        self._logic_notes(question)

    def _logic_notes(self, question: dict) -> None:
        """What of the question's logic XLSForm tools read otherwise, or not at all."""
        name = question["name"]
        filtered = [choice["name"] for choice in question.get("choices", []) if "when" in choice]
        if filtered:
            self.notes.append(f"Question {name}: the conditions of its choices ({', '.join(filtered)}) have "
                              "no place in XLSForm; every choice is offered.")
        trees = [question.get("condition"), question.get("required_when")]
        if any(_compares_text(tree) for tree in trees):
            self.notes.append(f"Question {name}: its condition compares a text, which XLSForm tools do with "
                              "upper and lower case apart (the portal does not).")

    # What the question types write with (surveys/types/base.py, to_xlsform)

    @staticmethod
    def required(question: dict) -> str:
        """`yes`, or the condition of a question required only when it holds."""
        if question["required"]:
            return "yes"
        return condition_to_xpath(question["required_when"]) if question.get("required_when") else ""

    @staticmethod
    def row_name(question: str, row: str) -> str:
        """The name of a table's row in the workbook: `<question>__<row>`."""
        return f"{question}{ROW_SEPARATOR}{row}"

    range_constraint = staticmethod(range_constraint)
    selected = staticmethod(selected)

    def group(self, row: dict, question: dict, appearance: str) -> None:
        """The start of a table's group, whose hint holds the question's help; end it with end_group().

        pyxform shows the label and hint of a table-list group (a matrix) in a note it adds; other groups
        have no hint in an XForm.
        """
        if question["help"] and appearance != "table-list":
            self.hidden_help.append(question["name"])
        self.survey.append({**row, "type": "begin_group", "appearance": appearance})

    def type_columns(self) -> list[str]:
        """The columns of their own that the survey's question types wrote, once each."""
        written = {column for row in self.survey for column, cell in row.items() if cell}
        return list(dict.fromkeys(column for kind in registered() for column in kind.xlsform_columns
                                  if column in written))

    def end_group(self) -> None:
        self.survey.append({"type": "end_group"})

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
        if self.repeats:
            notes.append(
                "XLSForm repeats have no fewest and most items, no label question, item name nor button "
                "text: these are kept as JSON in the portal::repeat column, which other tools ignore (their "
                f"translations are left out): {', '.join(self.repeats)}."
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
        if data.get("dashboard"):
            notes.append(
                "The public results dashboard has no place in XLSForm; it is kept as JSON in the "
                "portal::dashboard setting, which other tools ignore."
            )
        if any(path.startswith("dashboard.") for texts in self.translations.values() for path in texts):
            notes.append("The translations of the dashboard's titles have no place in XLSForm; left out.")
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
            "portal::dashboard": (
                json.dumps(self.data["dashboard"], ensure_ascii=False) if self.data.get("dashboard") else ""
            ),
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
                *self.type_columns(),
                "portal::added",
                "portal::note",
                "portal::personal",
                "portal::repeat",
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


def _compares_text(condition: dict | None) -> bool:
    if not condition:
        return False
    parts = condition.get("all") or condition.get("any") or ([condition["not"]] if "not" in condition else [])
    if parts:
        return any(_compares_text(part) for part in parts)
    return condition.get("op") in ("eq", "ne", "contains") and isinstance(condition.get("value"), str)


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
