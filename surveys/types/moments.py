"""What the date and time questions share: a moment as the ISO text a browser's input sends (a typed
text where the browser has no picker), optional earliest and latest moments, summaries in statistics."""

from __future__ import annotations

import re
from dataclasses import replace

from django.utils.translation import gettext_lazy
from wagtail import blocks

from .base import QuestionType, Variable
from .edits import limit


class MomentType(QuestionType):
    defaults = {"min": None, "max": None}
    result_kind = "summary"
    values = "seconds"  # summarised as numbers, shown as moments (a date's values are days: "date")
    pattern = re.compile("")  # the texts a valid answer, min and max match
    what = ""  # what a valid min or max is, in problems: "a date"
    block = blocks.DateBlock  # the builder's field of min and max
    cell = "text"  # the export's writer of its cells (CELLS in exports.py)
    variable = ""  # what its column is in SPSS and Stata: "date", "time" or "datetime"
    # In words for the respondent and the editor, set by each type: the limits' names in edits, what
    # to type, and the messages of an answer before min or after max.
    earliest = latest = invalid = too_early = too_late = ""

    @staticmethod
    def moment(value):
        """The moment (comparable) that an answer or a setting holds; None for anything else."""
        raise NotImplementedError

    @property
    def schema(self):
        setting = {"type": ["string", "null"], "default": None, "pattern": self.pattern.pattern}
        return {"properties": {"min": setting, "max": setting}}

    def problems(self, question, earlier, where):
        problems, moments = [], {}
        for key in ("min", "max"):
            if question.get(key) is not None:
                moments[key] = self.moment(question[key])
                if moments[key] is None:
                    problems.append(f"{where}: {key} ({question[key]}) is not {self.what}")
        if None not in moments.values() and len(moments) == 2 and moments["min"] > moments["max"]:
            problems.append(f"{where}: min ({question['min']}) is after max ({question['max']})")
        return problems

    def builder_blocks(self):
        return [("min", self.block(required=False, label=gettext_lazy("Earliest"))),
                ("max", self.block(required=False, label=gettext_lazy("Latest")))]

    def grouped(self, question):
        return False

    def check(self, question, value, rows):
        moment = self.moment(value)
        if moment is None:
            return [str(self.invalid)]
        if question.get("min") and moment < self.moment(question["min"]):
            return [str(self.too_early) % {"min": question["min"]}]
        if question.get("max") and moment > self.moment(question["max"]):
            return [str(self.too_late) % {"max": question["max"]}]
        return []

    def changes(self, old, new):
        name = new["name"]

        def moments(answers):
            moment = self.moment(answers.get(name))
            return [] if moment is None else [moment]

        return limit(old, new, "min", str(self.earliest), low=True, read=self.moment, values=moments) + limit(
            old, new, "max", str(self.latest), low=False, read=self.moment, values=moments)

    def cells(self, question, target, cell):
        name, write = question.name, cell[self.cell]
        return lambda answers, version: [write(answers.get(name))]

    # XLSForm: the type of the same name (`xlsform_types`), min and max as the constraint
    # `<function>(.) >= <function>('<min>') and <function>(.) <= <function>('<max>')`, compared as numbers
    # by ODK tools (decimal-time, decimal-date-time; a date has its own, see date.py).
    def variables(self, question):
        return [Variable(self.variable)]

    xlsform_function = ""

    def to_xlsform(self, writer, question, row, here):
        function = self.xlsform_function
        clauses = [f"{function}(.) {operator} {function}('{question[key]}')"
                   for key, operator in (("min", ">="), ("max", "<=")) if question[key] is not None]
        writer.survey.append({**row, "type": self.xlsform_types[0], "required": writer.required(question),
                              "constraint": " and ".join(clauses)})

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {"": None})
        found, left = reader.constraint(element, {f"min_{self.name}", f"max_{self.name}"})
        question |= {key.split("_")[0]: values[-1] for key, values in found.items()}
        reader.constraint_left(where, left)
        return question

    def summary_text(self, number) -> str:
        """A number of answered_values() (a moment counted in seconds) as the answers write it."""
        raise NotImplementedError(self.name)

    def shown_summary(self, summary):
        # Both engines summarise the seconds as numbers; the median of an even count, the mean of the two
        # middle ones, is rounded down to the minute.
        if self.values != "seconds" or not summary.n:
            return summary
        text = self.summary_text
        return replace(summary, min=text(summary.min), median=text(summary.median), max=text(summary.max),
                       total=None)
