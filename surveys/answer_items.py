"""The answers of submitted responses kept also as narrow rows, so that PostgreSQL counts them fast.

A response's `answers` stay the record. Whenever they are saved, the post_save receiver in signals.py
derives from them (store_items) one item for each question answered, under a key (survey, question,
type, choices): the choices picked as JSON, "" for an answer without choices (a text, a number). So a
question's answers counted by key give both who answered it and, split in Python, how often each choice
was picked; equal answers share a key, so there are few keys. Numbers (per row of a number table) and
dates are values, under keys (survey, question, type, row), with an index that hands them in order.

Keys hold the question's type in the version answered: statistics count a question only in versions
where it has its latest type, whose answers are the items under keys of that type. What is counted and
how it reads is what each question type says (surveys/types/: picked_choices, answered_values).
Saving through the ORM keeps items in step; code that writes answers in bulk (bulk_create, update())
calls store_items itself.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from decimal import Decimal

from django.db import connections, transaction

from .definition import iter_questions
from .types import question_type
from .types.values import read_date, read_number  # noqa: F401  (the readers statistics use)

EMPTY = (None, "", [], {})


def picked_choices(kind: str, answer) -> str:
    """The choices counted in an answer as JSON: a sorted list of choices, or the choices by row."""
    return question_type(kind).picked_choices(answer)


def counted_choices(choices: str) -> list[tuple[str, str]]:
    """(row, choice) of every choice in a key's JSON ("" as the row outside tables); a row may hold one
    choice or a list of them."""
    if not choices:
        return []
    found = json.loads(choices)
    if not isinstance(found, dict):
        return [("", choice) for choice in found]
    return [(row, choice) for row, picked in found.items()
            for choice in (picked if isinstance(picked, list) else [picked])]


def answered_values(kind: str, answer) -> list[tuple[str, Decimal | None, datetime.date | None]]:
    """(row, number, day) of every number or date in an answer that reads as one."""
    return question_type(kind).answered_values(answer)


def items_of(definition: dict, answers) -> tuple[list[tuple], list[tuple]]:
    """Items (question, type, choices) and values (question, type, row, number, day) of a response to a
    version with this definition."""
    items, values = [], []
    if not isinstance(answers, dict):
        return items, values
    for _section, question in iter_questions(definition):
        name, kind = question["name"], question["type"]
        answer = answers.get(name)
        if answer in EMPTY:
            continue
        items.append((name, kind, picked_choices(kind, answer)))
        values += [(name, kind, row, number, day) for row, number, day in answered_values(kind, answer)]
    return items, values


def store_items(responses: Iterable, *, models=None) -> None:
    """Write the items and values of these responses, replacing what they had; a response that is not
    submitted has none. Each response needs `version` (with its definition), `status` and `answers`.
    A migration gives its historical `models` (AnswerKey, AnswerItem, AnswerValue)."""
    from . import models as current

    key_model, item_model, value_model = models or (
        current.AnswerKey, current.AnswerItem, current.AnswerValue
    )
    responses = list(responses)
    found = {
        response.pk: (response.survey_id, *items_of(response.version.definition, response.answers))
        for response in responses
        if response.status == current.Response.Status.SUBMITTED
    }
    wanted = {(survey, name, kind, "", choices)
              for survey, items, _values in found.values() for name, kind, choices in items}
    wanted |= {(survey, *value[:3], "") for survey, _items, values in found.values() for value in values}
    keys = _keys(key_model, wanted)
    items = [
        (pk, keys[survey, name, kind, "", choices])
        for pk, (survey, found_items, _values) in found.items()
        for name, kind, choices in found_items
    ]
    values = [
        (pk, keys[survey, *value[:3], ""], *value[3:])
        for pk, (survey, _items, found_values) in found.items()
        for value in found_values
    ]
    pks = [response.pk for response in responses]
    with transaction.atomic(using=key_model.objects.db):
        item_model.objects.filter(response_id__in=pks).delete()
        value_model.objects.filter(response_id__in=pks).delete()
        _insert(item_model, ["response_id", "key_id"], items)
        _insert(value_model, ["response_id", "key_id", "number", "day"], values)


def _keys(key_model, wanted: set[tuple]) -> dict[tuple, int]:
    """The ids of these keys (survey, question, type, row, choices), created where missing."""
    if not wanted:
        return {}
    surveys, questions, _types, rows, choices = (set(part) for part in zip(*wanted, strict=True))
    candidates = key_model.objects.filter(
        survey_id__in=surveys, question__in=questions, row__in=rows, choices__in=choices
    ).values_list("survey_id", "question", "type", "row", "choices", "pk")

    def known() -> dict[tuple, int]:
        return {tuple(key[:5]): key[5] for key in candidates.all()}

    keys = known()
    missing = wanted - set(keys)
    if missing:
        # Another submit may create the same keys at the same time: both insert them in one order.
        fields = ("survey_id", "question", "type", "row", "choices")
        created = [key_model(**dict(zip(fields, key, strict=True))) for key in sorted(missing)]
        key_model.objects.bulk_create(created, ignore_conflicts=True)
        keys = known()
    return keys


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Rows in one COPY on PostgreSQL (a response has dozens, the benchmark millions), else in batches."""
    if not rows:
        return
    connection = connections[model.objects.db]
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=500)
        return
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
