"""Survey definitions in the portal's own format "1mg-portal-survey/1": loading, defaults and validation.

The format is described in docs/survey-format.md; its structure is the JSON Schema in
surveys/definitions/schema.json, and the rules that span the document are checked here.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from . import logic
from .piping import placeholders
from .repeats import REPEAT_DEFAULTS, REPEAT_TEXTS
from .repeats import definition_problems as repeat_problems
from .types import question_type, registered, type_names
from .types.base import duplicates

FORMAT = "1mg-portal-survey/1"
DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
SCHEMA_PATH = DEFINITIONS_DIR / "schema.json"

ROWS_OR_ROWS_FROM = [{"required": ["rows"]}, {"required": ["rows_from"]}]  # as in the schema

# What an absent optional key means; load_definition() writes these in.
SURVEY_DEFAULTS: dict[str, Any] = {"intro": "", "privacy_statement_url": "", "source": "", "note": "",
                                   "translations": {}}
SECTION_DEFAULTS: dict[str, Any] = {"intro": "", "condition": None, "added": False, "note": ""}
QUESTION_DEFAULTS: dict[str, Any] = {"help": "", "required": False, "condition": None, "added": False,
                                     "note": "", "personal": False}
# A question's own texts that translations may give (`labels` are items, as choices and rows are).
QUESTION_TEXTS = ("label", "help", "low_label", "high_label", "dont_know_label", "other_label")


class DefinitionError(ValueError):
    """A definition that cannot be used; `problems` lists why, one readable line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@cache
def schema() -> dict:
    """schema.json (what every survey, section and question has) with each registered type's branch."""
    whole = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    question = whole["$defs"]["question"]
    question["properties"]["type"] = {"enum": type_names()}
    question["allOf"] = [
        {"if": {"properties": {"type": {"const": kind.name}}, "required": ["type"]}, "then": kind.schema}
        for kind in registered() if kind.schema
    ]
    return whole


def load_definition(path_or_dict: str | Path | Mapping) -> dict:
    """Read a definition (a JSON file or a dict), check it and return a copy with every default filled in.

    Raises DefinitionError when it is not valid. Publishing needs more: see publishing_problems().
    """
    if isinstance(path_or_dict, Mapping):
        data = copy.deepcopy(dict(path_or_dict))
    else:
        try:
            data = json.loads(Path(path_or_dict).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DefinitionError([f"{path_or_dict}: cannot be read as JSON: {error}"]) from error
    problems = validate_definition(data)
    if problems:
        raise DefinitionError(problems)
    return with_defaults(data)


def with_defaults(data: dict) -> dict:
    """A copy of a valid definition in which every optional key is present with its default."""
    filled = {**copy.deepcopy(SURVEY_DEFAULTS), **copy.deepcopy(data)}
    for section in filled["sections"]:
        for key, value in SECTION_DEFAULTS.items():
            section.setdefault(key, value)
        if section.get("repeat"):
            section["repeat"] = {**REPEAT_DEFAULTS, **section["repeat"]}
        for question in section["questions"]:
            for key, value in {**QUESTION_DEFAULTS, **question_type(question).defaults}.items():
                question.setdefault(key, value)
            for choice in question.get("choices", []):
                choice.setdefault("exclusive", False)
    return filled


def iter_questions(data: Mapping) -> Iterator[tuple[dict, dict]]:
    """Every (section, question) of the survey, in the order a respondent meets them."""
    for section in data.get("sections", []):
        for question in section.get("questions", []):
            yield section, question


def validate_definition(data: Any) -> list[str]:
    """Everything wrong with a definition, one readable line each; an empty list means it is valid.

    The JSON Schema is checked first; the rules across the document only once the structure is sound.
    """
    problems = [_describe(error) for error in _schema_errors(data)]
    return problems or _semantic_problems(data)


def publishing_problems(data: Any) -> list[str]:
    """What stops a definition from being published: its validation problems and a missing privacy link."""
    problems = validate_definition(data)
    if isinstance(data, Mapping) and not str(data.get("privacy_statement_url") or "").strip():
        problems.append("privacy_statement_url is required to publish")
    return problems


# Schema errors


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def _schema_errors(data: Any) -> list[ValidationError]:
    errors = list(_validator().iter_errors(data))
    # A key that a failed type-specific branch would have allowed is also reported as "unevaluated":
    # keep that message only where it is the sole problem of the object.
    errors = [error for error in errors if error.validator != "unevaluatedProperties"
              or not any(other is not error and _within(other.absolute_path, error.absolute_path)
                         for other in errors)]
    return sorted(errors, key=lambda error: [str(part) for part in error.absolute_path])


def _within(path: Any, parent: Any) -> bool:
    return list(path)[: len(parent)] == list(parent)


def _describe(error: ValidationError) -> str:
    where = error.json_path
    if where == "$.privacy_statement_url" and error.validator == "anyOf":
        return f"{where}: must be empty (in a draft), an https:// address or a path on the portal (/...)"
    if error.validator == "oneOf" and error.validator_value == ROWS_OR_ROWS_FROM:
        return f"{where}: a number_table needs rows or rows_from (one of them, not both)"
    # oneOf/anyOf say only "not valid under any of the given schemas": name the likeliest cause instead.
    if error.validator in ("oneOf", "anyOf") and error.context:
        error = best_match(error.context)
    return f"{error.json_path}: {error.message}"


# Rules across the document


def _semantic_problems(data: dict) -> list[str]:
    problems: list[str] = []
    problems += duplicates("section", [section["name"] for section in data["sections"]])
    names = [question["name"] for _, question in iter_questions(data)]
    problems += duplicates("question", names)
    for _section, question in iter_questions(data):
        key = question_type(question).companion(question)
        if key in names:
            problems.append(f"question {key}: its name is where question {question['name']} keeps the text "
                            "typed with “Other”; choose another name")

    earlier: dict[str, dict] = {}  # the questions a condition or rows_from may refer to, by name
    for section in data["sections"]:
        # A section's condition looks at earlier sections only: its own questions come after it.
        if section.get("condition") is not None:
            problems += _condition_problems(section["condition"], earlier, f"section {section['name']}")
        for question in section["questions"]:
            where = f"question {question['name']}"
            if question.get("condition") is not None:
                problems += _condition_problems(question["condition"], earlier, where)
            problems += question_type(question).problems(question, earlier, where)
            problems += _logic_problems(question, earlier, where)
            earlier.setdefault(question["name"], question)
    return problems + repeat_problems(data) + _dashboard_problems(data) + _translation_problems(data)


def _condition_problems(condition: dict, earlier: dict[str, dict], where: str) -> list[str]:
    for key in ("all", "any"):
        if key in condition:
            return [problem for part in condition[key]
                    for problem in _condition_problems(part, earlier, where)]
    if "not" in condition:
        return _condition_problems(condition["not"], earlier, where)
    name = condition["question"]
    target = earlier.get(name)
    if target is None:
        return [f"{where}: its condition refers to {name!r}, which is not an earlier question "
                "(a condition may only depend on questions asked before it)"]
    if "op" in condition:
        return _comparison_problems(condition, target, where)
    if not question_type(target).conditions_on:
        allowed = " or ".join(kind.name for kind in registered() if kind.conditions_on)
        return [f"{where}: its condition refers to {name!r}, a {target['type']} question; "
                f"conditions depend on {allowed} questions"]
    known = {choice["name"] for choice in question_type(target).choices_of(target)}
    return [f"{where}: its condition refers to {choice!r}, which is not a choice of {name!r}"
            for choice in condition["in"] if choice not in known]


def _comparison_problems(condition: dict, target: dict, where: str) -> list[str]:
    """A comparison must suit what the question's answer is compared as, and its value read as that."""
    name, op = condition["question"], condition["op"]
    if op in logic.PRESENCE:
        if "value" in condition:
            return [f"{where}: its condition {op} {name!r} takes no value"]
        return []
    kind = question_type(target).compared_as
    ops = logic.COMPARISONS.get(kind, ())
    if op not in ops:
        allowed = ", ".join(ops + logic.PRESENCE) if ops else ", ".join(logic.PRESENCE)
        return [f"{where}: its condition compares {name!r}, a {target['type']} question, with {op!r}; "
                f"it can be compared with {allowed}"]
    if "value" not in condition or not logic.reads_as(kind, condition["value"]):
        return [f"{where}: its condition compares {name!r} with {condition.get('value')!r}, which is not "
                f"{logic.KIND_WORDS[kind]}"]
    return []


def _logic_problems(question: dict, earlier: dict[str, dict], where: str) -> list[str]:
    """required_when, the conditions of choices and the answers piped into the question's texts."""
    problems = []
    if question.get("required_when") is not None:
        problems += _condition_problems(question["required_when"], earlier, f"{where} (required_when)")
    for choice in question.get("choices", []):
        if "when" not in choice:
            continue
        if not question_type(question).varies_choices:
            allowed = " or ".join(kind.name for kind in registered() if kind.varies_choices)
            problems.append(f"{where}: choice {choice['name']!r} has a condition (when); only {allowed} "
                            "questions offer choices by condition")
        else:
            problems += _condition_problems(choice["when"], earlier, f"{where}, choice {choice['name']}")
    for key in ("label", "help"):
        problems += [f"{where}: its {key} shows the answer to {name!r}, which is not an earlier question"
                     for name in placeholders(question.get(key) or "") if name not in earlier]
    return problems


def _dashboard_problems(data: dict) -> list[str]:
    questions = {question["name"]: question for _, question in iter_questions(data)}
    listed = [entry["question"] for entry in data.get("dashboard", [])]
    problems = [f"dashboard: question {name!r} is listed {count} times; each question has one table"
                for name, count in Counter(listed).items() if count > 1]
    for name in dict.fromkeys(listed):
        question = questions.get(name)
        if question is None:
            problems.append(f"dashboard: {name!r} is not a question of this survey")
        elif question_type(question).result_kind != "choices":
            allowed = " or ".join(kind.name for kind in registered() if kind.result_kind == "choices")
            problems.append(f"dashboard: {name!r} is a {question['type']} question; the dashboard shows "
                            f"{allowed} questions")
    return problems


def _translation_problems(data: dict) -> list[str]:
    translations = data.get("translations") or {}
    if not translations:
        return []
    problems = [f"translations: {language!r} is not listed in languages after the first"
                for language in translations if language not in data["languages"][1:]]
    known = set(translatable_texts(data))
    for language, texts in translations.items():
        problems += [f"translations.{language}: {path!r} is not a text of this survey"
                     for path in texts if path not in known]
    return problems


def translatable_texts(data: Mapping) -> dict[str, str]:
    """Every text of the survey in its first language, keyed by the path that translations use."""
    texts = {"title": data.get("title", ""), "intro": data.get("intro", "")}
    for section in data.get("sections", []):
        at = f"sections.{section['name']}"
        texts |= {f"{at}.title": section.get("title", ""), f"{at}.intro": section.get("intro", "")}
        repeat = section.get("repeat") or {}
        texts |= {f"{at}.repeat.{key}": repeat.get(key, "") for key in REPEAT_TEXTS}
        for question in section.get("questions", []):
            here = f"{at}.questions.{question['name']}"
            texts |= {f"{here}.{key}": question.get(key, "") for key in QUESTION_TEXTS}
            for key in ("choices", "rows", "labels"):
                items = question.get(key, [])
                texts |= {f"{here}.{key}.{item['name']}.label": item["label"] for item in items}
    texts |= {f"dashboard.{entry['question']}.title": entry["title"] for entry in data.get("dashboard", [])}
    return {path: text for path, text in texts.items() if text}
