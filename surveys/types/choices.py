"""What the choice questions share: a list of named choices, picked by name."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from .base import QuestionType, duplicates
from .edits import choice_changes


def as_json(value) -> str:
    return json.dumps(value, separators=(",", ":"))


class ChoiceType(QuestionType):
    has_choices = True
    conditions_on = True
    result_kind = "choices"

    def problems(self, question, earlier, where):
        choices = question.get("choices", [])
        problems = duplicates("choice", [choice["name"] for choice in choices], where)
        if self.name != "multiple_choice" and any(choice.get("exclusive") for choice in choices):
            problems.append(f"{where}: exclusive choices only have a meaning in a multiple_choice question")
        return problems

    def picked(self, value) -> list:
        return value if isinstance(value, list) else [value]

    def check(self, question, value, rows):
        known = {choice["name"] for choice in question["choices"]}
        if not isinstance(value, list | str) or any(name not in known for name in self.picked(value)):
            return [_("Choose from the options given.")]
        return []

    def words(self, question, value, rows):
        labels = {choice["name"]: choice["label"] for choice in question["choices"]}
        return "; ".join(labels.get(name, name) for name in self.picked(value))

    def first_input_id(self, question, rows):
        return f"id_{question['name']}_{question['choices'][0]['name']}"

    def changes(self, old, new):
        return choice_changes(old, new)

    def codebook_values(self, question):
        return "; ".join(f"{option.name} = {option.label}" for option in question.choices)

    # XLSForm: `select_one <question>` or `select_multiple <question>`, its choices the list named after
    # the question; an exclusive choice is also marked in the choices sheet's portal_exclusive column.
    xlsform_select = ""  # the row's type, before the list's name

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": f"{self.xlsform_select} {question['name']}",
                              "required": writer.required(question), **self.xlsform_cells(question)})
        writer.choice_list(question["name"], question["choices"], here)

    def xlsform_cells(self, question) -> dict[str, str]:
        """The type's own cells of its row (appearance, constraint)."""
        return {}

    def with_xlsform_choices(self, reader, element, question, where, at, exclusive=()):
        """The question with the choices of its list, those named in `exclusive` marked so; None when
        the list is not in the workbook."""
        choices = reader.choices(element, at, where)
        if choices is None:
            return None
        for choice in choices:
            if choice["name"] in exclusive:
                choice["exclusive"] = True
        question["choices"] = choices
        return question
