"""What the number questions share: a kind (whole or decimal), limits, and summaries in statistics."""

from django.utils.translation import gettext as _

from .base import QuestionType, Variable
from .blocks import number_limits
from .edits import Change, decimal, limit, numbers, setting

NUMBER_SCHEMA = {
    "kind": {"enum": ["integer", "decimal"], "default": "integer"},
    "min": {"$ref": "#/$defs/number_or_null"},
    "max": {"$ref": "#/$defs/number_or_null"},
}


class NumberType(QuestionType):
    defaults = {"kind": "integer", "min": None, "max": None}
    values = "number"

    def problems(self, question, earlier, where):
        problems = []
        low, high = question.get("min"), question.get("max")
        if low is not None and high is not None and low > high:
            problems.append(f"{where}: min ({low}) is more than max ({high})")
        if question.get("kind", "integer") == "integer":
            problems += [f"{where}: {key} ({value}) must be a whole number for an integer question"
                         for key, value in (("min", low), ("max", high))
                         if value is not None and value != int(value)]
        return problems

    def builder_blocks(self):
        return number_limits()

    def changes(self, old, new):
        name = new["name"]
        changes = []
        if setting(old, "kind") == "decimal" and setting(new, "kind") != "decimal":
            changes.append(Change(True, _("Question %(name)s takes whole numbers only.") % {"name": name},
                                  lambda answers: any(n != n.to_integral_value()
                                                      for n in numbers(answers.get(name)))))
        elif setting(old, "kind") != "decimal" and setting(new, "kind") == "decimal":
            changes.append(Change(False, _("Question %(name)s also takes decimal numbers.") % {"name": name}))
        changes += limit(old, new, "min", _("the smallest number allowed"), low=True, read=decimal,
                         values=lambda answers: numbers(answers.get(name)))
        changes += limit(old, new, "max", _("the largest number allowed"), low=False, read=decimal,
                         values=lambda answers: numbers(answers.get(name)))
        return changes

    def variables(self, question):
        return [Variable("number")] * len(self.columns(question))

    def codebook_values(self, question):
        return "a number ({})".format("decimal" if question.kind == "decimal" else "whole number")

    def xlsform_limits(self, reader, element, question, where) -> None:
        """min and max from the constraint `. >= <min> and . <= <max>`; other clauses are noted."""
        found, left = reader.constraint(element, {"min", "max"})
        question.update({key: as_number(values[-1]) for key, values in found.items()})
        reader.constraint_left(where, left)


def as_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)
