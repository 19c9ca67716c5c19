"""Reading, checking and showing answers against a survey definition (a plain dict, see
docs/survey-format.md). Everything here is pure: no database, no request."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

CHOICE_TYPES = {"single_choice", "multiple_choice"}


def condition_holds(condition: dict | None, answers: dict) -> bool:
    if not condition:
        return True
    if "all" in condition:
        return all(condition_holds(part, answers) for part in condition["all"])
    if "any" in condition:
        return any(condition_holds(part, answers) for part in condition["any"])
    answer = answers.get(condition["question"])
    wanted = set(condition["in"])
    if isinstance(answer, list):
        return bool(wanted.intersection(answer))
    return answer in wanted


def visible_sections(definition: dict, answers: dict) -> list[dict]:
    return [
        section
        for section in definition.get("sections", [])
        if condition_holds(section.get("condition"), answers)
    ]


def visible_questions(section: dict, answers: dict) -> list[dict]:
    return [
        question for question in section["questions"] if condition_holds(question.get("condition"), answers)
    ]


def find_question(definition: dict, name: str) -> dict | None:
    for section in definition.get("sections", []):
        for question in section["questions"]:
            if question["name"] == name:
                return question
    return None


def rows_of(question: dict, definition: dict, answers: dict) -> list[dict]:
    """The rows of a matrix or number table; rows taken from an earlier answer follow its choices."""
    if "rows_from" not in question:
        return question.get("rows", [])
    source = find_question(definition, question["rows_from"]) or {"choices": []}
    chosen = set(answers.get(question["rows_from"]) or [])
    return [
        choice for choice in source["choices"] if choice["name"] in chosen and not choice.get("exclusive")
    ]


def read_answer(question: dict, data, definition: dict, answers: dict):
    """The answer to one question as typed in a submitted form (a QueryDict), kept as typed."""
    name = question["name"]
    kind = question["type"]
    if kind == "multiple_choice":
        return list(dict.fromkeys(_clean(value) for value in data.getlist(name) if _clean(value)))
    if kind in {"matrix", "number_table"}:
        return {
            row["name"]: _clean(data.get(f"{name}__{row['name']}", ""))
            for row in rows_of(question, definition, answers)
        }
    return _clean(data.get(name, ""))


MAX_STORED = 100_000  # characters of one answer as typed; the question's own limit is checked apart


def _clean(text: str) -> str:
    """As typed, without NUL characters (PostgreSQL refuses them) and cut at a sane length."""
    return text.replace("\x00", "").strip()[:MAX_STORED]


def is_empty(value) -> bool:
    if isinstance(value, dict):
        return not any(value.values())
    return value in (None, "", [])


INTEGER = re.compile(r"^-?[0-9]+$")
DECIMAL = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _number(question: dict, text: str) -> Decimal:
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


def check_answer(question: dict, value, definition: dict, answers: dict) -> list[str]:
    """What is wrong with an answer, in words for the respondent; empty when it is fine."""
    kind = question["type"]
    if is_empty(value):
        return [_("This question is required.")] if question.get("required") else []
    if kind in CHOICE_TYPES:
        known = {choice["name"]: choice for choice in question["choices"]}
        picked = value if isinstance(value, list) else [value]
        if not isinstance(value, list | str) or any(name not in known for name in picked):
            return [_("Choose from the options given.")]
        if kind == "multiple_choice":
            exclusive = [known[name]["label"] for name in picked if known[name].get("exclusive")]
            if exclusive and len(picked) > 1:
                return [_("“%(option)s” cannot be combined with other options.") % {"option": exclusive[0]}]
            if question.get("min_selected") and len(picked) < question["min_selected"] and not exclusive:
                return [_("Choose at least %(count)s options.") % {"count": question["min_selected"]}]
            if question.get("max_selected") and len(picked) > question["max_selected"]:
                return [_("Choose at most %(count)s options.") % {"count": question["max_selected"]}]
        return []
    if kind in {"short_text", "long_text"}:
        limit = question.get("max_length") or (200 if kind == "short_text" else 5000)
        if len(value) > limit:
            return [
                _("Use at most %(limit)s characters (you used %(used)s).")
                % {"limit": limit, "used": len(value)}
            ]
        return []
    if kind == "email":
        try:
            validate_email(value)
        except ValidationError:
            return [_("Enter an email address like name@example.org.")]
        return []
    if kind == "number":
        try:
            _number(question, value)
        except ValueError as error:
            return [str(error)]
        return []
    if kind == "date":
        try:
            if not DATE.match(value):
                raise ValueError
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return [_("Enter a date as year-month-day, for example 2020-07-31.")]
        if question.get("min") and day < datetime.date.fromisoformat(question["min"]):
            return [_("Enter a date on or after %(min)s.") % {"min": question["min"]}]
        if question.get("max") and day > datetime.date.fromisoformat(question["max"]):
            return [_("Enter a date on or before %(max)s.") % {"max": question["max"]}]
        return []
    if kind == "matrix":
        known = {choice["name"] for choice in question["choices"]}
        rows = rows_of(question, definition, answers)
        if any(value.get(row["name"]) and value[row["name"]] not in known for row in rows):
            return [_("Choose from the options given.")]
        missing = [row["label"] for row in rows if not value.get(row["name"])]
        if missing and question.get("required"):
            return [_("Answer every row: %(rows)s.") % {"rows": ", ".join(missing)}]
        return []
    if kind == "number_table":
        problems = []
        for row in rows_of(question, definition, answers):
            text = value.get(row["name"], "")
            if not text:
                if question.get("required"):
                    problems.append(_("%(row)s: this row is required.") % {"row": row["label"]})
                continue
            try:
                _number(question, text)
            except ValueError as error:
                problems.append(f"{row['label']}: {error}")
        return problems
    return [_("This question cannot be answered here.")]


def check_section(section: dict, definition: dict, answers: dict) -> dict[str, list[str]]:
    """Problems per question of a section, for the questions its current answers show."""
    problems = {}
    for question in visible_questions(section, answers):
        errors = check_answer(question, answers.get(question["name"]), definition, answers)
        if errors:
            problems[question["name"]] = errors
    return problems


def answered_for_submission(definition: dict, answers: dict) -> dict:
    """The answers to keep: those of questions the respondent can see (hidden follow-ups drop out)."""
    kept = {}
    for section in visible_sections(definition, answers):
        for question in visible_questions(section, answers):
            if not is_empty(answers.get(question["name"])):
                kept[question["name"]] = answers[question["name"]]
    return kept


def label_of(question: dict, value, definition: dict, answers: dict) -> str:
    """An answer in words, for the review page, the receipt and exports."""
    if is_empty(value):
        return ""
    if question["type"] in CHOICE_TYPES:
        labels = {choice["name"]: choice["label"] for choice in question["choices"]}
        picked = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(name, name) for name in picked)
    if question["type"] in {"matrix", "number_table"}:
        labels = {choice["name"]: choice["label"] for choice in question.get("choices", [])}
        return "; ".join(
            f"{row['label']}: {labels.get(value.get(row['name']), value.get(row['name']))}"
            for row in rows_of(question, definition, answers)
            if value.get(row["name"])
        )
    return str(value)
