"""Surveys: a survey page holds the editable definition; publishing freezes it as an immutable version,
and each response belongs to the version it answered."""

from .pages import (
    AnswerItem,
    AnswerKey,
    AnswerValue,
    Invitation,
    Response,
    ResponseExport,
    SurveyIndexPage,
    SurveyPage,
    SurveyVersion,
    new_contribution_id,
    new_token,
)

__all__ = [
    "AnswerItem", "AnswerKey", "AnswerValue", "Invitation", "Response", "ResponseExport", "SurveyIndexPage",
    "SurveyPage", "SurveyVersion", "new_contribution_id", "new_token",
]
