import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .base import clean
from .moments import MomentType
from .values import DATETIME, EPOCH, read_datetime

SPACED = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2}) +([0-9]{2}:[0-9]{2})$")


@register
class DateTime(MomentType):
    """A date and a time of day, YYYY-MM-DDTHH:MM as on a wall clock (no time zone); counted in
    statistics as seconds since 1970-01-01T00:00."""

    name = "datetime"
    compared_as = "datetime"
    label = gettext_lazy("Date and time")
    template = "surveys/questions/types/datetime.html"
    pattern = DATETIME
    what = "a date and time (YYYY-MM-DDTHH:MM)"
    block = blocks.DateTimeBlock
    cell = "datetime"
    variable = "datetime"
    moment = staticmethod(read_datetime)
    earliest = gettext_lazy("the earliest date and time allowed")
    latest = gettext_lazy("the latest date and time allowed")
    invalid = gettext_lazy("Enter a date and time as year-month-day and hours:minutes, for example "
                           "2020-07-31T14:30.")
    too_early = gettext_lazy("Enter a date and time at or after %(min)s.")
    too_late = gettext_lazy("Enter a date and time at or before %(max)s.")
    xlsform_types = ("dateTime",)
    xlsform_function = "decimal-date-time"

    def read(self, question, data, rows):
        # Where the browser has no picker, people type a space between the date and the time.
        return SPACED.sub(r"\1T\2", clean(data.get(question["name"], "")))

    def answered_values(self, answer):
        moment = read_datetime(answer)
        if moment is None:
            return []
        return [("", Decimal((moment - EPOCH) // datetime.timedelta(seconds=1)), None)]

    def summary_text(self, number):
        return (EPOCH + datetime.timedelta(seconds=int(number))).isoformat(timespec="minutes")

    def codebook_values(self, question):
        return ("a date and time, YYYY-MM-DDTHH:MM (as on the respondent's clock, no time zone); in the XLSX "
                "a date-time cell")
