"""What the public does with a group: write to it, and apply to join it."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.mail import send_templated_mail
from portal.stakeholders.models import StakeholderProfile

from .models import MANAGING_ROLES, Application, MirrorGroup, Role
from .notifications import notify_managers


def contact_recipients(group: MirrorGroup) -> list[str]:
    """Who the group's contact form reaches: its NCP, or its scientific coordinator while it has none."""
    managers = list(group.current_memberships().filter(role__in=MANAGING_ROLES).values_list("role", "email"))
    by_role = {role: sorted({email for held, email in managers if held == role}) for role in MANAGING_ROLES}
    return by_role[Role.NATIONAL_CONTACT_POINT] or by_role[Role.SCIENTIFIC_COORDINATOR]


def send_contact_message(group: MirrorGroup, *, name: str, email: str, message: str) -> bool:
    """Mail a message from the public to the group; False when the group has nobody to receive it."""
    recipients = contact_recipients(group)
    if not recipients:
        return False
    # The recipients' addresses stay hidden from the sender until they answer; the answer goes to the
    # address the sender typed, which the portal did not check (the mail says so).
    send_templated_mail("mirror_groups/contact", recipients,
                        {"group": group, "name": name, "email": email, "message": message}, reply_to=[email],
                        concerning=[email])
    return True


@dataclass(frozen=True)
class Refusal:
    """Why someone may not apply now, and where to go to change that."""

    reason: str
    next_url: str = ""
    next_label: str = ""


class ApplicationRefused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.reason)
        self.refusal = refusal


def _pending(application: Application) -> Refusal:
    return Refusal(
        _("Your application to the National Mirror Group of %(country)s is waiting for its managers' "
          "decision: you can apply again once they have decided.") % {"country": application.group.country},
        reverse("stakeholders:my_portal"), _("Follow it on My portal"),
    )


def application_refusal(user, group: MirrorGroup) -> Refusal | None:
    """Why this signed-in person may not apply to this group now, or None if they may."""
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return Refusal(_("Please confirm your email address first: the group's managers need to know "
                         "they can reach you."), reverse("account_email"), _("Manage your email addresses"))
    profile = StakeholderProfile.objects.select_related("country").filter(user=user).first()
    if profile is None or not profile.is_complete or profile.country_id is None:
        return Refusal(_("Please complete your profile with your country first."),
                       reverse("stakeholders:profile"), _("Complete your profile"))
    if profile.country_id != group.country_id:
        return Refusal(
            _("You can join the National Mirror Group of your own country only; your profile gives "
              "%(country)s. If that is wrong, change it in your profile first.")
            % {"country": profile.country},
            reverse("stakeholders:profile"), _("Edit your profile"),
        )
    if group.current_memberships().filter(Q(user=user) | Q(email__iexact=user.email)).exists():
        return Refusal(_("You are a member of this group already."),
                       reverse("stakeholders:my_portal"), _("See your membership on My portal"))
    pending = Application.objects.filter(applicant=user, status=Application.Status.PENDING).select_related(
        "group__country").first()
    if pending is not None:
        return _pending(pending)
    return None


def apply(*, user, group: MirrorGroup, motivation: str, sector: str, region: str,
          organisation: str) -> Application:
    """Record an application and tell the group's managers; ApplicationRefused says why not."""
    refusal = application_refusal(user, group)
    if refusal is not None:
        raise ApplicationRefused(refusal)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                group=group, applicant=user, motivation=motivation, sector=sector, region=region,
                organisation=organisation,
            )
    except IntegrityError:
        # The same application sent twice at once (two tabs, a double click): the first one counts.
        raise ApplicationRefused(_pending(Application.objects.get(
            group=group, applicant=user, status=Application.Status.PENDING))) from None
    notify_managers(application)
    return application
