"""The figures computed in Python over the JSON answers, streamed in chunks (SQLite on a laptop)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from ..answer_items import read_date as _date
from ..answer_items import read_number as _number
from ..types.ranking import positions_of
from .tally import Summary, Tally, numbers_summary
from .versions import TEXT_TYPES, Question


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
    rows = queryset.order_by("-submitted_at", "-pk").values_list("version_id", "answers")
    for version, answers in rows.iterator(chunk_size=2000):
        answers = answers if isinstance(answers, dict) else {}
        key = answers.get(group, "") if group else ""
        tally = tallies[key if isinstance(key, str) else ""]
        tally.per_version[version] += 1
        for question in questions:
            if version not in question.versions:
                continue
            value = answers.get(question.name)
            if value in (None, "", [], {}):
                continue
            tally.answered[question.name] += 1
            kind = question.type
            if kind == "single_choice" and isinstance(value, str):
                tally.choices[question.name, "", value] += 1
            elif kind == "multiple_choice" and isinstance(value, list):
                for choice in set(value):
                    tally.choices[question.name, "", choice] += 1
            elif kind == "matrix" and isinstance(value, dict):
                for row, choice in value.items():
                    if choice:
                        tally.choices[question.name, row, choice] += 1
            elif kind == "ranking" and isinstance(value, list):
                for choice, position in positions_of(value).items():
                    tally.choices[question.name, choice, position] += 1
            elif group:
                continue  # grouped tallies count choices only
            elif kind == "number":
                number = _number(value)
                if number is not None:
                    numbers[question.name, ""].append(number)
            elif kind == "number_table" and isinstance(value, dict):
                for row, text in value.items():
                    number = _number(text)
                    if number is not None:
                        numbers[question.name, row].append(number)
            elif kind == "date":
                day = _date(value)
                if day:
                    dates[question.name, ""].append(day)
            elif kind in TEXT_TYPES and isinstance(value, str) and len(texts[question.name]) < text_limit:
                texts[question.name].append(value)
    if not group:
        tally = tallies[""]
        tally.numbers = {key: numbers_summary(values) for key, values in numbers.items()}
        tally.numbers.update({key: _dates_summary(values) for key, values in dates.items()})
        tally.texts = dict(texts)
    return dict(tallies)
