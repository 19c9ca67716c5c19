"""The figures computed in Python over the JSON answers, streamed in chunks (SQLite on a laptop): what
each question type counts in an answer (its answer items) and the texts it keeps."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from ..answer_items import EMPTY, counted_choices
from ..types import question_type
from .tally import Summary, Tally, numbers_summary
from .versions import Question


def _dates_summary(values: list[str]) -> Summary:
    if not values:
        return Summary(0, None, None, None)
    values.sort()
    return Summary(len(values), values[0], values[(len(values) - 1) // 2], values[-1])


def tally_in_python(
    queryset: QuerySet, questions: list[Question], text_limit: int, group: str
) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    numbers: dict = defaultdict(list)
    dates: dict = defaultdict(list)
    texts: dict = defaultdict(list)
    types = {question.name: question_type(question.type) for question in questions}
    plain = [question for question in questions if not question.repeat]
    in_items = [question for question in questions if question.repeat]  # counted over the items
    repeated = {question.repeat for question in in_items}

    def count(tally: Tally, question: Question, value) -> None:
        tally.answered[question.name] += 1
        kind = types[question.name]
        for row, choice in counted_choices(kind.picked_choices(value)):
            tally.choices[question.name, row, choice] += 1
        if group:
            return  # grouped tallies count choices only
        for row, number, day in kind.answered_values(value):
            if day is not None:
                dates[question.name, row].append(day.isoformat())
            else:
                numbers[question.name, row].append(number)
        if kind.collects_texts and isinstance(value, str) and len(texts[question.name]) < text_limit:
            texts[question.name].append(value)

    rows = queryset.order_by("-submitted_at", "-pk").values_list("version_id", "answers")
    for version, answers in rows.iterator(chunk_size=2000):
        answers = answers if isinstance(answers, dict) else {}
        key = answers.get(group, "") if group else ""
        tally = tallies[key if isinstance(key, str) else ""]
        tally.per_version[version] += 1
        for question in plain:
            if version not in question.versions:
                continue
            value = answers.get(question.name)
            if value not in EMPTY:
                count(tally, question, value)
        if not repeated:
            continue
        items = {name: _items(answers.get(name)) for name in repeated}
        for name, found in items.items():
            tally.items[name, version] += len(found)
            tally.holders[name, version] += bool(found)
        for question in in_items:
            if version in question.versions:
                for item in items[question.repeat]:
                    value = item.get(question.name)
                    if value not in EMPTY:
                        count(tally, question, value)
    if not group:
        tally = tallies[""]
        tally.numbers = {key: numbers_summary(values) for key, values in numbers.items()}
        tally.numbers.update({key: _dates_summary(values) for key, values in dates.items()})
        tally.texts = dict(texts)
    return dict(tallies)


def _items(found) -> list[dict]:
    """The items of a repeated section's answer (anything else stored there is none)."""
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []
