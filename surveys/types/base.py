"""What the survey engine needs of a question type, in one class per type.

Each type module defines a subclass of QuestionType and registers it (surveys/types/__init__.py). The
engine never tests a type's name: it asks the registry for the type of a question and calls these
methods, so a new type is one module (and its template and tests). tests/surveys/test_question_types.py
fails when a registered type lacks a piece, and runs every type through every layer.

The pieces, by the layer that asks for them:
- definition: `defaults`, `schema` (the JSON Schema branch of the type), `problems()`;
- logic (surveys/logic.py): `compared_as`, `varies_choices`, `computed` and `calculated()`;
- page builder: `builder_blocks()`, `builder_errors()`;
- answering: `read()`, `check()`, `words()`, `template`, `grouped()`, `first_input_id()`, `keeps_files`;
  a text kept beside the answer (an "Other" choice's): `companion()`, `asks_companion()`,
  `check_companion()`;
- edits of a published survey: `changes()`;
- statistics: `picked_choices()`, `answered_values()` (the answer items, counted by both engines),
  `result_kind`, `collects_texts`;
- exports: `columns()`, `cells()`, `codebook_values()`, `column_values()`, and for SPSS and Stata
  `variables()`;
- XLSForm workbooks: `to_xlsform()`, `xlsform_types`, `claims_xlsform()`, `from_xlsform()`, and for a
  table read back from a group `reads_xlsform_group`, `claims_xlsform_group()`, `from_xlsform_group()`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from wagtail import blocks

from .values import is_empty


class Variable(NamedTuple):
    """What one export column becomes in SPSS and Stata (surveys/statistical_exports.py)."""

    # "text"; "number"; "flag" (1 or 0); "choice" (a choice's name, written as the choice's integer code);
    # "date", "time" (of day) or "datetime"
    kind: str
    labels: dict = {}  # value -> its label; for "choice", the choice's name -> its label


def chosen_flag() -> Variable:
    """A 1/0 column of an option: 1 chosen, 0 not chosen."""
    return Variable("flag", {1: _("chosen"), 0: _("not chosen")})


class QuestionType:
    name: str = ""
    label = ""  # shown in the page builder's menu of question types
    defaults: dict = {}  # the type's optional keys and what their absence means
    schema: dict = {}  # JSON Schema for the type's own keys ("properties", "required" ...)
    has_choices = False  # a list of choices (translated, merged over versions, compared between them)
    has_rows = False  # rows (fixed, or taken from an earlier multiple-choice question)
    conditions_on = False  # conditions may depend on its answer ({question, in: [choices]})
    # What a condition may compare its answer as ({question, op, value}; surveys/logic.py): "number",
    # "date", "time", "datetime" or "text"; "" for none (any answer may still be tested as answered or not).
    compared_as = ""
    varies_choices = False  # its choices may depend on earlier answers (`when`) and be shuffled (`randomise`)
    computed = False  # the server works its answer out (a calculation): the form never sends it
    personal_by_default = False  # erasure removes its answers even without "personal": true
    keeps_files = False  # its answer refers to a file the respondent sent (surveys/uploads.py stores it)
    template = ""  # the answering widget; wrapped in surveys/questions/question.html
    result_kind = "count"  # how results show it: templates/surveys/admin/kinds/<result_kind>.html
    collects_texts = False  # the results list its latest answers
    values = ""  # what answered_values() yields and statistics summarise: "number", "date", "seconds"
    # (a time of day or a date and time, summarised as numbers and shown by shown_summary()) or nothing
    picks_several = False  # the answer (or a row's) is a list of choices (filters test membership)

    # --- Definition ----------------------------------------------------------------------------------

    def problems(self, question: dict, earlier: dict[str, dict], where: str) -> list[str]:
        """What is wrong with the question's own settings across keys, one readable line each."""
        return []

    # --- Page builder ------------------------------------------------------------------------------

    def builder_blocks(self) -> list[tuple[str, blocks.Block]]:
        """The blocks of the type's own settings, after the fields every question has."""
        return []

    def builder_errors(self, value) -> dict:
        """Errors across the builder's fields of the type, by field name."""
        return {}

    # --- Answering -------------------------------------------------------------------------------

    def grouped(self, question: dict) -> bool:
        """Whether its fields are a group (a fieldset with a legend) rather than one labelled field."""
        return True

    def read(self, question: dict, data, rows: list[dict]):
        """The answer as typed in a submitted form (a QueryDict)."""
        return clean(data.get(question["name"], ""))

    def check(self, question: dict, value, rows: list[dict]) -> list[str]:
        """What is wrong with an answer that is not empty, in words for the respondent."""
        return []

    def is_empty(self, value) -> bool:
        return is_empty(value)

    def words(self, question: dict, value, rows: list[dict], companion: str = "") -> str:
        """A non-empty answer in words, for the review page, the receipt and exports. A type with a
        companion() also gets the text kept beside the answer (`companion`)."""
        return str(value)

    def first_input_id(self, question: dict, rows: list[dict]) -> str:
        """Where a link of the error summary takes the respondent."""
        return f"id_{question['name']}"

    def calculated(self, question: dict, answers: dict) -> str | None:
        """The answer the server works out for a `computed` type, from the other answers."""
        return None

    def choices_of(self, question: dict) -> list[dict]:
        """The choices ({name, label}) an answer picks from: what a condition on it may name."""
        return question.get("choices", [])

    # A question may keep a text beside its answer, under a key of its own in the response's answers: the
    # text typed with an "Other" choice, `<question>__other`. It is read, checked, kept on submitting,
    # erased and exported with the answer, and kept only while the answer asks for it.

    def companion(self, question: dict) -> str:
        """The answers' key of the text kept beside the question's answer; "" for none."""
        return ""

    def asks_companion(self, question: dict, value) -> bool:
        """Whether the answer asks for the companion text (Other is picked)."""
        return False

    def check_companion(self, question: dict, value, text: str) -> list[str]:
        """What is wrong with the companion text of an answer that asks for it."""
        return []

    # --- Edits --------------------------------------------------------------------------------------

    def changes(self, old: dict, new: dict) -> list:
        """The type's own differences between two versions of a question of this type (Change list)."""
        return []

    # --- Statistics ---------------------------------------------------------------------------------

    def picked_choices(self, answer) -> str:
        """The choices counted in an answer, as the JSON that answer items keep ("" for none)."""
        return ""

    def answered_values(self, answer) -> list[tuple[str, Decimal | None, datetime.date | None]]:
        """(row, number, day) of every number or date in the answer that reads as one."""
        return []

    def shown_summary(self, summary):
        """The summary of its values (result_kind "summary") as the results show it."""
        return summary

    # --- Exports --------------------------------------------------------------------------------

    def columns(self, question) -> list[str]:
        """The options (choice or row names) that get a column each; [""] for one column."""
        return [""]

    def cells(self, question, target: str, cell: dict[str, Callable]) -> Callable[[dict, int], list]:
        """A function from (answers, version) to the question's cells. `cell` holds the target's
        writers ("text", "number", "empty", "chosen", "not_chosen")."""
        name, text = question.name, cell["text"]
        return lambda answers, version: [text(answers.get(name))]

    def codebook_values(self, question) -> str:
        return "text; in the CSV, text starting with = + - @ has an apostrophe added in front"

    def column_values(self, question, option: str) -> str:
        """How the values of one of its columns (see columns()) read, for the codebook."""
        return self.codebook_values(question)

    def variables(self, question) -> list[Variable]:
        """What each of its columns (see columns()) is in SPSS and Stata, read from the cells that cells()
        makes of the answers as stored."""
        return [Variable("text")] * len(self.columns(question))

    # --- XLSForm --------------------------------------------------------------------------------
    # The writer and reader (surveys/xlsform/) build and read what every question has and hand the
    # rest to the type; a comment beside its XLSForm methods says how it maps. Type modules
    # must not import surveys.xlsform at module level (it imports the definition, which imports
    # this registry): what they need comes as methods of the writer and reader they are given.

    xlsform_types: tuple[str, ...] = ()  # the XLSForm types of one row it reads, as pyxform names
    # them after its aliases: "text", "integer", "select one", "select all that apply" ...
    xlsform_columns: tuple[str, ...] = ()  # survey-sheet columns of its own it writes (e.g. body::accept)
    xlsform_control: frozenset[str] = frozenset()  # keys of pyxform's `control` it reads itself
    xlsform_bind: frozenset[str] = frozenset()  # keys of pyxform's `bind` it reads itself (a calculation)
    xlsform_parameters: frozenset[str] = frozenset()  # keys of the `parameters` column it reads itself
    xlsform_fallback = False  # True: asked only after the types that claim an element specifically
    reads_xlsform_group = False  # True: it may read back a group of rows (a table)

    def to_xlsform(self, writer, question: dict, row: dict, here: str) -> None:
        """Append the question's rows to the writer's sheets.

        `row` holds the cells every question has (name, label and hint in every language, relevant,
        portal columns); `here` is the path of the question's texts. The writer offers `survey` (the
        rows of the survey sheet, to append to), `notes` (what XLSForm cannot carry), `required(q)`,
        `texts(column, path, text)`, `choice_list(name, choices, here)`, `group(row, q, appearance)`
        and `end_group()`, `row_name(q_name, row_name)`, `range_constraint(low, high)`,
        `selected(q_name, choice)`, and `questions` / `paths` (every question and its text path, by name).
        """
        raise NotImplementedError(self.name)

    def claims_xlsform(self, reader, element: dict) -> bool:
        """Whether an element (pyxform's dict of one row) of one of `xlsform_types` is this type's.

        Several types read `text`: each is asked in the registry's order, the `xlsform_fallback` types
        last, and the first to claim reads it. Only looks: notes are for from_xlsform().
        """
        return True

    def from_xlsform(self, reader, element: dict, question: dict, where: str, at: str) -> dict | None:
        """The question read from an element this type claimed, or None to leave it out.

        `question` holds what every question has (name, type, label, help, required, condition, portal
        columns); the type adds its own keys and records every loss in `reader.notes` (`where` starts
        each note, `at` is the path of the question's texts). The reader offers `appearance(element,
        where, accepted)`, `constraint(element, kinds)` and `constraint_left(where, clauses)`,
        `choices(element, at, where)`, `asks_other(element)`, `text(cells, column, path)`,
        `condition(relevant)` and `earlier` (the questions read so far, by name).
        """
        raise NotImplementedError(self.name)

    def claims_xlsform_group(self, group) -> bool:
        """Whether a group within a section is a question of this type (for `reads_xlsform_group`).

        `group` has `element`, `children` (without what pyxform adds), `kinds` (the children's XLSForm
        types), `named` (every child is named `<group>__<row>`) and `appearance` (as in the workbook).
        """
        return False

    def from_xlsform_group(self, reader, group, question: dict, where: str, at: str) -> dict | None:
        """The question read from a group this type claimed, as from_xlsform() reads one row.

        The reader has read what every row has: `group.rows` ({name, cells} a child), `group.relevants`
        and `group.constraints` (the children's, as written), and `required` into `question`.
        """
        raise NotImplementedError(self.name)


# Small readers shared by several types.

MAX_STORED = 100_000  # characters of one answer as typed; the question's own limit is checked apart


def clean(text: str) -> str:
    """As typed, without NUL characters (PostgreSQL refuses them) and cut at a sane length."""
    return text.replace("\x00", "").strip()[:MAX_STORED]


def duplicates(kind: str, names: list[str], where: str = "") -> list[str]:
    prefix = f"{where}: " if where else ""
    return [f"{prefix}{kind} name {name!r} is used {count} times; names must be unique"
            for name, count in Counter(names).items() if count > 1]
