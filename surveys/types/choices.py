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
