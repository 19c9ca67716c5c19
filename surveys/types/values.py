"""Reading numbers and dates from answers as typed (with "," or "." as the decimal mark)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# A number as typed. The results' number filters match it in SQL too (POSIX and Python regular expressions
# read it alike), so keep it within what both understand.
NUMBER_TEXT = re.compile(r"^\s*[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\s*$")
INTEGER = re.compile(r"^-?[0-9]+$")
DECIMAL = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")


def is_empty(answer) -> bool:
    """Nothing answered: no value, an empty text or list, or a table whose rows are all empty."""
    if isinstance(answer, dict):
        return not any(answer.values())
    return answer in (None, "", [])


def read_number(value) -> Decimal | None:
    """A number for statistics and exports, from what was stored; None when it does not read as one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not NUMBER_TEXT.match(value):
        return None
    return Decimal(value.strip().replace(",", "."))


def read_date(value) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def checked_number(question: dict, text: str) -> Decimal:
    """The number a respondent typed, within the question's kind and limits; ValueError says why not."""
    try:
        pattern = DECIMAL if question.get("kind") == "decimal" else INTEGER
        if not pattern.match(text):
            raise ValueError
        number = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValueError(
            _("Enter a whole number.") if question.get("kind") != "decimal" else _("Enter a number.")
        ) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number."))
    if question.get("min") is not None and number < Decimal(str(question["min"])):
        raise ValueError(_("Enter %(min)s or more.") % {"min": question["min"]})
    if question.get("max") is not None and number > Decimal(str(question["max"])):
        raise ValueError(_("Enter %(max)s or less.") % {"max": question["max"]})
    return number


DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TIME = re.compile(r"^[0-9]{2}:[0-9]{2}$")
DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$")
EPOCH = datetime.datetime(1970, 1, 1)


def read_time(value) -> datetime.time | None:
    """A time of day typed as HH:MM; None for anything else."""
    try:
        return datetime.time.fromisoformat(value) if isinstance(value, str) and TIME.match(value) else None
    except ValueError:
        return None


def read_datetime(value) -> datetime.datetime | None:
    """A date and time typed as YYYY-MM-DDTHH:MM (a wall-clock time, no time zone); None otherwise."""
    try:
        matches = isinstance(value, str) and DATETIME.match(value)
        return datetime.datetime.fromisoformat(value) if matches else None
    except ValueError:
        return None


def read_day(value) -> datetime.date | None:
    """A date typed as YYYY-MM-DD; None for anything else."""
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and DAY.match(value) else None
    except ValueError:
        return None
