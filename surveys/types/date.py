import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import QuestionType
from .edits import date, dates, limit
from .values import read_date

DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@register
class Date(QuestionType):
    name = "date"
    label = gettext_lazy("Date")
    defaults = {"min": None, "max": None}
    schema = {"properties": {"min": {"$ref": "#/$defs/date_or_null"},
                             "max": {"$ref": "#/$defs/date_or_null"}}}
    template = "surveys/questions/types/date.html"
    result_kind = "summary"
    values = "date"

    def problems(self, question, earlier, where):
        problems, days = [], {}
        for key in ("min", "max"):
            if question.get(key) is not None:
                try:
                    days[key] = datetime.date.fromisoformat(question[key])
                except ValueError:
                    problems.append(f"{where}: {key} ({question[key]}) is not a date")
        if len(days) == 2 and days["min"] > days["max"]:
            problems.append(f"{where}: min ({question['min']}) is after max ({question['max']})")
        return problems

    def builder_blocks(self):
        return [("min", blocks.DateBlock(required=False, label=gettext_lazy("Earliest"))),
                ("max", blocks.DateBlock(required=False, label=gettext_lazy("Latest")))]

    def grouped(self, question):
        return False

    def check(self, question, value, rows):
        try:
            if not DATE.match(value):
                raise ValueError
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return [_("Enter a date as year-month-day, for example 2020-07-31.")]
        if question.get("min") and day < datetime.date.fromisoformat(question["min"]):
            return [_("Enter a date on or after %(min)s.") % {"min": question["min"]}]
        if question.get("max") and day > datetime.date.fromisoformat(question["max"]):
            return [_("Enter a date on or before %(max)s.") % {"max": question["max"]}]
        return []

    def changes(self, old, new):
        name = new["name"]
        return limit(old, new, "min", _("the earliest date allowed"), low=True, read=date,
                     values=lambda answers: dates(answers.get(name))) + limit(
            old, new, "max", _("the latest date allowed"), low=False, read=date,
            values=lambda answers: dates(answers.get(name)))

    def answered_values(self, answer):
        day = read_date(answer)
        return [] if day is None else [("", None, datetime.date.fromisoformat(day))]

    def codebook_values(self, question):
        return "a date, YYYY-MM-DD"

    # XLSForm: `date`, min and max as the constraint `. >= date('2020-01-31') and . <= date(...)`.
    xlsform_types = ("date",)

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": "date", "required": writer.required(question),
                              "constraint": writer.range_constraint(question["min"], question["max"])})

    def from_xlsform(self, reader, element, question, where, at):
        reader.appearance(element, where, {"": None})
        found, left = reader.constraint(element, {"min_date", "max_date"})
        question |= {key.removesuffix("_date"): values[-1] for key, values in found.items()}
        reader.constraint_left(where, left)
        return question
