"""The figures of repeated sections counted in PostgreSQL: their items and the respondents who added any,
by version, and the summaries and texts of their questions over the items (answer_items.py keeps an
item's answers under keys of the item's number, and each item under the section's key of type "repeat")."""

from __future__ import annotations

from ..answer_items import REPEAT
from ..types import question_type
from .tally import Tally
from .tally_postgresql import _VALUES_SQL, summarise

# Items counted by version: every item has a key of its number, so the items at number 1 are the
# responses that added any.
_ITEMS_SQL = """
SELECT k.question, r.version_id, count(*), count(*) FILTER (WHERE k.item = 1)
FROM surveys_answeritem i
JOIN surveys_answerkey k ON k.id = i.key_id
JOIN surveys_response r ON r.id = i.response_id
WHERE k.survey_id = %s AND k.type = %s AND k.question = ANY(%s) {among}
GROUP BY 1, 2
"""
# The latest texts typed in the items: newest response first, its items in order.
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
    sections = sorted({question.repeat for question in questions})
    cursor.execute(_ITEMS_SQL.format(among=among.replace("response_id", "i.response_id")),
                   [survey.pk, REPEAT, sections, *among_params])
    for name, version, items, holders in cursor.fetchall():
        tally.items[name, version] += items
        tally.holders[name, version] += holders
    kinds = {question.name: question_type(question.type).values for question in questions
             if question_type(question.type).values}
    wanted = [key for key, (name, _row, choices) in keys.items() if name in kinds and not choices]
    if wanted:
        sql = _VALUES_SQL.format(by="k.question, k.row", join="JOIN surveys_answerkey k ON k.id = key_id",
                                 among=among)
        cursor.execute(sql, [wanted, *among_params])
        summarise(cursor.fetchall(), kinds, tally)
    if not limit:
        return
    for question in questions:
        if not (question_type(question.type).collects_texts and question.versions):
            continue
        name = question.name
        cursor.execute(_ITEM_TEXTS_SQL.format(base=base),
                       [name, *params, question.repeat, question.repeat, sorted(question.versions), name,
                        name, limit])
        found = [text for (text,) in cursor.fetchall()]
        if found:
            tally.texts[name] = found
