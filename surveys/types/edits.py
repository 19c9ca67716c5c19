"""The vocabulary of edits between two versions of a question, shared by the question types.

A breaking change carries a test on one response's answers (`affects`), so that the editor can say how
many responses it touches (surveys/changes.py counts them).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .values import is_empty

Test = Callable[[dict], bool]


@dataclass(frozen=True)
class Change:
    breaking: bool
    text: str
    # Whether one response's answers are touched by the change; None when no answer is in particular.
    affects: Test | None = field(default=None, compare=False, repr=False)


def setting(question: dict, key: str):
    """A type-specific setting, with its default when the definition leaves it out."""
    from . import question_type

    return question.get(key, question_type(question).defaults.get(key))


def order_change(old_items: list[dict], new_items: list[dict], text: str) -> list[Change]:
    """A safe change when the items both lists have are in another order."""
    kept = set(names(old_items)) & set(names(new_items))
    before = [name for name in names(old_items) if name in kept]
    after = [name for name in names(new_items) if name in kept]
    return [] if before == after else [Change(False, text)]


def choice_changes(old: dict, new: dict) -> list[Change]:
    name = new["name"]
    before = {choice["name"]: choice for choice in old.get("choices", [])}
    after = {choice["name"]: choice for choice in new.get("choices", [])}
    changes = []
    removed = [choice for choice in before if choice not in after]
    if removed:
        changes.append(Change(True, _("Question %(name)s loses choices: %(choices)s.")
                              % {"name": name, "choices": ", ".join(removed)}, picked(new, removed)))
    added = [choice for choice in after if choice not in before]
    if added:
        changes.append(Change(False, _("Question %(name)s gets new choices: %(choices)s.")
                              % {"name": name, "choices": ", ".join(added)}))
    kept = [choice for choice in after if choice in before]
    relabelled = [choice for choice in kept if before[choice]["label"] != after[choice]["label"]]
    if relabelled:
        changes.append(Change(False, _("Question %(name)s: choices worded differently: %(choices)s.")
                              % {"name": name, "choices": ", ".join(relabelled)}))
    exclusive = [c for c in kept if after[c].get("exclusive") and not before[c].get("exclusive")]
    if exclusive:
        # An answer that combined it with other options no longer fits.
        changes.append(Change(True, _("Question %(name)s: %(choices)s can no longer be combined with other "
                                      "options.") % {"name": name, "choices": ", ".join(exclusive)},
                              lambda answers: combined(answers.get(name), exclusive)))
    combinable = [c for c in kept if before[c].get("exclusive") and not after[c].get("exclusive")]
    if combinable:
        changes.append(Change(False, _("Question %(name)s: %(choices)s can now be combined with other "
                                       "options.") % {"name": name, "choices": ", ".join(combinable)}))
    changes += order_change(old.get("choices", []), new.get("choices", []),
                            _("Question %(name)s: its choices are in a different order.") % {"name": name})
    return changes


def row_changes(old: dict, new: dict) -> list[Change]:
    name = new["name"]
    if old.get("rows_from") != new.get("rows_from"):
        def source(question):
            if question.get("rows_from"):
                return _("the options chosen in %(question)s") % {"question": question["rows_from"]}
            return _("its own rows")

        return [Change(True, _("Question %(name)s takes its rows from %(new)s instead of %(old)s.")
                       % {"name": name, "new": source(new), "old": source(old)}, answered(name))]
    before = {row["name"]: row for row in old.get("rows", [])}
    after = {row["name"]: row for row in new.get("rows", [])}
    changes = []
    removed = [row for row in before if row not in after]
    if removed:
        changes.append(Change(True, _("Question %(name)s loses rows: %(rows)s.")
                              % {"name": name, "rows": ", ".join(removed)},
                              lambda answers: has_row(answers.get(name), removed)))
    added = [row for row in after if row not in before]
    if added and new.get("required"):
        # Every row of a required question must be answered: earlier answers lack the new ones.
        changes.append(Change(True, _("Required question %(name)s gets new rows: %(rows)s.")
                              % {"name": name, "rows": ", ".join(added)}, answered(name)))
    elif added:
        changes.append(Change(False, _("Question %(name)s gets new rows: %(rows)s.")
                              % {"name": name, "rows": ", ".join(added)}))
    relabelled = [row for row in after if row in before and before[row]["label"] != after[row]["label"]]
    if relabelled:
        changes.append(Change(False, _("Question %(name)s: rows worded differently: %(rows)s.")
                              % {"name": name, "rows": ", ".join(relabelled)}))
    changes += order_change(old.get("rows", []), new.get("rows", []),
                            _("Question %(name)s: its rows are in a different order.") % {"name": name})
    return changes


def limit(old, new, key, what, *, low: bool, read, values) -> list[Change]:
    """A lower (`low`) or upper limit that moves; `values` gives the numbers of one response it checks."""
    before, after = setting(old, key), setting(new, key)
    if before == after:
        return []
    was, now = read(before), read(after)
    if now is None:
        tighter = False
    elif was is None:
        tighter = True
    else:
        tighter = now > was if low else now < was
    text = _("Question %(name)s: %(limit)s changes from %(old)s to %(new)s.") % {
        "name": new["name"], "limit": what,
        "old": _("no limit") if before is None else before, "new": _("no limit") if after is None else after,
    }
    if not tighter:
        return [Change(False, text)]
    return [Change(True, text, lambda answers: any(value < now if low else value > now
                                                   for value in values(answers)))]


def answered(name: str) -> Test:
    return lambda answers: not is_empty(answers.get(name))


def picked(question: dict, removed: list[str]) -> Test:
    """Whether an answer chose one of the removed choices (in a matrix: in any row)."""
    name, gone = question["name"], set(removed)

    def test(answers):
        value = answers.get(name)
        if isinstance(value, dict):  # a row holds a choice, or several (a checkbox matrix)
            return any(gone.intersection(chosen if isinstance(chosen, list) else [chosen])
                       for chosen in value.values())
        if isinstance(value, list):
            return bool(gone.intersection(value))
        return value in gone

    return test


def combined(value, exclusive: list[str]) -> bool:
    return isinstance(value, list) and len(value) > 1 and bool(set(exclusive).intersection(value))


def has_row(value, rows: list[str]) -> bool:
    return isinstance(value, dict) and any(value.get(row) for row in rows)


def numbers(value) -> list[Decimal]:
    """The numbers of a number (or number table) answer, as the respondent typed them."""
    texts = value.values() if isinstance(value, dict) else [value]
    return [number for number in map(decimal, texts) if number is not None]


def dates(value) -> list[datetime.date]:
    day = date(value)
    return [day] if day else []


def counted_choices(question: dict, value, counting_exclusive: bool = False) -> list[int]:
    """How many options an answer chose. The fewest-to-choose limit does not apply to an answer with an
    exclusive option, as when answering."""
    if not isinstance(value, list) or not value:
        return []
    exclusive = {choice["name"] for choice in question.get("choices", []) if choice.get("exclusive")}
    if not counting_exclusive and exclusive.intersection(value):
        return []
    return [len(value)]


def lengths(value) -> list[int]:
    return [len(value)] if isinstance(value, str) and value else []


def decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def whole(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def names(items: list[dict]) -> list[str]:
    return [item["name"] for item in items]
