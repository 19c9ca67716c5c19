"""One free-text question's answers, for the page that lists them all."""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from ..models import SurveyPage
from .filters import Filters, submitted_responses
from .versions import Question, merged_questions, survey_versions


def text_answers(
    survey: SurveyPage,
    question: Question,
    filters: Filters | None = None,
    questions: list[Question] | None = None,
) -> QuerySet:
    """One free-text question's answers, newest first, as (contribution ID, text) for a paginator; in a
    repeated section, each item's (a response's items in their order)."""
    questions = merged_questions(survey_versions(survey)) if questions is None else questions
    queryset = submitted_responses(survey, questions, filters).filter(version_id__in=question.versions)
    if question.repeat:
        return ItemTexts(queryset, question)
    alias = Cast(KeyTextTransform(question.name, "answers"), TextField())
    return (
        queryset.alias(text=alias)
        .exclude(text__isnull=True)
        .exclude(text="")
        .annotate(answer=alias)
        .order_by("-submitted_at", "-pk")
        .values_list("contribution_id", "answer")
    )


class ItemTexts:
    """The texts typed in the items of a repeated section, newest response first and its items in order,
    read a page at a time: a sequence for a paginator (count() and slices)."""

    _SQL = """
    SELECT {columns}
    FROM ({base}) r
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(r.answers -> %s) = 'array' THEN r.answers -> %s ELSE '[]'::jsonb END
    ) WITH ORDINALITY AS e(item, position)
    WHERE jsonb_typeof(e.item -> %s) = 'string' AND e.item ->> %s <> ''
    """
    _ORDER = " ORDER BY r.submitted_at DESC, r.id DESC, e.position LIMIT %s OFFSET %s"

    def __init__(self, queryset: QuerySet, question: Question):
        self.queryset, self.question = queryset, question
        self.on_postgresql = connections[queryset.db].vendor == "postgresql"

    def _fetch(self, columns: str, first: list, tail: str = "", last: tuple = ()) -> list[tuple]:
        query = self.queryset.values("contribution_id", "answers", "submitted_at", "id").query
        base, params = query.get_compiler(using=self.queryset.db).as_sql()
        name, repeat = self.question.name, self.question.repeat
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(self._SQL.format(columns=columns, base=base) + tail,
                           [*first, *params, repeat, repeat, name, name, *last])
            return cursor.fetchall()

    def _in_python(self) -> list[tuple]:
        name, repeat = self.question.name, self.question.repeat
        rows = self.queryset.order_by("-submitted_at", "-pk").values_list("contribution_id", "answers")
        return [(contribution_id, item[name]) for contribution_id, answers in rows
                for item in (answers or {}).get(repeat) or []
                if isinstance(item, dict) and isinstance(item.get(name), str) and item[name]]

    def count(self) -> int:
        if not self.on_postgresql:
            return len(self._in_python())
        return self._fetch("count(*)", [])[0][0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[tuple]:
        start, stop = part.start or 0, part.stop
        if not self.on_postgresql:
            return self._in_python()[start:stop]
        return self._fetch("r.contribution_id, e.item ->> %s", [self.question.name], self._ORDER,
                           (stop - start, start))
