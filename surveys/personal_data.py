"""Survey responses in the personal-data export and erasure.

Erasure keeps submitted answers as an anonymous set (the results stay whole) but drops the link to the
account and every answer to an email question; drafts go.
"""

from portal.personal_data import register

from .models import Invitation, Response


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
        for response in Response.objects.filter(respondent=user).select_related("survey")
    ]


def _erase(user) -> None:
    responses = Response.objects.filter(respondent=user).select_related("version")
    responses.filter(status=Response.Status.DRAFT).delete()
    for response in responses.filter(status=Response.Status.SUBMITTED):
        emails = {
            question["name"]
            for section in response.version.definition.get("sections", [])
            for question in section["questions"]
            if question["type"] == "email"
        }
        response.answers = {name: value for name, value in response.answers.items() if name not in emails}
        response.respondent = None
        response.save(update_fields=["answers", "respondent"])


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


def register_personal_data() -> None:
    register(Response, label="survey_responses", export=_export, erase=_erase)
    register(Invitation, label="survey_invitations", export=_export_invitations, erase=_erase_invitations)
