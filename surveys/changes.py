"""What an edit of a survey does to the answers already given: safe, or breaking comparability.

compare(old, new) lists every difference a respondent or an answer can notice; the differences in a
question type's own settings come from the type (surveys/types/). A breaking change carries a test on one
response's answers (`affects`), so that the editor can say how many responses it touches: count_affected()
runs those tests over the answers given.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from . import repeats
from .answering import condition_holds, is_required
from .types import question_type
from .types.edits import Change, Test, answered, is_empty, order_change


def compare(old: dict, new: dict) -> list[Change]:
    """The changes from one valid definition to the next, breaking ones first."""
    changes = _survey_changes(old, new) + _section_changes(old, new)
    before, after = _placed(old), _placed(new)
    for name, (section, question) in before.items():
        if name in after:
            # In a repeated section, a change touches a response when it touches one of its items.
            changes += repeats.over_items(section, _question_changes(section, question, *after[name]))
            changes += repeats.placement_changes(section, after[name][0], question)
        else:
            words = {"label": question["label"], "name": name}
            changes += repeats.over_items(section, [Change(
                True, _("Question “%(label)s” (%(name)s) is removed.") % words, answered(name))])
    for name, (section, question) in after.items():
        if name in before:
            continue
        words = {"label": question["label"], "name": name}
        if question.get("required"):
            # Nobody who answered before was asked it: every response it would be asked in lacks it.
            changes += repeats.over_items(section, [Change(
                True, _("New required question “%(label)s” (%(name)s).") % words,
                _asked_in(section, question))])
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
            changes += repeats.section_changes({**section, "repeat": None, "questions": []}, section)
            continue
        earlier = before[name]
        changes += repeats.section_changes(earlier, section)
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
        changes += order_change(
            earlier["questions"], section["questions"],
            _("Section %(name)s: its questions are in a different order.") % {"name": name},
        )
    for name, section in before.items():
        if name not in after:
            words = {"title": section["title"], "name": name}
            changes.append(Change(False, _("Section “%(title)s” (%(name)s) is removed; its questions are "
                                           "listed on their own.") % words))
    changes += order_change(old["sections"], new["sections"], _("The sections are in a different order."))
    return changes


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
    if old.get("required_when") != new.get("required_when") and not new.get("required"):
        # Breaking for those asked it who left it empty where the new condition requires it, the old not.
        def newly_required(answers):
            return (_asked(new_section, new, answers) and is_empty(answers.get(name))
                    and is_required(new, answers) and not is_required(old, answers))

        changes.append(Change(True, _("Question %(name)s is required in other cases than before.") % words,
                              newly_required))
    if bool(old.get("personal")) != bool(new.get("personal")):
        # Erasure reads the flag of every version, so answers given before are covered either way.
        changes.append(Change(False, (_("Question %(name)s is marked personal: erasure removes its answers.")
                                      if new.get("personal") else
                                      _("Question %(name)s is no longer marked personal.")) % words))
    if old["type"] != new["type"]:
        changes.append(Change(True, _("Question %(name)s changes type from %(old)s to %(new)s.")
                              % {**words, "old": old["type"], "new": new["type"]}, answered(name)))
        return changes
    return changes + question_type(new).changes(old, new)


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


# Tests on one response's answers


def _asked(section: dict, question: dict, answers: dict) -> bool:
    return condition_holds(section.get("condition"), answers) and condition_holds(
        question.get("condition"), answers)


def _asked_in(section: dict, question: dict) -> Test:
    return lambda answers: _asked(section, question, answers)


def _flips(old_condition: dict | None, new_condition: dict | None) -> Test:
    return lambda answers: condition_holds(old_condition, answers) != condition_holds(new_condition, answers)


# Reading definitions


def _placed(definition: dict) -> dict[str, tuple[dict, dict]]:
    """Each question by name, with its section."""
    return {question["name"]: (section, question)
            for section in definition["sections"] for question in section["questions"]}
