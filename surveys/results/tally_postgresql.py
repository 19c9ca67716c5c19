"""The figures counted in PostgreSQL, over the answers kept also as narrow rows when a response is
submitted (answer_items.py), in a few queries whatever the number of responses or questions."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import connections
from django.db import models as db
from django.db.models import QuerySet

from ..answer_items import counted_choices
from ..models import AnswerKey, SurveyPage
from ..types import question_type
from .tally import Summary, Tally
from .versions import Question

# On PostgreSQL the counting reads the answer items and values (answer_items.py), never the JSON:
# items counted by key (one item a question answered), values summarised by key in the order of their
# index. Without filters every item under the survey's keys counts; with filters, those of the
# responses the filters keep (their ids are read first, with their versions). Items are taken by the
# range of the survey's key ids, which is cheaper than testing each against a list of thousands; keys
# of other surveys in that range are dropped after counting. Counts can be grouped by the answer to
# one single-choice question (the public page's countries).
_COUNTS_SQL = """
SELECT {group}, i.key_id, count(*) FROM surveys_answeritem i {join}
WHERE i.key_id BETWEEN %s AND %s {among}
GROUP BY 1, 2
"""
_VALUES_SQL = """
SELECT {by},
       count(number), min(number), percentile_cont(0.5) WITHIN GROUP (ORDER BY number), max(number),
       sum(number) FILTER (WHERE number = trunc(number)),
       sum(number::numeric) FILTER (WHERE number <> trunc(number)),
       count(day), min(day), percentile_disc(0.5) WITHIN GROUP (ORDER BY day), max(day)
FROM surveys_answervalue {join}
WHERE key_id = ANY(%s::int[]) {among}
GROUP BY {by}
"""
_GROUP_SQL = "CASE WHEN jsonb_typeof(r.answers -> %s) = 'string' THEN r.answers ->> %s ELSE '' END"

# The newest responses, for the free-text answers shown under each question: sorting only ids and
# dates, then reading the answers of those few rows.
_NEWEST_SQL = """
SELECT {columns}
FROM surveys_response r
JOIN (SELECT id, submitted_at FROM ({base}) b ORDER BY submitted_at DESC, id DESC LIMIT %s) newest
  ON newest.id = r.id
ORDER BY newest.submitted_at DESC, newest.id DESC
"""

_TEXTS_SQL = """
SELECT r.answers ->> %s FROM ({base}) r
WHERE r.answers ? %s AND r.version_id = ANY(%s::int[]) AND jsonb_typeof(r.answers -> %s) = 'string'
ORDER BY r.submitted_at DESC, r.id DESC
LIMIT %s
"""
NEWEST_READ = 200  # responses read for free-text answers before asking per question


def _base_sql(queryset: QuerySet) -> tuple[str, tuple]:
    query = queryset.values("id", "version_id", "answers", "submitted_at").query
    sql, params = query.get_compiler(using=queryset.db).as_sql()
    return sql, tuple(params)


def _decimal(value):
    """A double from the database as the decimal people typed."""
    if not isinstance(value, float):
        return value
    number = Decimal(repr(round(value, 9)))
    return number.to_integral_value() if number == number.to_integral_value() else number


def _survey_keys(survey: SurveyPage, questions: list[Question]) -> dict[int, tuple[str, str, str]]:
    """The survey's answer keys of these questions in their latest type, and within items for those of
    repeated sections, outside them for the others: id -> (question, row, choices)."""
    types = {question.name: (question.type, bool(question.repeat)) for question in questions
             if question.versions}
    keys = AnswerKey.objects.filter(survey=survey, question__in=types).values_list(
        "pk", "question", "type", "row", "choices", "item"
    )
    return {pk: (name, row, choices) for pk, name, kind, row, choices, item in keys
            if types[name] == (kind, item > 0)}


def tally_in_postgresql(
    survey: SurveyPage, queryset: QuerySet, questions: list[Question], text_limit: int, group: str,
    filtered: bool,
) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    base, params = _base_sql(queryset)
    among, among_params = "", []
    if group:
        grouped = f"SELECT {_GROUP_SQL}, r.version_id, count(*) FROM ({base}) r GROUP BY 1, 2"
        group_params = (group, group)
    elif filtered:
        kept = list(queryset.values_list("pk", "version_id"))
        for _pk, version in kept:
            tallies[""].per_version[version] += 1
        among, among_params = "AND {column} = ANY(%s::bigint[])", [[pk for pk, _version in kept]]
    else:
        for version, count in queryset.values_list("version_id").annotate(count=db.Count("pk")):
            tallies[""].per_version[version] = count
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if group:
            cursor.execute(grouped, group_params + params)
            for key, version, count in cursor.fetchall():
                tallies[key].per_version[version] = count
        keys = _survey_keys(survey, questions) if tallies else {}
        if not keys:
            return dict(tallies)  # no response answered any of the questions
        if group:
            join = f"JOIN (SELECT r.id, {_GROUP_SQL} AS grp FROM ({base}) r) g ON g.id = i.response_id"
            sql = _COUNTS_SQL.format(group="g.grp", join=join, among="")
            cursor.execute(sql, [group, group, *params, min(keys), max(keys)])
        else:
            sql = _COUNTS_SQL.format(group="''", join="", among=among.format(column="i.response_id"))
            cursor.execute(sql, [min(keys), max(keys), *among_params])
        parsed: dict[str, list] = {}
        for grp, key, count in cursor.fetchall():
            if key not in keys:
                continue
            name, _row, choices = keys[key]
            tally = tallies[grp]
            tally.answered[name] += count
            if choices not in parsed:
                parsed[choices] = counted_choices(choices)
            for row, choice in parsed[choices]:
                tally.choices[name, row, choice] += count
        if group:
            return dict(tallies)
        tally = tallies[""]
        among = among.format(column="response_id")
        plain = [question for question in questions if not question.repeat]
        _values_in_postgresql(cursor, plain, keys, among, among_params, tally)
        if text_limit:
            _texts_in_postgresql(cursor, plain, base, params, text_limit, tally)
        if len(plain) < len(questions):
            from .tally_repeats import repeat_figures  # which reads this module's query

            in_items = [question for question in questions if question.repeat]
            repeat_figures(cursor, survey, in_items, keys, base, params, among, among_params, text_limit,
                           tally)
    return dict(tallies)


def _values_in_postgresql(cursor, questions, keys, among, among_params, tally) -> None:
    """n, min, median, max and sum of every number and number-table row; n, earliest, median and latest
    of every date. Numbers are kept as double precision, exact for what people type (up to 15 digits).
    Whole numbers are summed as they are (exactly, up to 2**53); the others as decimals, so that sums
    of many decimals are exact too (reading a double as a decimal costs, so only they pay for it)."""
    kinds = {question.name: question_type(question.type).values for question in questions
             if question_type(question.type).values}
    wanted = [key for key, (name, _row, choices) in keys.items() if name in kinds and not choices]
    if not wanted:
        return
    cursor.execute(_VALUES_SQL.format(by="key_id", join="", among=among), [wanted, *among_params])
    summarise([(*keys[key][:2], *figures) for key, *figures in cursor.fetchall()], kinds, tally)


def summarise(found: list[tuple], kinds: dict[str, str], tally: Tally) -> None:
    """The summaries of _VALUES_SQL's figures, by (question, row)."""
    for name, row, n, low, middle, high, whole, parts, days, first, median, last in found:
        if kinds[name] == "date" and days:
            tally.numbers[name, row] = Summary(days, first.isoformat(), median.isoformat(), last.isoformat())
        elif kinds[name] != "date" and n:
            total = _decimal(whole or 0.0) + (parts or 0)
            tally.numbers[name, row] = Summary(n, _decimal(low), _decimal(middle), _decimal(high), total)


def _texts_in_postgresql(cursor, questions, base, params, limit: int, tally) -> None:
    """The latest free-text answers of each question: those among the newest responses, and for a
    question with fewer there, a query of its own (so at most one query a free-text question)."""
    texts = [question for question in questions
             if question_type(question.type).collects_texts and question.versions]
    if not texts:
        return
    columns = ["r.version_id"] + ["r.answers ->> %s" for _question in texts]
    cursor.execute(
        _NEWEST_SQL.format(columns=", ".join(columns), base=base),
        [*(question.name for question in texts), *params, NEWEST_READ],
    )
    newest = cursor.fetchall()
    for index, question in enumerate(texts, start=1):
        found = [
            row[index] for row in newest
            if row[0] in question.versions and isinstance(row[index], str) and row[index]
        ][:limit]
        if len(found) < min(limit, tally.answered[question.name]) and len(newest) == NEWEST_READ:
            cursor.execute(
                _TEXTS_SQL.format(base=base),
                [question.name, *params, question.name, sorted(question.versions), question.name, limit],
            )
            found = [text for (text,) in cursor.fetchall() if text]
        if found:
            tally.texts[question.name] = found
