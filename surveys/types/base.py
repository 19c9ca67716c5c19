"""What the survey engine needs of a question type, in one class per type.

Each type module defines a subclass of QuestionType and registers it (surveys/types/__init__.py). The
engine never tests a type's name: it asks the registry for the type of a question and calls these
methods, so a new type is one module (and its template and tests). tests/surveys/test_question_types.py
fails when a registered type lacks a piece, and runs every type through every layer.

The pieces, by the layer that asks for them:
- definition: `defaults`, `schema` (the JSON Schema branch of the type), `problems()`;
- page builder: `builder_blocks()`, `builder_errors()`;
- answering: `read()`, `check()`, `words()`, `template`, `grouped()`, `first_input_id()`;
- edits of a published survey: `changes()`;
- statistics: `picked_choices()`, `answered_values()` (the answer items, counted by both engines),
  `result_kind`, `collects_texts`;
- exports: `columns()`, `cells()`, `codebook_values()`;
- XLSForm workbooks: `to_xlsform()`, `xlsform_types`, `claims_xlsform()`, `from_xlsform()`, and for a
  table read back from a group `reads_xlsform_group`, `claims_xlsform_group()`, `from_xlsform_group()`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from wagtail import blocks

EMPTY = (None, "", [], {})


class QuestionType:
    name: str = ""
    label = ""  # shown in the page builder's menu of question types
    defaults: dict = {}  # the type's optional keys and what their absence means
    schema: dict = {}  # JSON Schema for the type's own keys ("properties", "required" ...)
    has_choices = False  # a list of choices (translated, merged over versions, compared between them)
    has_rows = False  # rows (fixed, or taken from an earlier multiple-choice question)
    conditions_on = False  # conditions may depend on its answer ({question, in: [choices]})
    personal_by_default = False  # erasure removes its answers even without "personal": true
    template = ""  # the answering widget; wrapped in surveys/questions/question.html
    result_kind = "count"  # how results show it: templates/surveys/admin/kinds/<result_kind>.html
    collects_texts = False  # the results list its latest answers
    values = ""  # what answered_values() yields and statistics summarise: "number", "date" or nothing
    picks_several = False  # the answer is a list of choices (filters test membership, not equality)

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
        if isinstance(value, dict):
            return not any(value.values())
        return value in EMPTY

    def words(self, question: dict, value, rows: list[dict]) -> str:
        """A non-empty answer in words, for the review page, the receipt and exports."""
        return str(value)

    def first_input_id(self, question: dict, rows: list[dict]) -> str:
        """Where a link of the error summary takes the respondent."""
        return f"id_{question['name']}"

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

    # --- XLSForm --------------------------------------------------------------------------------
    # The writer and reader (surveys/xlsform/) build and read what every question has and hand the
    # rest to the type; a comment beside its XLSForm methods says how it maps. Type modules
    # must not import surveys.xlsform at module level (it imports the definition, which imports
    # this registry): what they need comes as methods of the writer and reader they are given.

    xlsform_types: tuple[str, ...] = ()  # the XLSForm types of one row it reads, as pyxform names
    # them after its aliases: "text", "integer", "select one", "select all that apply" ...
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
        `choices(element, at, where)`, `text(cells, column, path)`, `condition(relevant)` and `earlier`
        (the questions read so far, by name).
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
