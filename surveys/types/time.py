import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy
from wagtail import blocks

from . import register
from .moments import MomentType
from .values import TIME, read_time


@register
class Time(MomentType):
    """A time of day, HH:MM on a 24-hour clock; counted in statistics as seconds since midnight."""

    name = "time"
    compared_as = "time"
    label = gettext_lazy("Time of day")
    template = "surveys/questions/types/time.html"
    pattern = TIME
    what = "a time (HH:MM)"
    block = blocks.TimeBlock
    cell = "time"
    variable = "time"
    moment = staticmethod(read_time)
    earliest = gettext_lazy("the earliest time allowed")
    latest = gettext_lazy("the latest time allowed")
    invalid = gettext_lazy("Enter a time as hours:minutes on a 24-hour clock, for example 14:30.")
    too_early = gettext_lazy("Enter a time at or after %(min)s.")
    too_late = gettext_lazy("Enter a time at or before %(max)s.")
    xlsform_types = ("time",)
    xlsform_function = "decimal-time"

    def answered_values(self, answer):
        moment = read_time(answer)
        return [] if moment is None else [("", Decimal(moment.hour * 3600 + moment.minute * 60), None)]

    def summary_text(self, number):
        return (datetime.datetime.min + datetime.timedelta(seconds=int(number))).strftime("%H:%M")

    def codebook_values(self, question):
        return "a time of day, HH:MM (24-hour clock); in the XLSX a time cell"
