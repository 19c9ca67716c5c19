"""Mirror group memberships and applications in the personal-data export and erasure."""

from django.db.models import Q

from portal.personal_data import register

from .models import Application, Membership


def _addresses(user) -> set[str]:
    from allauth.account.models import EmailAddress

    return {user.email.lower(), *(address.lower() for address in
                                  EmailAddress.objects.filter(user=user).values_list("email", flat=True))}


def _memberships(user):
    # Also those made for the address before the person registered.
    return Membership.objects.filter(Q(user=user) | Q(email__in=_addresses(user))).select_related(
        "group__country")


def _export_memberships(user) -> list[dict]:
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
        for membership in _memberships(user)
    ]


def _export_applications(user) -> list[dict]:
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
        for application in Application.objects.filter(applicant=user).select_related("group__country")
    ]


def register_personal_data() -> None:
    register(Membership, label="mirror_group_memberships", export=_export_memberships,
             erase=lambda user: _memberships(user).delete())
    register(Application, label="mirror_group_applications", export=_export_applications,
             erase=lambda user: Application.objects.filter(applicant=user).delete())
