"""Mirror group memberships and applications in the personal-data export and erasure."""

from portal.core.personal_data import register

from .models import Application, Membership


def _memberships(owner):
    # Also those made for a verified address of theirs that nobody has taken up yet.
    return Membership.objects.filter(owner.rows("user", "email")).select_related("group__country")


def _export_memberships(owner) -> list[dict]:
    return [
        {
            "group": membership.group.country.name,
            "name": membership.name,
            "email": membership.email,
            "role": membership.get_role_display(),
            "sector": membership.get_sector_display(),
            "region": membership.region,
            "organisation": membership.organisation,
            "from": membership.starts_on and membership.starts_on.isoformat(),
            "until": membership.ends_on and membership.ends_on.isoformat(),
            "listed_publicly": membership.listed_publicly,
            "gender": membership.get_gender_display(),
        }
        for membership in _memberships(owner)
    ]


def _export_applications(owner) -> list[dict]:
    return [
        {
            "group": application.group.country.name,
            "motivation": application.motivation,
            "sector": application.get_sector_display(),
            "region": application.region,
            "organisation": application.organisation,
            "status": application.get_status_display(),
            "message": application.message,
            "applied_at": application.applied_at.isoformat(),
            "decided_at": application.decided_at and application.decided_at.isoformat(),
        }
        for application in Application.objects.filter(applicant=owner.user).select_related("group__country")
    ]


def register_personal_data() -> None:
    register(Membership, label="mirror_group_memberships", export=_export_memberships,
             erase=lambda owner: _memberships(owner).delete())
    register(Application, label="mirror_group_applications", export=_export_applications,
             erase=lambda owner: Application.objects.filter(applicant=owner.user).delete())
