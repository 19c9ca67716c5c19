"""Sections that repeat per item ("repeat" on a section, docs/survey-format.md, Repeats).

A repeated section's answers are a list of items under the section's name, each item a dict of its
questions' answers (and the texts kept beside them): `answers["datasets"] = [{"dataset_name": ...}, ...]`.
Inside an item, conditions and rows taken from an earlier answer read the item's answers over the rest
of the response's (`context()`); outside it, nothing refers to the answers of an item.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import logic, piping
from .answering import (
    ORDERS,
    AnsweredSection,
    _asks_about,
    calculate_all,
    check_section,
    condition_holds,
    label_of,
    piped,
    visible_questions,
)
from .types import question_type

MAX_ITEMS = 50  # the largest `max` a repeat may have: the wide export and the pages stay readable
REPEAT_DEFAULTS = {"min": 0, "item_label": None, "item_name": "", "add_label": ""}
REPEAT_TEXTS = ("item_name", "add_label")  # what translations may give, at sections.<s>.repeat.<key>


def repeat_of(section: dict) -> dict | None:
    return section.get("repeat") or None


def repeated_sections(definition: dict) -> list[dict]:
    return [section for section in definition.get("sections", []) if repeat_of(section)]


def items_of(answers: dict, section: dict) -> list[dict]:
    """The items answered in a repeated section, in their order (anything else stored there is none)."""
    found = answers.get(section["name"]) if isinstance(answers, dict) else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def context(answers: dict, item: dict) -> dict:
    """What conditions and rows read inside an item: its answers over the response's others."""
    return {**answers, **item}


def item_keys(section: dict) -> set[str]:
    """The keys an item holds: its questions' names and the texts kept beside their answers."""
    keys = set()
    for question in section["questions"]:
        keys |= {question["name"], question_type(question).companion(question)} - {""}
    return keys


def is_empty_item(section: dict, item: dict) -> bool:
    return all(question_type(question).is_empty(item.get(question["name"]))
               for question in section["questions"])


def item_title(section: dict, number: int, item: dict, definition: dict, answers: dict) -> str:
    """"Dataset 2: Rare disease trios": the item's name and number, and its label question's answer."""
    repeat = repeat_of(section) or {}
    title = f"{repeat.get('item_name') or _('Item')} {number}"
    name = repeat.get("item_label")
    question = next((question for question in section["questions"] if question["name"] == name), None)
    if question is None:
        return title
    words = label_of(question, item.get(name), definition, context(answers, item))
    return f"{title}: {words}" if words else title


# --- Where a respondent is --------------------------------------------------------------------------
# Response.section holds the section's name, and for a repeated section the item too: "datasets:2".


def location(name: str, number: int | None = None) -> str:
    return f"{name}:{number}" if number else name


def read_location(value: str) -> tuple[str, int | None]:
    name, colon, number = (value or "").partition(":")
    return (name, int(number)) if colon and number.isdigit() else (name, None)


# --- Answering one item -----------------------------------------------------------------------------


class AnsweredItem(AnsweredSection):
    """One item of a repeated section as a form: the item `number` (from 1; one past the last is a new
    item, kept once something is answered in it). `answers` are the response's; `stored` holds them with
    the item read in."""

    def __init__(self, definition: dict, section: dict, answers: dict, number: int,
                 on_page: list[dict] | None = None):
        self.whole = answers
        self.items = items_of(answers, section)
        self.number = number
        self.new = number > len(self.items)
        self.item = {} if self.new else dict(self.items[number - 1])
        super().__init__(definition, section, context(answers, self.item), on_page)

    def read(self, data) -> None:
        super().read(data)
        calculate_all(self.definition, self.answers, [self.section])  # the item's own calculations
        keys = item_keys(self.section)
        self.item = {key: value for key, value in self.answers.items() if key in keys}
        items = list(self.items)
        if not self.new:
            items[self.number - 1] = self.item
        elif not is_empty_item(self.section, self.item) and len(items) < self.section["repeat"]["max"]:
            items.append(self.item)
            self.number, self.new = len(items), False
        self.items = items
        self.whole = {**self.whole, self.section["name"]: items}

    def check(self) -> dict[str, list[str]]:
        if self.new:  # nothing answered in a new item: it is not kept, so it asks nothing yet
            self.errors = {}
            return self.errors
        return super().check()

    @property
    def stored(self) -> dict:
        """The response's answers with the item read in, and the orders of shuffled choices shown."""
        if ORDERS in self.answers:
            return {**self.whole, ORDERS: self.answers[ORDERS]}
        return self.whole


def removed_item(answers: dict, section: dict, number: int) -> dict:
    """The answers without item `number` of the section (the next ones move up)."""
    items = items_of(answers, section)
    if 1 <= number <= len(items):
        items = items[: number - 1] + items[number:]
    return {**answers, section["name"]: items}


def count_problems(section: dict, count: int) -> list[str]:
    repeat = repeat_of(section)
    if count < repeat["min"]:
        return [ngettext("Add at least %(count)d item.", "Add at least %(count)d items.", repeat["min"])
                % {"count": repeat["min"]}]
    if count > repeat["max"]:
        return [ngettext("Keep at most %(count)d item.", "Keep at most %(count)d items.", repeat["max"])
                % {"count": repeat["max"]}]
    return []


def item_problems(definition: dict, section: dict, answers: dict) -> dict[str, dict[str, list[str]]]:
    """What stops a submit in a shown repeated section, by location: each item's problems, and too few
    (at the new item) or too many items (at the first)."""
    problems = {}
    items = items_of(answers, section)
    for number, item in enumerate(items, start=1):
        found = check_section(section, definition, context(answers, item))
        if found:
            problems[location(section["name"], number)] = found
    counted = count_problems(section, len(items))
    if counted:
        at = len(items) + 1 if len(items) < repeat_of(section)["min"] else 1
        problems[location(section["name"], at)] = {"": counted}
    return problems


def kept_items(definition: dict, answers: dict, shown_sections: list[dict]) -> dict:
    """The items to keep on submitting, by section: the answers their items show, without empty items
    (and the orders their shuffled choices were shown in, with the response's others)."""
    kept = {}
    orders = answers.get(ORDERS) or {}
    shown_orders = {}
    for section in shown_sections:
        if not repeat_of(section):
            continue
        items = []
        for item in items_of(answers, section):
            seen = context(answers, item)
            one = {}
            for question in visible_questions(section, seen):
                kind, value = question_type(question), item.get(question["name"])
                if kind.is_empty(value):
                    continue
                one[question["name"]] = value
                key = kind.companion(question)
                if key and kind.asks_companion(question, value) and item.get(key):
                    one[key] = item[key]
                if question["name"] in orders:
                    shown_orders[question["name"]] = orders[question["name"]]
            if one:
                items.append(one)
        if items:
            kept[section["name"]] = items
    if shown_orders:
        kept[ORDERS] = shown_orders
    return kept


def items_in_words(definition: dict, section: dict, answers: dict) -> list[dict]:
    """Each item numbered with its title and its answers in words, for the review page and the receipt."""
    described = []
    for number, item in enumerate(items_of(answers, section), start=1):
        seen = context(answers, item)
        described.append({
            "number": number,
            "title": item_title(section, number, item, definition, answers),
            "answers": [(piped(question, definition, seen),
                         label_of(question, item.get(question["name"]), definition, seen))
                        for question in visible_questions(section, seen)],
        })
    return described


# --- Rules of the definition ------------------------------------------------------------------------


def definition_problems(data: dict) -> list[str]:
    """The rules of repeated sections (the structure is the schema's), one readable line each."""
    problems = []
    names = set()
    for section in data["sections"]:
        names |= item_keys(section)
    inside: dict[str, str] = {}  # question -> the repeated section it is in
    for section in data["sections"]:
        repeat, name = repeat_of(section), section["name"]
        where = f"section {name}"
        refers = _asks_about(section.get("condition"))
        if any(ref in inside for ref in refers):
            problems.append(f"{where}: its condition refers to a question of a repeated section; conditions "
                            "outside a repeat cannot depend on the answers of its items")
        for question in section["questions"]:
            refers = _refers_to(question)
            outside = sorted(ref for ref in refers if ref in inside and inside[ref] != name)
            if outside:
                problems.append(f"question {question['name']}: it refers to {', '.join(outside)}, in a "
                                "repeated section; only the questions of that repeat may refer to them")
        if not repeat:
            continue
        questions = [question["name"] for question in section["questions"]]
        if repeat.get("min", 0) > repeat["max"]:
            problems.append(f"{where}: its repeat's min ({repeat['min']}) is more than its max "
                            f"({repeat['max']})")
        label = repeat.get("item_label")
        if label and label not in questions:
            problems.append(f"{where}: its repeat's item_label {label!r} is not a question of the section")
        if name in names:
            problems.append(f"{where}: a repeated section keeps its items under its name, which a question "
                            "(or the text beside one) already has; choose another name")
        problems += [f"question {question['name']}: a {question['type']} question cannot be in a repeated "
                     "section" for question in section["questions"] if question_type(question).keeps_files]
        inside |= dict.fromkeys(questions, name)
    problems += [f"dashboard: {entry['question']!r} is a question of a repeated section; the dashboard "
                 "counts one answer a response"
                 for entry in data.get("dashboard", []) if entry["question"] in inside]
    return problems



def _refers_to(question: dict) -> set[str]:
    """The questions whose answers a question reads: in its conditions, rows, calculation and texts."""
    trees = [question.get("condition"), question.get("required_when"), question.get("expression")]
    trees += [choice.get("when") for choice in question.get("choices", [])]
    names = {name for tree in trees for name in logic.questions_in(tree)}
    names |= {name for key in ("label", "help") for name in piping.placeholders(question.get(key) or "")}
    return names | {question.get("rows_from") or ""}


# --- Edits of a published survey (surveys/changes.py) -------------------------------------------------


def over_items(section: dict, changes: list) -> list:
    """Changes to questions of a repeated section, their tests run on each item (with the answers
    around it): a response is touched when any of its items is."""
    from .types.edits import Change

    if not repeat_of(section):
        return changes

    def each_item(test):
        return lambda answers: any(test(context(answers, item)) for item in items_of(answers, section))

    return [Change(change.breaking, change.text, each_item(change.affects) if change.affects else None)
            for change in changes]


def placement_changes(old_section: dict, new_section: dict, question: dict) -> list:
    """A question moved into a repeated section, out of one, or from one to another: its answers are
    kept elsewhere (per item, or once), so the answers given before no longer compare."""
    from .types.edits import Change, answered

    before = old_section["name"] if repeat_of(old_section) else ""
    after = new_section["name"] if repeat_of(new_section) else ""
    if before == after or old_section["name"] == new_section["name"]:
        return []  # the same repeat, or a section that itself becomes or stops being one (section_changes)
    words = {"name": question["name"], "old": old_section["name"], "new": new_section["name"]}
    text = _("Question %(name)s moves from section %(old)s to section %(new)s, and from answers given once "
             "to answers given per item or back.") % words
    return over_items(old_section, [Change(True, text, answered(question["name"]))])


def section_changes(old: dict, new: dict) -> list:
    """What changes when a section becomes repeated, stops being so, or changes its bounds or words."""
    from .types.edits import Change

    before, after, name = repeat_of(old), repeat_of(new), new["name"]
    words = {"name": name}
    if not before and not after:
        return []
    if not before and not old["questions"]:  # a new section
        if not after.get("min"):
            return []
        return [Change(True, _("New section %(name)s needs at least %(count)d items.")
                       % {**words, "count": after["min"]},
                       lambda answers: condition_holds(new.get("condition"), answers))]
    if not before:
        return [Change(True, _("Section %(name)s becomes repeated: the answers given once move into items.")
                       % words, lambda answers: any(item_keys(new) & set(answers)))]
    if not after:
        return [Change(True, _("Section %(name)s is no longer repeated: the items given are not asked any "
                               "more.") % words, lambda answers: bool(items_of(answers, old)))]
    changes = []
    low, high = before.get("min", 0), before["max"]
    if after["max"] < high:
        changes.append(Change(True, _("Section %(name)s takes at most %(count)d items instead of %(old)d.")
                              % {**words, "count": after["max"], "old": high},
                              lambda answers: len(items_of(answers, old)) > after["max"]))
    if after.get("min", 0) > low:
        changes.append(Change(True, _("Section %(name)s needs at least %(count)d items instead of %(old)d.")
                              % {**words, "count": after["min"], "old": low},
                              lambda answers: condition_holds(new.get("condition"), answers)
                              and len(items_of(answers, old)) < after["min"]))
    if after["max"] > high or after.get("min", 0) < low:
        changes.append(Change(False, _("Section %(name)s takes more items, or needs fewer.") % words))
    if any(before.get(key) != after.get(key) for key in ("item_label", "item_name", "add_label")):
        changes.append(Change(False, _("Section %(name)s names its items or its button differently.")
                              % words))
    return changes
