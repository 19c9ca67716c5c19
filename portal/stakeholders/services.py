"""What happens to a stakeholder: registration, profile submission, approval or refusal."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.mail import send_templated_mail

from .models import StakeholderProfile
from .privacy import PRIVACY_STATEMENT_VERSION

COORDINATORS = "Coordinators"


@transaction.atomic
def stakeholder_register(*, user, first_name: str, last_name: str) -> StakeholderProfile:
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return StakeholderProfile.objects.create(
        user=user,
        privacy_statement_version=PRIVACY_STATEMENT_VERSION,
        privacy_agreed_at=timezone.now(),
    )


@transaction.atomic
def profile_save(form, *, request=None) -> StakeholderProfile:
    """Save the profile form; a first complete profile goes to the coordinators for approval."""
    profile = form.save()
    user = profile.user
    user.first_name = form.cleaned_data["first_name"]
    user.last_name = form.cleaned_data["last_name"]
    user.save(update_fields=["first_name", "last_name"])
    if profile.status == StakeholderProfile.Status.INCOMPLETE:
        profile.status = StakeholderProfile.Status.PENDING
        profile.submitted_at = timezone.now()
        profile.save(update_fields=["status", "submitted_at"])
        coordinators = Group.objects.filter(name=COORDINATORS).values_list(
            "user__email", flat=True
        )
        recipients = sorted({email for email in coordinators if email})
        if recipients:
            send_templated_mail(
                "stakeholders/awaiting_review",
                recipients,
                {"profile": profile, "review_url": _absolute("stakeholders_admin:index", request)},
            )
    return profile


@transaction.atomic
def stakeholder_decide(*, profile: StakeholderProfile, approve: bool, by, message: str = ""):
    """Approve or decline a stakeholder and tell them by email."""
    profile.status = (
        StakeholderProfile.Status.APPROVED if approve else StakeholderProfile.Status.DECLINED
    )
    profile.decided_at = timezone.now()
    profile.decided_by = by
    profile.decision_message = message
    profile.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
    send_templated_mail(
        "stakeholders/approved" if approve else "stakeholders/declined",
        [profile.user.email],
        {"profile": profile, "message": message, "portal_url": _absolute("stakeholders:my_portal")},
    )
    return profile


def _absolute(url_name: str, request=None) -> str:
    path = reverse(url_name)
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
