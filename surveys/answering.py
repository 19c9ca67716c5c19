"""Reading, checking and showing answers against a survey definition (a plain dict, see
docs/survey-format.md). Everything here is pure: no database, no request. What differs between question
types is asked of the type (surveys/types/)."""

import json
import random

from django.utils.translation import gettext as _

from . import logic, piping
from .types import question_type
from .types.base import clean


def condition_holds(condition: dict | None, answers: dict) -> bool:
    return logic.holds(condition, answers)


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
    """The rows of a table question; rows taken from an earlier answer follow its choices."""
    if "rows_from" not in question:
        return question.get("rows", [])
    source = find_question(definition, question["rows_from"]) or {"choices": []}
    chosen = set(answers.get(question["rows_from"]) or [])
    return [
        choice for choice in source["choices"] if choice["name"] in chosen and not choice.get("exclusive")
    ]


ORDERS = "_order"  # answers' key of the choice orders shown ({question: [choice names]}): no question's name


def is_required(question: dict, answers: dict) -> bool:
    """Required always (`required`), or while its `required_when` condition holds."""
    when = question.get("required_when")
    return bool(question.get("required")) or (when is not None and condition_holds(when, answers))


def calculate_all(definition: dict, answers: dict, sections: list[dict] | None = None) -> None:
    """Work out every calculated value from the answers, in the survey's order, into the answers; those of
    repeated sections are an item's (surveys/repeats.py), worked out for `sections` only."""
    for section in definition.get("sections", []) if sections is None else sections:
        if section.get("repeat") and sections is None:
            continue
        for question in section["questions"]:
            kind = question_type(question)
            if kind.computed:
                value = kind.calculated(question, answers)
                if value is None:
                    answers.pop(question["name"], None)
                else:
                    answers[question["name"]] = value


def offered(question: dict, answers: dict, keep: set[str] = frozenset()) -> dict:
    """The question as this respondent is offered it: without the choices whose `when` fails (but those
    whose condition reads a question in `keep`, the page's own, which its script shows and hides), and in
    the respondent's order where the choices are shuffled."""
    if not question_type(question).varies_choices:
        return question
    choices = [choice for choice in question["choices"] if "when" not in choice
               or condition_holds(choice["when"], answers) or set(logic.questions_in(choice["when"])) & keep]
    order = (answers.get(ORDERS) or {}).get(question["name"])
    if order:
        position = {name: place for place, name in enumerate(order)}
        choices.sort(key=lambda choice: position.get(choice["name"], len(position)))
    return {**question, "choices": choices}


def shuffle_choices(questions: list[dict], answers: dict) -> bool:
    """Give each shuffled question of the page an order of its own, once; True when one was added.
    Exclusive choices come after the others, unshuffled ("Other" is always last)."""
    orders = answers.get(ORDERS) or {}
    added = False
    for question in questions:
        if question.get("randomise") and question["name"] not in orders:
            plain = [choice["name"] for choice in question["choices"] if not choice.get("exclusive")]
            last = [choice["name"] for choice in question["choices"] if choice.get("exclusive")]
            orders[question["name"]] = random.SystemRandom().sample(plain, len(plain)) + last
            added = True
    if added:
        answers[ORDERS] = orders
    return added


def read_answer(question: dict, data, definition: dict, answers: dict):
    """The answer to one question as typed in a submitted form (a QueryDict), kept as typed."""
    return question_type(question).read(question, data, rows_of(question, definition, answers))


def check_answer(question: dict, value, definition: dict, answers: dict) -> list[str]:
    """What is wrong with an answer, in words for the respondent; empty when it is fine."""
    kind = question_type(question)
    if kind.is_empty(value):
        return [_("This question is required.")] if is_required(question, answers) else []
    return kind.check(offered(question, answers), value, rows_of(question, definition, answers))


def check_section(section: dict, definition: dict, answers: dict) -> dict[str, list[str]]:
    """Problems per question of a section, for the questions its current answers show; those of a text
    kept beside an answer (see QuestionType.companion) under the text's key."""
    problems = {}
    for question in visible_questions(section, answers):
        value = answers.get(question["name"])
        errors = check_answer(question, value, definition, answers)
        if errors:
            problems[question["name"]] = errors
        kind = question_type(question)
        key = kind.companion(question)
        if key and not errors and kind.asks_companion(question, value):
            errors = kind.check_companion(question, value, answers.get(key) or "")
            if errors:
                problems[key] = errors
    return problems


def answered_for_submission(definition: dict, answers: dict) -> dict:
    """The answers to keep: those of questions the respondent can see (hidden follow-ups drop out), with
    the order their shuffled choices were shown in."""
    answers = dict(answers)
    calculate_all(definition, answers)
    kept = {}
    orders = answers.get(ORDERS) or {}
    for section in visible_sections(definition, answers):
        if section.get("repeat"):
            continue  # its items: surveys.repeats.kept_items()
        for question in visible_questions(section, answers):
            kind, value = question_type(question), answers.get(question["name"])
            if not kind.is_empty(value):
                kept[question["name"]] = value
                key = kind.companion(question)
                if key and kind.asks_companion(question, value) and answers.get(key):
                    kept[key] = answers[key]
                if question["name"] in orders:
                    kept.setdefault(ORDERS, {})[question["name"]] = orders[question["name"]]
    return kept


def label_of(question: dict, value, definition: dict, answers: dict) -> str:
    """An answer in words, for the review page, the receipt and exports."""
    kind = question_type(question)
    if kind.is_empty(value):
        return ""
    rows = rows_of(question, definition, answers)
    key = kind.companion(question)
    if not key:
        return kind.words(question, value, rows)
    companion = (answers.get(key) or "") if kind.asks_companion(question, value) else ""
    return kind.words(question, value, rows, companion)


class AnsweredSection:
    """The section a respondent answers, as a form: the questions on the page with their answers and
    errors, reading what was sent and checking it once.

    `on_page` are the questions shown (the whole section, or one in accessibility mode); `answers` the
    response's working answers, updated in place by read().
    """

    def __init__(self, definition: dict, section: dict, answers: dict, on_page: list[dict] | None = None):
        self.definition = definition
        self.section = section
        self.answers = answers
        self.on_page = section["questions"] if on_page is None else on_page
        self.errors: dict[str, list[str]] = {}
        self.refused: dict[str, list[str]] = {}  # files sent and not kept, and why (surveys/uploads.py)

    def read(self, data) -> None:
        """Take the answers of the page's questions from a submitted form, as typed."""
        for question in self.on_page:
            if question_type(question).computed:
                continue  # worked out below, whatever the form sends
            self.answers[question["name"]] = read_answer(question, data, self.definition, self.answers)
            key = question_type(question).companion(question)
            if key:
                self.answers[key] = clean(data.get(key, ""))
        calculate_all(self.definition, self.answers)

    def shuffle(self) -> bool:
        """Give the page's shuffled questions their order (kept in the answers); True when one was added."""
        return shuffle_choices(self.on_page, self.answers)

    def check(self) -> dict[str, list[str]]:
        """The problems of the page's questions that the answers show; kept as `errors`."""
        found = check_section(self.section, self.definition, self.answers)
        names = {question["name"] for question in self.on_page}
        names |= {question_type(question).companion(question) for question in self.on_page} - {""}
        self.errors = {name: errors for name, errors in found.items() if name in names}
        return self.errors

    @property
    def stored(self) -> dict:
        """The response's answers with the page's read in: what saving the page keeps."""
        return self.answers

    @property
    def takes_files(self) -> bool:
        """Whether a question on the page is answered with a file: the form is then sent as multipart."""
        return any(question_type(question).keeps_files for question in self.on_page)

    def questions(self) -> list[dict]:
        """What the template needs of each question on the page."""
        shown = {question["name"] for question in visible_questions(self.section, self.answers)}
        on_this_page = {question["name"] for question in self.on_page}
        items = []
        for question in self.on_page:
            kind = question_type(question)
            rows = rows_of(question, self.definition, self.answers)
            condition = question.get("condition")
            required_when = question.get("required_when")
            items.append({
                "question": _with_when_json(offered(question, self.answers, on_this_page)),
                "value": self.answers.get(question["name"]),
                "rows": rows,
                "template": kind.template,
                "grouped": kind.grouped(question),
                "input_id": kind.first_input_id(question, rows),
                "errors": self.errors.get(question["name"], []),
                "companion": self._companion(kind, question),
                "conditional": bool(condition),
                "condition_json": json.dumps(condition) if condition else "",
                # A follow-up to another page's answer is left out; one to this page's shows (the script
                # hides it until asked for), so that the page works without JavaScript.
                "hidden": question["name"] not in shown and not _asks_about(condition) & on_this_page,
                "required": is_required(question, self.answers),
                "required_json": json.dumps(required_when) if required_when is not None else "",
                "calculation_json": json.dumps(question["expression"]) if kind.computed else "",
                "label_parts": self._piped(question.get("label") or ""),
                "help_parts": self._piped(question.get("help") or ""),
            })
        return items

    def known_answers(self) -> dict:
        """The answers to other pages' questions that the page's conditions, calculations and texts read,
        for its script to decide as the server does."""
        on_this_page = {question["name"] for question in self.on_page}
        read = set()
        for question in self.on_page:
            trees = [question.get("condition"), question.get("required_when"), question.get("expression")]
            trees += [choice.get("when") for choice in question.get("choices", [])]
            read.update(name for tree in trees for name in logic.questions_in(tree))
            read.update(piping.placeholders(question.get("label") or ""))
            read.update(piping.placeholders(question.get("help") or ""))
        return {name: self.answers[name] for name in sorted(read - on_this_page) if name in self.answers}

    def _piped(self, text: str) -> list[tuple[str, str]]:
        return piping.parts(text, set(_questions(self.definition)), self._words)

    def _words(self, name: str) -> str:
        question = _questions(self.definition)[name]
        return label_of(question, self.answers.get(name), self.definition, self.answers)

    def _companion(self, kind, question: dict) -> dict | None:
        """The text kept beside the answer, for its field: key, text as typed and its errors."""
        key = kind.companion(question)
        if not key:
            return None
        return {"key": key, "value": self.answers.get(key) or "", "errors": self.errors.get(key, [])}


def _asks_about(condition: dict | None) -> set[str]:
    return set(logic.questions_in(condition))


def _with_when_json(question: dict) -> dict:
    """For the template: each conditional choice with its condition as JSON, for the page's script."""
    if not any("when" in choice for choice in question.get("choices", [])):
        return question
    choices = [{**choice, "when_json": json.dumps(choice["when"])} if "when" in choice else choice
               for choice in question["choices"]]
    return {**question, "choices": choices}


def _questions(definition: dict) -> dict[str, dict]:
    return {question["name"]: question for section in definition.get("sections", [])
            for question in section["questions"]}


def piped(question: dict, definition: dict, answers: dict) -> dict:
    """The question with earlier answers in words in its label and help (the review page, the receipt)."""
    names = _questions(definition)

    def words(name):
        return label_of(names[name], answers.get(name), definition, answers)

    texts = {key: piping.piped(question[key], set(names), words) for key in ("label", "help")
             if piping.placeholders(question.get(key) or "")}
    return {**question, **texts} if texts else question
