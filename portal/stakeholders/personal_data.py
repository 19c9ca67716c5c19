"""The personal data the stakeholders app holds (and allauth's for it), for export and erasure."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from portal.core.personal_data import register

from .models import Consent, StakeholderProfile


def _account(owner) -> dict:
    user = owner.user
    return {
        "email": user.email,
        "given_name": user.first_name,
        "family_name": user.last_name,
        "registered": user.date_joined.isoformat(),
        "last_sign_in": user.last_login.isoformat() if user.last_login else None,
    }


def _profile(owner) -> dict | None:
    profile = (
        StakeholderProfile.objects.filter(user=owner.user)
        .select_related("country")
        .prefetch_related("clusters", "sub_areas__cluster", "disease_areas")
        .first()
    )
    if profile is None:
        return None
    return {
        "organisation": profile.organisation,
        "role": profile.role,
        "country": profile.country.name if profile.country else None,
        "clusters": [cluster.name for cluster in profile.clusters.all()],
        "sub_areas": [f"{area.cluster.name}: {area.name}" for area in profile.sub_areas.all()],
        "disease_areas": [area.name for area in profile.disease_areas.all()],
        "ways_of_taking_part": profile.participation,
        "status": profile.get_status_display(),
        "submitted": profile.submitted_at.isoformat() if profile.submitted_at else None,
        "decided": profile.decided_at.isoformat() if profile.decided_at else None,
        "message_from_the_coordinators": profile.decision_message,
    }


def _consents(owner) -> list[dict]:
    return [
        {
            "purpose": consent.get_purpose_display(),
            "given": consent.given,
            "text_version": consent.text_version,
            "how": consent.get_source_display(),
            "recorded": consent.recorded_at.isoformat(),
        }
        for consent in Consent.objects.filter(user=owner.user)
    ]


def _email_addresses(owner) -> list[dict]:
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=owner.user)
    ]


def _deleted_with_the_account(owner) -> None:
    """These rows go when the user row is deleted (on_delete=CASCADE)."""


def register_personal_data() -> None:
    register(get_user_model(), label="account", export=_account, erase=_deleted_with_the_account)
    register(StakeholderProfile, label="stakeholder_profile", export=_profile,
             erase=_deleted_with_the_account)
    register(Consent, label="consents", export=_consents, erase=_deleted_with_the_account)
    register(EmailAddress, label="email_addresses", export=_email_addresses,
             erase=_deleted_with_the_account)
