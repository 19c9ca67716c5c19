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
In a repeated section (surveys/repeats.py) each item's answers are items under keys of the item's number
(`item`, from 1; 0 outside repeats), and each item is also an item of the section itself, under the
type "repeat": counted by key, they give the items and, at number 1, the respondents who added any.
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
from .repeats import items_of as repeated_items
from .repeats import repeated_sections
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
    for section, question in iter_questions(definition):
        if section.get("repeat"):
            continue  # repeat_items_of()
        name, kind = question["name"], question["type"]
        answer = answers.get(name)
        if answer in EMPTY:
            continue
        items.append((name, kind, picked_choices(kind, answer)))
        values += [(name, kind, row, number, day) for row, number, day in answered_values(kind, answer)]
    return items, values


REPEAT = "repeat"  # the type of the keys that count the items of a repeated section


def repeat_items_of(definition: dict, answers) -> tuple[list[tuple], list[tuple]]:
    """Items (question, type, choices, item) and values (question, type, row, number, day, item) of the
    items of the definition's repeated sections, each with its item's number."""
    items, values = [], []
    if not isinstance(answers, dict):
        return items, values
    for section in repeated_sections(definition):
        for number, item in enumerate(repeated_items(answers, section), start=1):
            items.append((section["name"], REPEAT, "", number))
            for question in section["questions"]:
                name, kind = question["name"], question["type"]
                answer = item.get(name)
                if answer in EMPTY:
                    continue
                items.append((name, kind, picked_choices(kind, answer), number))
                values += [(name, kind, row, value, day, number)
                           for row, value, day in answered_values(kind, answer)]
    return items, values


def _all_items_of(definition: dict, answers) -> tuple[list[tuple], list[tuple]]:
    items, values = items_of(definition, answers)
    repeated, repeated_values = repeat_items_of(definition, answers)
    return [(*item, 0) for item in items] + repeated, [(*value, 0) for value in values] + repeated_values


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
        response.pk: (response.survey_id, *_all_items_of(response.version.definition, response.answers))
        for response in responses
        if response.status == current.Response.Status.SUBMITTED
    }
    wanted = {(survey, name, kind, "", choices, item)
              for survey, items, _values in found.values() for name, kind, choices, item in items}
    wanted |= {(survey, *value[:3], "", value[5])
               for survey, _items, values in found.values() for value in values}
    keys = _keys(key_model, wanted)
    items = [
        (pk, keys[survey, name, kind, "", choices, item])
        for pk, (survey, found_items, _values) in found.items()
        for name, kind, choices, item in found_items
    ]
    values = [
        (pk, keys[survey, *value[:3], "", value[5]], *value[3:5])
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
    """The ids of these keys (survey, question, type, row, choices, item), created where missing."""
    if not wanted:
        return {}
    # The historical model of migration 0007 has no item (nor any answer in a repeat).
    fields = ("survey_id", "question", "type", "row", "choices", "item")
    if not any(field.name == "item" for field in key_model._meta.fields):
        fields, wanted = fields[:5], {key[:5] for key in wanted}
    surveys, questions, _types, rows, choices, *_items = (set(part) for part in zip(*wanted, strict=True))
    candidates = key_model.objects.filter(
        survey_id__in=surveys, question__in=questions, row__in=rows, choices__in=choices
    ).values_list(*fields, "pk")

    def known() -> dict[tuple, int]:
        return {tuple(key[:-1]): key[-1] for key in candidates.all()}

    keys = known()
    missing = wanted - set(keys)
    if missing:
        # Another submit may create the same keys at the same time: both insert them in one order.
        created = [key_model(**dict(zip(fields, key, strict=True))) for key in sorted(missing)]
        key_model.objects.bulk_create(created, ignore_conflicts=True)
        keys = known()
    return keys if len(fields) == 6 else {(*key, 0): pk for key, pk in keys.items()}


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
