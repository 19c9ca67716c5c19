"""What happens to a stakeholder: registration, profile, approval or refusal, erasure."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.core.mail import absolute_url, send_templated_mail
from portal.core.personal_data import Owner, address_hash, erase_personal_data

from .consents import (
    INDUSTRY_CLUSTER,
    agree_to_privacy_statement,
    change_newsletter_consent,
    has_consent,
    record_consent,
)
from .models import Consent, DepartedStakeholder, ErasedAddress, PrivacyStatement, StakeholderProfile

COORDINATORS = "Coordinators"
APPROVED_STAKEHOLDERS = "Approved stakeholders"


@transaction.atomic
def stakeholder_register(*, user, first_name: str, last_name: str) -> StakeholderProfile:
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    statement = PrivacyStatement.current()
    if statement is not None:
        agree_to_privacy_statement(user, statement, source=Consent.Source.REGISTRATION)
    # Someone who erased their account and comes back asks to be mailed again.
    ErasedAddress.objects.filter(address_hash=address_hash(user.email)).delete()
    return StakeholderProfile.objects.create(user=user)


@transaction.atomic
def profile_save(form, *, request=None) -> StakeholderProfile:
    """Save the profile form; a first complete profile goes to the coordinators for approval."""
    profile = form.save()
    user = profile.user
    user.first_name = form.cleaned_data["first_name"]
    user.last_name = form.cleaned_data["last_name"]
    user.save(update_fields=["first_name", "last_name"])
    record_consent(user, Consent.Purpose.PUBLIC_LISTING, form.cleaned_data["consent_public_listing"],
                   Consent.Source.PROFILE)
    _record_industry_directory_consent(form, profile)
    if "consent_newsletter" in form.cleaned_data:
        change_newsletter_consent(user, form.cleaned_data["consent_newsletter"], request=request)
    # A conditional update: of two submits at the same moment, only one sends the profile for review.
    submitted = StakeholderProfile.objects.filter(
        pk=profile.pk, status=StakeholderProfile.Status.INCOMPLETE
    ).update(status=StakeholderProfile.Status.PENDING, submitted_at=timezone.now())
    if submitted:
        profile.refresh_from_db(fields=["status", "submitted_at"])
        coordinators = Group.objects.filter(name=COORDINATORS, user__is_active=True).values_list(
            "user__email", flat=True
        )
        recipients = sorted({email for email in coordinators if email})
        if recipients:
            send_templated_mail(
                "stakeholders/awaiting_review",
                recipients,
                {"profile": profile, "review_url": _absolute("stakeholders_admin:list", request)},
                concerning=[user.email],
            )
    return profile


def _record_industry_directory_consent(form, profile: StakeholderProfile) -> None:
    """The consent is asked of Industry cluster members only; leaving the cluster withdraws it."""
    user = profile.user
    purpose = Consent.Purpose.INDUSTRY_DIRECTORY
    asked = "consent_industry_directory" in form.cleaned_data
    in_industry = any(cluster.slug == INDUSTRY_CLUSTER for cluster in form.cleaned_data["clusters"])
    given = asked and in_industry and form.cleaned_data["consent_industry_directory"]
    if asked or has_consent(user, purpose):
        record_consent(user, purpose, given, Consent.Source.PROFILE)


@transaction.atomic
def stakeholder_decide(
    *, profile: StakeholderProfile, approve: bool, by, message: str = "", request=None
) -> bool:
    """Approve or decline a pending stakeholder and tell them by email; False if already decided."""
    profile = StakeholderProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status != StakeholderProfile.Status.PENDING:
        return False
    profile.status = (
        StakeholderProfile.Status.APPROVED if approve else StakeholderProfile.Status.DECLINED
    )
    profile.decided_at = timezone.now()
    profile.decided_by = by
    profile.decision_message = message
    profile.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
    members = Group.objects.get(name=APPROVED_STAKEHOLDERS)
    if approve:
        profile.user.groups.add(members)
    else:
        profile.user.groups.remove(members)
    send_templated_mail(
        "stakeholders/approved" if approve else "stakeholders/declined",
        [profile.user.email],
        {"profile": profile, "message": message,
         "portal_url": _absolute("stakeholders:my_portal", request)},
    )
    return True


@transaction.atomic
def account_erase(user) -> None:
    """Remove everything held about a person; keep anonymous counts and a hash of their addresses."""
    profile = StakeholderProfile.objects.filter(user=user).first()
    if profile is not None and profile.is_complete:
        departed = DepartedStakeholder.objects.create(
            country=profile.country,
            was_approved=profile.status == StakeholderProfile.Status.APPROVED,
            registered_in=profile.created_at.date().replace(day=1),
            erased_in=timezone.now().date().replace(day=1),
        )
        departed.clusters.set(profile.clusters.all())
    owner = Owner.of(user)
    # Only verified addresses: one merely typed under /accounts/email/ may be another person's.
    for address in owner.addresses:
        ErasedAddress.objects.get_or_create(address_hash=address_hash(address))
    erase_personal_data(owner)
    user.delete()


def is_erased_address(address: str) -> bool:
    return ErasedAddress.objects.filter(address_hash=address_hash(address)).exists()


def forget_erasures_of_live_addresses(erased_addresses=ErasedAddress, email_addresses=None) -> int:
    """Remove erased-address entries that match an address a live account has verified: before erasure
    trusted verified addresses only, erasing an account could list somebody else's address, whose mail the
    outbox then dropped. Takes the models as arguments so that a migration can call it; returns the count."""
    if email_addresses is None:
        from allauth.account.models import EmailAddress as email_addresses
    live = {address_hash(email) for email in
            email_addresses.objects.filter(verified=True).values_list("email", flat=True).iterator()}
    erased = erased_addresses.objects.values_list("pk", "address_hash")
    wrong = [pk for pk, hashed in erased if hashed in live]
    erased_addresses.objects.filter(pk__in=wrong).delete()
    return len(wrong)


def _absolute(url_name: str, request=None) -> str:
    return absolute_url(reverse(url_name), request)
