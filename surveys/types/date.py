import datetime

from django.utils.translation import gettext_lazy

from . import register
from .moments import MomentType
from .values import DAY, read_date, read_day


@register
class Date(MomentType):
    name = "date"
    compared_as = "date"
    label = gettext_lazy("Date")
    template = "surveys/questions/types/date.html"
    pattern = DAY
    what = "a date"
    earliest = gettext_lazy("the earliest date allowed")
    latest = gettext_lazy("the latest date allowed")
    invalid = gettext_lazy("Enter a date as year-month-day, for example 2020-07-31.")
    too_early = gettext_lazy("Enter a date on or after %(min)s.")
    too_late = gettext_lazy("Enter a date on or before %(max)s.")
    moment = staticmethod(read_day)
    values = "date"
    cell = "date"
    variable = "date"

    def answered_values(self, answer):
        day = read_date(answer)
        return [] if day is None else [("", None, datetime.date.fromisoformat(day))]

    def codebook_values(self, question):
        return "a date, YYYY-MM-DD; in the XLSX a date cell"

    # XLSForm: `date`, min and max as the constraint `. >= date('2020-01-31') and . <= date(...)`.
    xlsform_types = ("date",)

    def to_xlsform(self, writer, question, row, here):
        writer.survey.append({**row, "type": "date", "required": writer.required(question),
                              "constraint": writer.range_constraint(question["min"], question["max"])})
