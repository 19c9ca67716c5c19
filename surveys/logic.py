"""Conditions and calculations of the survey format, evaluated on a response's answers.

Both are plain JSON trees (docs/survey-format.md, "Logic"). The server decides with this module; the
answering page previews the same trees with static/js/logic.js, and tests/surveys/logic_cases.json holds
the cases both must agree on. Nothing here looks at the definition: the trees are read against the answers
as kept, so that Python and JavaScript need nothing else.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .types.values import is_empty, read_datetime, read_day, read_number, read_time

ORDERED = ("lt", "le", "gt", "ge")
TEXT_OPS = ("eq", "ne", "contains")
PRESENCE = ("answered", "not_answered")
# What each kind of answer (QuestionType.compared_as) may be compared with, besides PRESENCE.
COMPARISONS = {kind: ("eq", "ne", *ORDERED) for kind in ("number", "date", "time", "datetime")}
COMPARISONS["text"] = TEXT_OPS
KIND_WORDS = {"number": "a number", "date": "a date (YYYY-MM-DD)", "time": "a time (HH:MM)",
              "datetime": "a date and time (YYYY-MM-DDTHH:MM)", "text": "a text"}
# Texts compared in order must have the same ISO shape as the value: a date, a time, a date and time.
ISO_SHAPES = (re.compile(r"^\d{4}-\d{2}-\d{2}$"), re.compile(r"^\d{2}:\d{2}$"),
              re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"))
PLACES = Decimal("0.000001")  # a calculated value keeps at most six decimals


def reads_as(kind: str, value) -> bool:
    """Whether a condition's value is of the kind its question is compared as."""
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    readers = {"date": read_day, "time": read_time, "datetime": read_datetime}
    if kind in readers:
        return readers[kind](value) is not None
    return isinstance(value, str)


def holds(condition: dict | None, answers: dict) -> bool:
    """Whether a condition holds for the answers; no condition always holds."""
    if not condition:
        return True
    if "all" in condition:
        return all(holds(part, answers) for part in condition["all"])
    if "any" in condition:
        return any(holds(part, answers) for part in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], answers)
    answer = answers.get(condition["question"])
    if "in" in condition:
        wanted = set(condition["in"])
        if isinstance(answer, list):
            return bool(wanted.intersection(answer))
        return answer in wanted
    return compares(condition["op"], answer, condition.get("value"))


def compares(op: str, answer, value) -> bool:
    """One comparison of an answer with a literal. An unanswered question, or an answer that does not read
    as the value's kind, fails every comparison but `not_answered`."""
    if op in PRESENCE:
        return is_empty(answer) == (op == "not_answered")
    if is_empty(answer):
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = read_number(answer) if isinstance(answer, str | int | float) else None
        return number is not None and _ordered(op, number, Decimal(str(value)))
    if not isinstance(value, str) or not isinstance(answer, str):
        return False
    if op in ORDERED:
        same_shape = any(shape.match(value) and shape.match(answer) for shape in ISO_SHAPES)
        return bool(same_shape) and _ordered(op, answer, value)
    answer, value = answer.lower(), value.lower()
    if op == "contains":
        return value in answer
    return (answer == value) == (op == "eq")


def _ordered(op: str, left, right) -> bool:
    return {"eq": left == right, "ne": left != right, "lt": left < right, "le": left <= right,
            "gt": left > right, "ge": left >= right}.get(op, False)


def calculate(expression, answers: dict) -> Decimal | None:
    """The number an expression gives for the answers; None when an input has no value or it divides by 0."""
    if isinstance(expression, int | float) and not isinstance(expression, bool):
        return Decimal(str(expression))
    if not isinstance(expression, dict):
        return None
    if "question" in expression:
        answer = answers.get(expression["question"])
        if isinstance(answer, list):
            return Decimal(len(answer))  # the picks of a multiple choice
        return read_number(answer) if isinstance(answer, str | int | float) else None
    if "count" in expression:
        answer = answers.get(expression["count"])
        return Decimal(len(answer) if isinstance(answer, list) else 0)
    if "sum" in expression:  # the inputs without a value count as 0
        return sum((calculate(part, answers) or Decimal(0) for part in expression["sum"]), Decimal(0))
    values = [calculate(part, answers) for part in expression["args"]]
    if any(value is None for value in values):
        return None
    result = values[0]
    for value in values[1:]:
        if expression["op"] == "/":
            if value == 0:
                return None
            result = result / value
        else:
            result = {"+": result + value, "-": result - value, "*": result * value}[expression["op"]]
    return result


def as_answer(number: Decimal | None) -> str | None:
    """A calculated number as its answer is kept: text, at most six decimals, no trailing zeros."""
    if number is None:
        return None
    try:
        rounded = number.quantize(PLACES, rounding=ROUND_HALF_UP).normalize()
    except InvalidOperation:
        return None
    text = format(rounded, "f")
    return "0" if text in ("-0", "0") else text


def questions_in(tree) -> list[str]:
    """The questions a condition or an expression reads, in the order met."""
    found: list[str] = []
    if isinstance(tree, dict):
        for key in ("question", "count"):
            if isinstance(tree.get(key), str):
                found.append(tree[key])
        for key in ("all", "any", "sum", "args"):
            for part in tree.get(key) or []:
                found += questions_in(part)
        if "not" in tree:
            found += questions_in(tree["not"])
    return list(dict.fromkeys(found))
