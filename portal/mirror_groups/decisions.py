"""A group's managers accept or decline an application; accepting makes the applicant a member."""

from django.db import transaction
from django.utils import timezone

from portal.stakeholders.consents import has_consent
from portal.stakeholders.models import Consent

from .models import Application, Membership, Role
from .notifications import tell_applicant


def _membership_from(application: Application) -> Membership:
    """The applicant's membership: a new one, or their earlier one in the group taken up again."""
    applicant = application.applicant
    membership = Membership.objects.filter(group=application.group, email__iexact=applicant.email).first()
    if membership is None:
        membership = Membership(group=application.group, email=applicant.email, role=Role.MEMBER,
                                starts_on=timezone.localdate())
    elif membership.ends_on is not None and membership.ends_on < timezone.localdate():
        membership.starts_on, membership.ends_on = timezone.localdate(), None
    membership.user = applicant
    membership.name = applicant.get_full_name() or applicant.email
    membership.sector = application.sector
    membership.region = application.region
    membership.organisation = application.organisation
    # The public listing is what the stakeholder chose in their profile.
    membership.listed_publicly = has_consent(applicant, Consent.Purpose.PUBLIC_LISTING)
    membership.save()
    return membership


@transaction.atomic
def application_decide(*, application: Application, accept: bool, by, message: str = "") -> bool:
    """Accept or decline a pending application and tell the applicant; False if already decided."""
    application = Application.objects.select_for_update(of=("self",)).select_related(
        "applicant", "group__country").get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        return False
    application.status = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
    application.message = message
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "message", "decided_by", "decided_at"])
    if accept:
        _membership_from(application)
    tell_applicant(application)
    return True
