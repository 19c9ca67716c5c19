"""The question builder of the survey page editor.

Coordinators build sections and questions with Wagtail blocks; what is stored, versioned, validated and
exported stays the survey format (docs/survey-format.md). `to_builder` turns a definition into the
builder's value and `from_builder` turns it back, so that a definition survives the round trip unchanged:
keys that hold their default are left out, as in hand-written files.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .definition import FORMAT
from .repeats import MAX_ITEMS
from .types import question_type, registered
from .types.values import read_number

COORDINATORS_ONLY = _("For coordinators; never shown to respondents.")
ADDED = _("Added by the portal to a survey carried from elsewhere.")
NAME_HELP = _(
    "Machine name used by answers, results and exports: lower case letters, digits and _, starting "
    "with a letter. It never comes from the label; do not change it once the survey has answers."
)
name_rule = RegexValidator(r"^[a-z][a-z0-9_]{0,62}$", _("Use lower case letters, digits and _, starting "
                                                         "with a letter (at most 63 characters)."))


def _name_block(**kwargs) -> blocks.CharBlock:
    return blocks.CharBlock(max_length=63, validators=[name_rule], help_text=NAME_HELP, **kwargs)


OPERATORS = [
    ("in", _("has one of the choices")),
    ("eq", _("equals")), ("ne", _("differs from")),
    ("lt", _("is less than (before)")), ("le", _("is at most")),
    ("gt", _("is more than (after)")), ("ge", _("is at least")),
    ("contains", _("contains the text")),
    ("answered", _("is answered")), ("not_answered", _("is not answered")),
]


class RuleBlock(blocks.StructBlock):
    negate = blocks.BooleanBlock(required=False, label=_("Not"), help_text=_("The rule holds when this is "
                                                                               "not so."))
    question = _name_block(label=_("Earlier question"))
    op = blocks.ChoiceBlock(choices=OPERATORS, default="in", label=_("Operator"))
    choices = blocks.CharBlock(required=False, help_text=_("Machine names of its choices, separated by "
                                                           "commas (for “has one of the choices”)."))
    value = blocks.CharBlock(required=False, help_text=_("A number, a date (2024-12-31), a time (08:30) or a "
                                                         "text, to compare the answer with."))

    def clean(self, value):
        value = super().clean(value)
        op = value["op"] or "in"
        if op == "in" and not (value["choices"] or "").strip():
            raise StructBlockValidationError({"choices": ValidationError(_("Name at least one choice."))})
        if op not in ("in", "answered", "not_answered") and not (value["value"] or "").strip():
            raise StructBlockValidationError({"value": ValidationError(_("Give a value to compare with."))})
        return value


class ConditionBlock(blocks.StructBlock):
    """A condition as rules (all or any of them), or any condition as JSON."""

    match = blocks.ChoiceBlock(
        choices=[("all", _("All of these hold")), ("any", _("Any of these holds"))], default="all"
    )
    rules = blocks.ListBlock(RuleBlock(), min_num=0, default=[], label=_("Answers"))
    expression = blocks.TextBlock(
        required=False,
        label=_("Advanced condition (JSON)"),
        help_text=_("A condition in the survey format, for nested all/any/not; it replaces the answers "
                    "above."),
    )

    class Meta:
        label = _("Shown only when")
        help_text = _("Leave empty to always show it.")
        collapsed = True

    def clean(self, value):
        value = super().clean(value)
        if (value["expression"] or "").strip():
            try:
                json.loads(value["expression"])
            except ValueError as error:
                raise StructBlockValidationError(
                    {"expression": ValidationError(_("Not valid JSON: %(error)s") % {"error": error})}
                ) from error
        return value


def _question_blocks() -> list[tuple[str, blocks.Block]]:
    """The fields every question has, in the order the editor shows them."""
    return [
        ("name", _name_block()),
        ("label", blocks.CharBlock(label=_("Question"))),
        ("help", blocks.TextBlock(required=False, label=_("Help text"))),
        ("required", blocks.BooleanBlock(required=False)),
        ("personal", blocks.BooleanBlock(
            required=False,
            help_text=_("The answer identifies a person (a name, an institution ...): erasure removes it."),
        )),
    ]


def _closing_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("condition", ConditionBlock()),
        ("required_when", ConditionBlock(label=_("Required only when"),
                                         help_text=_("Leave empty unless the answer is required only when "
                                                     "these hold (“required” above requires it always)."))),
        ("added", blocks.BooleanBlock(required=False, help_text=ADDED)),
        ("note", blocks.TextBlock(required=False, help_text=COORDINATORS_ONLY)),
    ]


class QuestionBlock(blocks.StructBlock):
    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        own = question_type(kind).builder_blocks()
        super().__init__(_question_blocks() + own + _closing_blocks(), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        errors = question_type(self.kind).builder_errors(value)
        for low, high in (("min", "max"), ("min_selected", "max_selected")):
            if value.get(low) is not None and value.get(high) is not None and value[low] > value[high]:
                errors[high] = ValidationError(_("Must not be less than the smallest."))
        if errors:
            raise StructBlockValidationError(errors)
        return value


class RepeatBlock(blocks.StructBlock):
    """A section answered once per item (surveys/repeats.py); off, the section is answered once."""

    repeats = blocks.BooleanBlock(
        required=False, label=_("Repeat per item"),
        help_text=_("The section is answered once for each item (a dataset, a site ...)."),
    )
    min = blocks.IntegerBlock(required=False, min_value=0, max_value=MAX_ITEMS, label=_("Fewest items"))
    max = blocks.IntegerBlock(required=False, min_value=1, max_value=MAX_ITEMS, label=_("Most items"))
    item_label = blocks.CharBlock(required=False, label=_("Question naming each item"),
                                  help_text=_("The machine name of a question of this section."))
    item_name = blocks.CharBlock(required=False, label=_("What an item is called"),
                                 help_text=_("Shown before its number: “Dataset 2”. Empty: “Item”."))
    add_label = blocks.CharBlock(required=False, label=_("Button that adds an item"),
                                 help_text=_("Empty: “Add another”."))

    def clean(self, value):
        value = super().clean(value)
        if value["repeats"] and not value["max"]:
            raise StructBlockValidationError({"max": ValidationError(_("A repeated section needs a most."))})
        if value["repeats"] and (value["min"] or 0) > value["max"]:
            raise StructBlockValidationError({"max": ValidationError(_("Must not be less than the fewest."))})
        return value


class SectionBlock(blocks.StructBlock):
    name = _name_block()
    title = blocks.CharBlock()
    intro = blocks.TextBlock(required=False, help_text=_("Plain text; a blank line starts a paragraph."))
    condition = ConditionBlock()
    added = blocks.BooleanBlock(required=False, help_text=ADDED)
    note = blocks.TextBlock(required=False, help_text=COORDINATORS_ONLY)
    repeat = RepeatBlock()
    questions = blocks.StreamBlock(
        [(kind.name, QuestionBlock(kind.name, label=kind.label)) for kind in registered()], min_num=1
    )

    class Meta:
        icon = "folder-open-inverse"


def sections_block() -> blocks.StreamBlock:
    block = blocks.StreamBlock([("section", SectionBlock())], min_num=1, label=_("Sections and questions"))
    block.set_name("sections")
    return block


# From a definition to the builder's value


def _condition_value(condition: dict | None) -> dict:
    """The condition as rules when it is flat (one rule, or all/any of rules); else as JSON."""
    empty = {"match": "all", "rules": [], "expression": ""}
    if not condition:
        return empty
    if _is_rule(condition):
        return {**empty, "rules": [_rule(condition)]}
    match = "all" if "all" in condition else "any" if "any" in condition else ""
    parts = condition.get(match) or []
    flat = match and all(_is_rule(part) for part in parts) and (len(parts) > 1 or match == "any")
    if flat:
        return {**empty, "match": match, "rules": [_rule(part) for part in parts]}
    return {**empty, "expression": json.dumps(condition, ensure_ascii=False)}


def _is_rule(condition: dict) -> bool:
    """One answer tested, or such a test negated."""
    return "question" in condition or ("not" in condition and "question" in condition["not"])


def _rule(condition: dict) -> dict:
    negate = "not" in condition
    condition = condition["not"] if negate else condition
    value = condition.get("value")
    return {"negate": negate, "question": condition["question"], "op": condition.get("op", "in"),
            "choices": ", ".join(condition.get("in", [])), "value": "" if value is None else str(value)}


def _question_value(question: dict) -> dict:
    value = {key: item for key, item in question.items() if key not in ("type", "condition", "required_when")}
    for key in ("min", "max"):
        if isinstance(value.get(key), float):
            value[key] = str(value[key])  # so that 0.1 becomes Decimal("0.1"), not its binary neighbour
    value["condition"] = _condition_value(question.get("condition"))
    value["required_when"] = _condition_value(question.get("required_when"))
    return value


def to_builder(definition: dict):
    """The builder's value (a StreamValue of sections) for a definition."""
    raw = [
        {"type": "section", "value": {
            **{key: item for key, item in section.items() if key not in ("questions", "condition", "repeat")},
            "condition": _condition_value(section.get("condition")),
            "repeat": {"repeats": True, **section["repeat"]} if section.get("repeat") else {"repeats": False},
            "questions": [{"type": question["type"], "value": _question_value(question)}
                          for question in section["questions"]],
        }}
        for section in definition.get("sections", [])
    ]
    return sections_block().to_python(raw)


# From the builder's value to a definition


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):  # as on a wall clock: the editor's time zone is dropped
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return value


def _condition(value) -> dict | None:
    if (value["expression"] or "").strip():
        return json.loads(value["expression"])
    rules = [_condition_rule(rule) for rule in value["rules"]]
    if not rules:
        return None
    if len(rules) == 1 and value["match"] == "all":
        return rules[0]
    return {value["match"]: rules}


def _condition_rule(rule) -> dict:
    op = rule.get("op") or "in"
    if op == "in":
        condition = {"question": rule["question"],
                     "in": [name.strip() for name in rule["choices"].split(",") if name.strip()]}
    else:
        condition = {"question": rule["question"], "op": op}
        if op not in ("answered", "not_answered"):
            condition["value"] = (rule.get("value") or "").strip()  # a number once the question is known
    return {"not": condition} if rule.get("negate") else condition


def _numbers_compared(tree, numeric: set[str]) -> None:
    """The values typed for comparisons with number questions, as numbers (the builder's field is text)."""
    if not isinstance(tree, dict):
        return
    for part in [*tree.get("all", []), *tree.get("any", []), *([tree["not"]] if "not" in tree else [])]:
        _numbers_compared(part, numeric)
    if tree.get("question") in numeric and isinstance(tree.get("value"), str):
        number = read_number(tree["value"])
        if number is not None:
            tree["value"] = int(number) if number == number.to_integral_value() else float(number)


def _items(items) -> list[dict]:
    result = []
    for item in items:
        entry = {"name": item["name"], "label": item["label"]}
        if item.get("exclusive"):
            entry["exclusive"] = True
        if item.get("when") is not None:
            entry["when"] = item["when"]
        result.append(entry)
    return result


def _question(kind: str, value) -> dict:
    question = {"name": value["name"], "type": kind, "label": value["label"]}
    defaults = {"help": "", "required": False, "personal": False, "added": False, "note": "",
                **question_type(kind).defaults}
    for key, item in value.items():
        if key in ("name", "label", "condition", "required_when", "choices", "rows", "rows_from", "labels"):
            continue
        item = _plain(item)
        if item is not None and item != defaults.get(key):
            question[key] = item
    if "choices" in value:
        question["choices"] = _items(value["choices"])
    if value.get("labels"):
        question["labels"] = _items(value["labels"])
    rows_from = (value.get("rows_from") or "").strip()
    if rows_from:
        question["rows_from"] = rows_from
    elif "rows" in value:
        question["rows"] = _items(value["rows"])
    for key in ("condition", "required_when"):
        condition = _condition(value[key])
        if condition is not None:
            question[key] = condition
    return question


def _section(value) -> dict:
    section = {"name": value["name"], "title": value["title"]}
    for key in ("intro", "added", "note"):
        if value[key]:
            section[key] = value[key]
    condition = _condition(value["condition"])
    if condition is not None:
        section["condition"] = condition
    repeat = value["repeat"]
    if repeat["repeats"]:
        section["repeat"] = {"max": repeat["max"]} | {
            key: repeat[key] for key in ("min", "item_label", "item_name", "add_label") if repeat[key]}
    section["questions"] = [_question(child.block_type, child.value) for child in value["questions"]]
    return section


def from_builder(sections, *, name: str, title: str, languages: list[str], intro: str = "",
                 privacy_statement_url: str = "", source: str = "", note: str = "",
                 translations: dict | None = None, dashboard: list | None = None) -> dict:
    """The definition that the builder's sections and the survey's own fields describe."""
    definition = {"format": FORMAT, "name": name, "title": title, "languages": languages}
    optional = {"intro": intro, "privacy_statement_url": privacy_statement_url, "source": source,
                "note": note, "translations": translations, "dashboard": dashboard}
    definition |= {key: item for key, item in optional.items() if item}
    definition["sections"] = [_section(section.value) for section in sections]
    numeric = {question["name"] for section in definition["sections"] for question in section["questions"]
               if question_type(question).compared_as == "number"}
    for section in definition["sections"]:
        _numbers_compared(section.get("condition"), numeric)
        for question in section["questions"]:
            for key in ("condition", "required_when"):
                _numbers_compared(question.get(key), numeric)
            for choice in question.get("choices", []):
                _numbers_compared(choice.get("when"), numeric)
    return definition
