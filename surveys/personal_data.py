"""Survey responses in the personal-data export and erasure.

A person's responses are those they answered signed in, and those answered through an invitation to one
of their verified addresses that no other account answered. Erasure deletes drafts. A submitted response
is deleted too where its survey page says so; otherwise it stays as an anonymous set of answers (the
results stay whole) without the link to the account, the answers to questions marked personal, and every
answer to an email or file question (the files sent go with them). The files of every export of a survey the
person answered are deleted with it (the export's row stays, saying why).
"""

from django.db.models import Q
from django.utils import timezone

from portal.core.personal_data import register

from .definition import iter_questions
from .exports import remove_export_files
from .models import Invitation, Response, ResponseExport, SurveyPage, SurveyVersion
from .types import question_type
from .uploads import prune


def _invitations(owner):
    return Invitation.objects.filter(owner.by_address("email"))


def _responses(owner):
    invited = _invitations(owner).filter(response__isnull=False).values("response_id")
    return Response.objects.filter(
        Q(respondent=owner.user) | Q(respondent__isnull=True, pk__in=invited)
    ).select_related("survey", "version")


def _export(owner) -> list[dict]:
    return [
        {
            "survey": response.survey.title,
            "status": response.get_status_display(),
            "contribution_id": response.contribution_id,
            "started": response.started_at.isoformat(),
            "submitted": response.submitted_at.isoformat() if response.submitted_at else None,
            "answers": response.answers,
        }
        for response in _responses(owner)
    ]


def personal_questions(survey: SurveyPage) -> set[str]:
    """The questions whose answers erasure removes: email questions, and those any version marks personal
    (a mark added in a later version covers the answers given to earlier ones); with the texts kept
    beside their answers ("Other")."""
    removed = set()
    for definition in SurveyVersion.objects.filter(survey=survey).values_list("definition", flat=True):
        for _section, question in iter_questions(definition):
            kind = question_type(question)
            if question.get("personal") or kind.personal_by_default:
                removed |= {question["name"], kind.companion(question)} - {""}
    return removed


def _without(value, removed: set[str]):
    """A repeated section's items without the answers to personal questions; any other answer as it is."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return value
    return [{name: answer for name, answer in item.items() if name not in removed} for item in value]


def _erase(owner) -> None:
    responses = list(_responses(owner))
    remove_export_files(
        {r.survey_id for r in responses if r.status == Response.Status.SUBMITTED},
        because=ResponseExport.Removed.ERASURE,
    )
    deleted = [
        response.pk
        for response in responses
        if response.status == Response.Status.DRAFT or response.survey.erasure == SurveyPage.Erasure.DELETE
    ]
    Response.objects.filter(pk__in=deleted).delete()
    removed_by_survey: dict[int, set[str]] = {}
    for response in (r for r in responses if r.pk not in deleted):
        if response.survey_id not in removed_by_survey:
            removed_by_survey[response.survey_id] = personal_questions(response.survey)
        removed = removed_by_survey[response.survey_id]
        response.answers = {name: _without(value, removed) for name, value in response.answers.items()
                            if name not in removed}
        response.edited_answers = None
        response.respondent = None
        response.updated_at = timezone.now()  # a new stamp: cached statistics with the old answers go stale
        response.save(update_fields=["answers", "edited_answers", "respondent", "updated_at"])
        prune(response)  # the files of the answers removed (file questions are personal)


def _export_invitations(owner) -> list[dict]:
    return [
        {"survey": invitation.survey.title, "email": invitation.email, "state": str(invitation.state)}
        for invitation in _invitations(owner).select_related("survey", "response")
    ]


def _erase_invitations(owner) -> None:
    _invitations(owner).delete()


def _export_exports(owner) -> list[dict]:
    return [
        {"survey": export.survey.title, "format": export.format, "requested": export.created_at.isoformat()}
        for export in ResponseExport.objects.filter(requested_by=owner.user).select_related("survey")
    ]


def _forget_who_asked(owner) -> None:
    ResponseExport.objects.filter(requested_by=owner.user).update(requested_by=None)


def register_personal_data() -> None:
    # Responses first: invitations lead to responses, and go after them.
    register(Response, label="survey_responses", export=_export, erase=_erase)
    register(Invitation, label="survey_invitations", export=_export_invitations, erase=_erase_invitations)
    register(
        ResponseExport, label="survey_exports_requested", export=_export_exports, erase=_forget_who_asked
    )
