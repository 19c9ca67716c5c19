"""One free-text question's answers, for the page that lists them all."""

from __future__ import annotations

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
    """One free-text question's answers, newest first, as (contribution ID, text) for a paginator."""
    questions = merged_questions(survey_versions(survey)) if questions is None else questions
    queryset = submitted_responses(survey, questions, filters).filter(version_id__in=question.versions)
    alias = Cast(KeyTextTransform(question.name, "answers"), TextField())
    return (
        queryset.alias(text=alias)
        .exclude(text__isnull=True)
        .exclude(text="")
        .annotate(answer=alias)
        .order_by("-submitted_at", "-pk")
        .values_list("contribution_id", "answer")
    )
