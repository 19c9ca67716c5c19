"""The figures of repeated sections counted in PostgreSQL: their items and the respondents who added any,
by version, and the summaries and texts of their questions over the items (answer_items.py keeps an
item's answers under keys of the item's number, and each item under the section's key of type "repeat")."""

from __future__ import annotations

import json

from ..answer_items import REPEAT
from ..types import question_type
from .tally import Tally
from .tally_postgresql import _NEWEST_SQL, _VALUES_SQL, NEWEST_READ, summarise

# Items counted by version: every item has a key of its number, so the items at number 1 are the
# responses that added any. Reading each item's version costs a join with the responses, so it is read
# only for a section some of whose questions are missing from a version that has responses.
_ITEMS_SQL = """
SELECT k.question, {version}, count(*), count(*) FILTER (WHERE k.item = 1)
FROM surveys_answeritem i
JOIN surveys_answerkey k ON k.id = i.key_id
{join}
WHERE k.survey_id = %s AND k.type = %s AND k.question = ANY(%s) {among}
GROUP BY 1, 2
"""
# The latest texts typed in the items, when the newest responses hold too few: newest response first,
# its items in order.
_ITEM_TEXTS_SQL = """
SELECT e.item ->> %s
FROM ({base}) r
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(r.answers -> %s) = 'array' THEN r.answers -> %s ELSE '[]'::jsonb END
) WITH ORDINALITY AS e(item, position)
WHERE r.version_id = ANY(%s::int[]) AND jsonb_typeof(e.item -> %s) = 'string' AND e.item ->> %s <> ''
ORDER BY r.submitted_at DESC, r.id DESC, e.position
LIMIT %s
"""


def repeat_figures(cursor, survey, questions, keys, base, params, among, among_params, limit,
                   tally: Tally) -> None:
    """Items, summaries and texts of the `questions` (all in repeated sections)."""
    _count_items(cursor, survey, questions, among.replace("response_id", "i.response_id"), among_params,
                 tally)
    kinds = {question.name: question_type(question.type).values for question in questions
             if question_type(question.type).values}
    wanted = [key for key, (name, _row, choices) in keys.items() if name in kinds and not choices]
    if wanted:
        sql = _VALUES_SQL.format(by="k.question, k.row", join="JOIN surveys_answerkey k ON k.id = key_id",
                                 among=among)
        cursor.execute(sql, [wanted, *among_params])
        summarise(cursor.fetchall(), kinds, tally)
    if limit:
        _item_texts(cursor, questions, base, params, limit, tally)


def _count_items(cursor, survey, questions, among, among_params, tally: Tally) -> None:
    """The items of each repeated section and the responses that added any, by version. Where every
    version with responses has all the section's questions, the items are not told apart by version
    (statistics.py adds them up over a question's versions) and are counted under the first of them."""
    responded = set(tally.per_version)
    split = sorted({question.repeat for question in questions if not responded <= question.versions})
    whole = sorted({question.repeat for question in questions} - set(split))
    if whole and responded:
        sql = _ITEMS_SQL.format(version=str(min(responded)), join="", among=among)
        cursor.execute(sql, [survey.pk, REPEAT, whole, *among_params])
        _add_items(cursor.fetchall(), tally)
    if split:
        join = "JOIN surveys_response r ON r.id = i.response_id"
        sql = _ITEMS_SQL.format(version="r.version_id", join=join, among=among)
        cursor.execute(sql, [survey.pk, REPEAT, split, *among_params])
        _add_items(cursor.fetchall(), tally)


def _add_items(found, tally: Tally) -> None:
    for name, version, items, holders in found:
        tally.items[name, version] += items
        tally.holders[name, version] += holders


def _item_texts(cursor, questions, base, params, limit: int, tally: Tally) -> None:
    """The latest texts typed in the items of each free-text question: those in the newest responses'
    items, and for a question with fewer there, a query of its own (as for the other questions)."""
    texts = [question for question in questions
             if question_type(question.type).collects_texts and question.versions]
    if not texts:
        return
    sections = sorted({question.repeat for question in texts})
    columns = ["r.version_id"] + ["r.answers -> %s" for _section in sections]
    cursor.execute(_NEWEST_SQL.format(columns=", ".join(columns), base=base),
                   [*sections, *params, NEWEST_READ])
    # Django reads jsonb as its text (the JSON field decodes it).
    newest = [(version, *(json.loads(items) if items else None for items in found))
              for version, *found in cursor.fetchall()]
    for question in texts:
        name, column = question.name, sections.index(question.repeat) + 1
        found = [
            item[name] for row in newest if row[0] in question.versions and isinstance(row[column], list)
            for item in row[column] if isinstance(item, dict) and isinstance(item.get(name), str)
            and item[name]
        ][:limit]
        if len(found) < min(limit, tally.answered[name]) and len(newest) == NEWEST_READ:
            cursor.execute(_ITEM_TEXTS_SQL.format(base=base),
                           [name, *params, question.repeat, question.repeat, sorted(question.versions), name,
                            name, limit])
            found = [text for (text,) in cursor.fetchall()]
        if found:
            tally.texts[name] = found
