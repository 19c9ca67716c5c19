"""Survey responses in the personal-data export and erasure.

Erasure keeps submitted answers as an anonymous set (the results stay whole) but drops the link to the
account and every answer to an email question; drafts go.
"""

from django.db.models import Q

from portal.personal_data import register

from .models import Invitation, Response, ResponseExport


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


def _erase(user) -> None:
    responses = list(_responses(user))
    Response.objects.filter(pk__in=[r.pk for r in responses if r.status == Response.Status.DRAFT]).delete()
    for response in (r for r in responses if r.status == Response.Status.SUBMITTED):
        emails = {
            question["name"]
            for section in response.version.definition.get("sections", [])
            for question in section["questions"]
            if question["type"] == "email"
        }
        response.answers = {name: value for name, value in response.answers.items() if name not in emails}
        response.edited_answers = None
        response.respondent = None
        response.save(update_fields=["answers", "edited_answers", "respondent"])


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
