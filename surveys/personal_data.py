"""Survey responses in the personal-data export and erasure.

Erasure deletes drafts. A submitted response is deleted too where its survey page says so; otherwise it
stays as an anonymous set of answers (the results stay whole) without the link to the account, the
answers to questions marked personal, and every answer to an email question.
"""

from django.db.models import Q
from django.utils import timezone

from portal.personal_data import register

from .definition import iter_questions
from .models import Invitation, Response, ResponseExport, SurveyPage, SurveyVersion


def _responses(user):
    """The person's responses: answered signed in, or through an invitation to one of their addresses."""
    invited = Invitation.objects.filter(email__in=_addresses(user), response__isnull=False)
    return Response.objects.filter(
        Q(respondent=user) | Q(pk__in=invited.values("response_id"))
    ).select_related("survey", "version")


def _export(user) -> list[dict]:
    return [
        {
            "survey": response.survey.title,
            "status": response.get_status_display(),
            "contribution_id": response.contribution_id,
            "started": response.started_at.isoformat(),
            "submitted": response.submitted_at.isoformat() if response.submitted_at else None,
            "answers": response.answers,
        }
        for response in _responses(user)
    ]


def personal_questions(survey: SurveyPage) -> set[str]:
    """The questions whose answers erasure removes: email questions, and those any version marks personal
    (a mark added in a later version covers the answers given to earlier ones)."""
    return {
        question["name"]
        for definition in SurveyVersion.objects.filter(survey=survey).values_list("definition", flat=True)
        for _section, question in iter_questions(definition)
        if question.get("personal") or question["type"] == "email"
    }


def _erase(user) -> None:
    responses = list(_responses(user))
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
        response.answers = {name: value for name, value in response.answers.items() if name not in removed}
        response.edited_answers = None
        response.respondent = None
        response.updated_at = timezone.now()  # a new stamp: cached statistics with the old answers go stale
        response.save(update_fields=["answers", "edited_answers", "respondent", "updated_at"])


def _addresses(user) -> set[str]:
    return {
        user.email.lower(),
        *(address.lower() for address in user.emailaddress_set.values_list("email", flat=True)),
    }


def _export_invitations(user) -> list[dict]:
    return [
        {"survey": invitation.survey.title, "email": invitation.email, "state": str(invitation.state)}
        for invitation in Invitation.objects.filter(email__in=_addresses(user)).select_related(
            "survey", "response"
        )
    ]


def _erase_invitations(user) -> None:
    Invitation.objects.filter(email__in=_addresses(user)).delete()


def _export_exports(user) -> list[dict]:
    return [
        {"survey": export.survey.title, "format": export.format, "requested": export.created_at.isoformat()}
        for export in ResponseExport.objects.filter(requested_by=user).select_related("survey")
    ]


def _forget_who_asked(user) -> None:
    ResponseExport.objects.filter(requested_by=user).update(requested_by=None)


def register_personal_data() -> None:
    # Responses first: invitations lead to responses, and go after them.
    register(Response, label="survey_responses", export=_export, erase=_erase)
    register(Invitation, label="survey_invitations", export=_export_invitations, erase=_erase_invitations)
    register(
        ResponseExport, label="survey_exports_requested", export=_export_exports, erase=_forget_who_asked
    )
