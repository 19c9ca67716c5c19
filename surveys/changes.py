"""What an edit of a survey does to the answers already given: safe, or breaking comparability.

compare(old, new) lists every difference a respondent or an answer can notice. A breaking change carries a
test on one response's answers (`affects`), so that the editor can say how many responses it touches:
count_affected() runs those tests over the answers given.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .answering import condition_holds, is_empty
from .definition import TYPE_DEFAULTS

Test = Callable[[dict], bool]


@dataclass(frozen=True)
class Change:
    breaking: bool
    text: str
    # Whether one response's answers are touched by the change; None when no answer is in particular.
    affects: Test | None = field(default=None, compare=False, repr=False)


def compare(old: dict, new: dict) -> list[Change]:
    """The changes from one valid definition to the next, breaking ones first."""
    changes = _survey_changes(old, new) + _section_changes(old, new)
    before, after = _placed(old), _placed(new)
    for name, (section, question) in before.items():
        if name in after:
            changes += _question_changes(section, question, *after[name])
        else:
            changes.append(Change(True, _("Question “%(label)s” (%(name)s) is removed.")
                                  % {"label": question["label"], "name": name}, _answered(name)))
    for name, (section, question) in after.items():
        if name in before:
            continue
        words = {"label": question["label"], "name": name}
        if question.get("required"):
            # Nobody who answered before was asked it: every response it would be asked in lacks it.
            changes.append(Change(True, _("New required question “%(label)s” (%(name)s).") % words,
                                  _asked_in(section, question)))
        else:
            changes.append(Change(False, _("New optional question “%(label)s” (%(name)s).") % words))
    return sorted(changes, key=lambda change: not change.breaking)


def count_affected(changes: list[Change], answer_sets: Iterable[dict]) -> list[int]:
    """How many of the given responses (their answers) each change touches."""
    counts = [0] * len(changes)
    for answers in answer_sets:
        for position, change in enumerate(changes):
            if change.affects is not None and change.affects(answers or {}):
                counts[position] += 1
    return counts


# The survey and its sections


def _survey_changes(old: dict, new: dict) -> list[Change]:
    changes = []
    if any(old.get(key, "") != new.get(key, "") for key in ("title", "intro")):
        changes.append(Change(False, _("The survey's title or introduction is worded differently.")))
    if old.get("languages") != new.get("languages"):
        changes.append(Change(False, _("The languages change from %(old)s to %(new)s.") % {
            "old": ", ".join(old.get("languages") or []), "new": ", ".join(new.get("languages") or [])}))
    if (old.get("translations") or {}) != (new.get("translations") or {}):
        changes.append(Change(False, _("Translations change.")))
    if old.get("privacy_statement_url", "") != new.get("privacy_statement_url", ""):
        changes.append(Change(False, _("The privacy statement link changes.")))
    if old.get("name") != new.get("name"):
        changes.append(Change(False, _("The survey's machine name changes from %(old)s to %(new)s.")
                              % {"old": old.get("name"), "new": new.get("name")}))
    return changes


def _section_changes(old: dict, new: dict) -> list[Change]:
    changes = []
    before = {section["name"]: section for section in old["sections"]}
    after = {section["name"]: section for section in new["sections"]}
    for name, section in after.items():
        if name not in before:
            changes.append(Change(False, _("New section “%(title)s” (%(name)s).")
                                  % {"title": section["title"], "name": name}))
            continue
        earlier = before[name]
        if any(earlier.get(key, "") != section.get(key, "") for key in ("title", "intro")):
            changes.append(Change(False, _("Section %(name)s: its title or introduction is worded "
                                           "differently.") % {"name": name}))
        if earlier.get("condition") != section.get("condition"):
            changes.append(Change(
                True,
                _("Section %(name)s is shown to other respondents than before (its condition changes).")
                % {"name": name},
                _flips(earlier.get("condition"), section.get("condition")),
            ))
        changes += _order_change(
            earlier["questions"], section["questions"],
            _("Section %(name)s: its questions are in a different order.") % {"name": name},
        )
    for name, section in before.items():
        if name not in after:
            words = {"title": section["title"], "name": name}
            changes.append(Change(False, _("Section “%(title)s” (%(name)s) is removed; its questions are "
                                           "listed on their own.") % words))
    changes += _order_change(old["sections"], new["sections"], _("The sections are in a different order."))
    return changes


def _order_change(old_items: list[dict], new_items: list[dict], text: str) -> list[Change]:
    """A safe change when the items both lists have are in another order."""
    kept = set(_names(old_items)) & set(_names(new_items))
    before = [name for name in _names(old_items) if name in kept]
    after = [name for name in _names(new_items) if name in kept]
    return [] if before == after else [Change(False, text)]


# One question


def _question_changes(old_section: dict, old: dict, new_section: dict, new: dict) -> list[Change]:
    name = new["name"]
    words = {"name": name}
    changes = []
    if any(old.get(key, "") != new.get(key, "") for key in ("label", "help")):
        changes.append(Change(False, _("Question %(name)s is worded differently.") % words))
    changes += _where_asked(old_section, old, new_section, new)
    if new.get("required") and not old.get("required"):
        # Those who were asked it and left it empty have an answer the new version would refuse.
        changes.append(Change(True, _("Question %(name)s becomes required.") % words,
                              lambda answers: _asked(old_section, old, answers)
                              and is_empty(answers.get(name))))
    elif old.get("required") and not new.get("required"):
        changes.append(Change(False, _("Question %(name)s becomes optional.") % words))
    if bool(old.get("personal")) != bool(new.get("personal")):
        # Erasure reads the flag of every version, so answers given before are covered either way.
        changes.append(Change(False, (_("Question %(name)s is marked personal: erasure removes its answers.")
                                      if new.get("personal") else
                                      _("Question %(name)s is no longer marked personal.")) % words))
    if old["type"] != new["type"]:
        changes.append(Change(True, _("Question %(name)s changes type from %(old)s to %(new)s.")
                              % {**words, "old": old["type"], "new": new["type"]}, _answered(name)))
        return changes
    changes += _choice_changes(old, new)
    changes += _row_changes(old, new)
    changes += _limit_changes(old, new)
    if _setting(old, "widget") != _setting(new, "widget"):
        changes.append(Change(False, _("Question %(name)s is shown as %(widget)s.") % {
            **words, "widget": _("a dropdown") if new.get("widget") == "dropdown" else _("radio buttons")}))
    return changes


def _where_asked(old_section: dict, old: dict, new_section: dict, new: dict) -> list[Change]:
    """The question's own condition, and a move to another section (whose condition may differ)."""
    name = new["name"]
    changes = []

    def shown_differently(answers):
        return _asked(old_section, old, answers) != _asked(new_section, new, answers)

    if old.get("condition") != new.get("condition"):
        changes.append(Change(True, _("Question %(name)s is asked of other respondents than before (its "
                                      "condition changes).") % {"name": name}, shown_differently))
    if old_section["name"] != new_section["name"]:
        words = {"name": name, "old": old_section["name"], "new": new_section["name"]}
        if old_section.get("condition") != new_section.get("condition"):
            changes.append(Change(True, _("Question %(name)s moves from section %(old)s to section %(new)s, "
                                          "which is shown to other respondents.") % words, shown_differently))
        else:
            changes.append(Change(False, _("Question %(name)s moves from section %(old)s to section "
                                           "%(new)s.") % words))
    return changes


def _choice_changes(old: dict, new: dict) -> list[Change]:
    name = new["name"]
    before = {choice["name"]: choice for choice in old.get("choices", [])}
    after = {choice["name"]: choice for choice in new.get("choices", [])}
    changes = []
    removed = [choice for choice in before if choice not in after]
    if removed:
        changes.append(Change(True, _("Question %(name)s loses choices: %(choices)s.")
                              % {"name": name, "choices": ", ".join(removed)}, _picked(new, removed)))
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
                              lambda answers: _combined(answers.get(name), exclusive)))
    combinable = [c for c in kept if before[c].get("exclusive") and not after[c].get("exclusive")]
    if combinable:
        changes.append(Change(False, _("Question %(name)s: %(choices)s can now be combined with other "
                                       "options.") % {"name": name, "choices": ", ".join(combinable)}))
    changes += _order_change(old.get("choices", []), new.get("choices", []),
                             _("Question %(name)s: its choices are in a different order.") % {"name": name})
    return changes


def _row_changes(old: dict, new: dict) -> list[Change]:
    name = new["name"]
    if old.get("rows_from") != new.get("rows_from"):
        def source(question):
            if question.get("rows_from"):
                return _("the options chosen in %(question)s") % {"question": question["rows_from"]}
            return _("its own rows")

        return [Change(True, _("Question %(name)s takes its rows from %(new)s instead of %(old)s.")
                       % {"name": name, "new": source(new), "old": source(old)}, _answered(name))]
    before = {row["name"]: row for row in old.get("rows", [])}
    after = {row["name"]: row for row in new.get("rows", [])}
    changes = []
    removed = [row for row in before if row not in after]
    if removed:
        changes.append(Change(True, _("Question %(name)s loses rows: %(rows)s.")
                              % {"name": name, "rows": ", ".join(removed)},
                              lambda answers: _has_row(answers.get(name), removed)))
    added = [row for row in after if row not in before]
    if added and new.get("required"):
        # Every row of a required question must be answered: earlier answers lack the new ones.
        changes.append(Change(True, _("Required question %(name)s gets new rows: %(rows)s.")
                              % {"name": name, "rows": ", ".join(added)}, _answered(name)))
    elif added:
        changes.append(Change(False, _("Question %(name)s gets new rows: %(rows)s.")
                              % {"name": name, "rows": ", ".join(added)}))
    relabelled = [row for row in after if row in before and before[row]["label"] != after[row]["label"]]
    if relabelled:
        changes.append(Change(False, _("Question %(name)s: rows worded differently: %(rows)s.")
                              % {"name": name, "rows": ", ".join(relabelled)}))
    changes += _order_change(old.get("rows", []), new.get("rows", []),
                             _("Question %(name)s: its rows are in a different order.") % {"name": name})
    return changes


def _limit_changes(old: dict, new: dict) -> list[Change]:
    """Limits that move. A tighter one breaks: answers given under the old one may not fit it."""
    name, kind = new["name"], new["type"]
    changes = []
    if kind in ("number", "number_table"):
        if _setting(old, "kind") == "decimal" and _setting(new, "kind") != "decimal":
            changes.append(Change(True, _("Question %(name)s takes whole numbers only.") % {"name": name},
                                  lambda answers: any(n != n.to_integral_value()
                                                      for n in _numbers(answers.get(name)))))
        elif _setting(old, "kind") != "decimal" and _setting(new, "kind") == "decimal":
            changes.append(Change(False, _("Question %(name)s also takes decimal numbers.") % {"name": name}))
        changes += _limit(old, new, "min", _("the smallest number allowed"), low=True, read=_decimal,
                          values=lambda answers: _numbers(answers.get(name)))
        changes += _limit(old, new, "max", _("the largest number allowed"), low=False, read=_decimal,
                          values=lambda answers: _numbers(answers.get(name)))
    elif kind == "date":
        changes += _limit(old, new, "min", _("the earliest date allowed"), low=True, read=_date,
                          values=lambda answers: _dates(answers.get(name)))
        changes += _limit(old, new, "max", _("the latest date allowed"), low=False, read=_date,
                          values=lambda answers: _dates(answers.get(name)))
    elif kind == "multiple_choice":
        changes += _limit(old, new, "min_selected", _("the fewest options to choose"), low=True,
                          read=_whole, values=lambda answers: _counted_choices(new, answers.get(name)))
        changes += _limit(old, new, "max_selected", _("the most options to choose"), low=False,
                          read=_whole, values=lambda answers: _counted_choices(new, answers.get(name), True))
    elif kind in ("short_text", "long_text"):
        changes += _limit(old, new, "max_length", _("the longest answer allowed (characters)"), low=False,
                          read=_whole, values=lambda answers: _lengths(answers.get(name)))
    return changes


def _limit(old, new, key, what, *, low: bool, read, values) -> list[Change]:
    """A lower (`low`) or upper limit that moves; `values` gives the numbers of one response it checks."""
    before, after = _setting(old, key), _setting(new, key)
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


# Tests on one response's answers


def _asked(section: dict, question: dict, answers: dict) -> bool:
    return condition_holds(section.get("condition"), answers) and condition_holds(
        question.get("condition"), answers)


def _asked_in(section: dict, question: dict) -> Test:
    return lambda answers: _asked(section, question, answers)


def _flips(old_condition: dict | None, new_condition: dict | None) -> Test:
    return lambda answers: condition_holds(old_condition, answers) != condition_holds(new_condition, answers)


def _answered(name: str) -> Test:
    return lambda answers: not is_empty(answers.get(name))


def _picked(question: dict, removed: list[str]) -> Test:
    """Whether an answer chose one of the removed choices (in a matrix: in any row)."""
    name, gone = question["name"], set(removed)

    def test(answers):
        value = answers.get(name)
        if isinstance(value, dict):
            return bool(gone.intersection(value.values()))
        if isinstance(value, list):
            return bool(gone.intersection(value))
        return value in gone

    return test


def _combined(value, exclusive: list[str]) -> bool:
    return isinstance(value, list) and len(value) > 1 and bool(set(exclusive).intersection(value))


def _has_row(value, rows: list[str]) -> bool:
    return isinstance(value, dict) and any(value.get(row) for row in rows)


def _numbers(value) -> list[Decimal]:
    """The numbers of a number (or number table) answer, as the respondent typed them."""
    texts = value.values() if isinstance(value, dict) else [value]
    return [number for number in map(_decimal, texts) if number is not None]


def _dates(value) -> list[datetime.date]:
    day = _date(value)
    return [day] if day else []


def _counted_choices(question: dict, value, counting_exclusive: bool = False) -> list[int]:
    """How many options an answer chose. The fewest-to-choose limit does not apply to an answer with an
    exclusive option, as when answering."""
    if not isinstance(value, list) or not value:
        return []
    exclusive = {choice["name"] for choice in question.get("choices", []) if choice.get("exclusive")}
    if not counting_exclusive and exclusive.intersection(value):
        return []
    return [len(value)]


def _lengths(value) -> list[int]:
    return [len(value)] if isinstance(value, str) and value else []


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _whole(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# Reading definitions


def _placed(definition: dict) -> dict[str, tuple[dict, dict]]:
    """Each question by name, with its section."""
    return {question["name"]: (section, question)
            for section in definition["sections"] for question in section["questions"]}


def _names(items: list[dict]) -> list[str]:
    return [item["name"] for item in items]


def _setting(question: dict, key: str):
    """A type-specific setting, with its default when the definition leaves it out."""
    return question.get(key, TYPE_DEFAULTS.get(question["type"], {}).get(key))
