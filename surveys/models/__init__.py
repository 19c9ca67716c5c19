"""Surveys: a survey page holds the editable definition; publishing freezes it as an immutable version,
and each response belongs to the version it answered."""

from .answers import AnswerItem, AnswerKey, AnswerValue
from .files import ResponseFile
from .pages import SurveyIndexPage, SurveyPage
from .responses import Invitation, Response, ResponseExport, SurveyVersion, new_contribution_id, new_token

__all__ = [
    "AnswerItem", "AnswerKey", "AnswerValue", "Invitation", "Response", "ResponseExport", "ResponseFile",
    "SurveyIndexPage", "SurveyPage", "SurveyVersion", "new_contribution_id", "new_token",
]
