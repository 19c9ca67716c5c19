"""The emails of the mirror groups: a new application to the managers, the decision to the applicant, the
invitation of a new member to accept the membership."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from portal.core.mail import absolute_url, send_templated_mail
from portal.stakeholders.services import COORDINATORS

from .models import Application, Membership


def _addresses(users) -> list[str]:
    return sorted({email for email in users.filter(is_active=True).values_list("email", flat=True) if email})


def notify_managers(application: Application) -> None:
    """Tell the group's managers that a stakeholder applied; a group without managers, the coordinators."""
    group = application.group
    coordinators = Group.objects.get(name=COORDINATORS).user_set.all()
    recipients = _addresses(group.managers()) or _addresses(coordinators)
    if recipients:
        send_templated_mail("mirror_groups/new_application", recipients, {
            "application": application, "group": group,
            "admin_url": absolute_url(reverse("mirror_groups_applications:inspect", args=[application.pk])),
        }, concerning=[application.applicant.email])


def tell_applicant(application: Application) -> None:
    accepted = application.status == Application.Status.ACCEPTED
    send_templated_mail(
        "mirror_groups/application_accepted" if accepted else "mirror_groups/application_declined",
        [application.applicant.email],
        {"application": application, "portal_url": absolute_url(reverse("stakeholders:my_portal"))},
    )


def welcome_member(membership: Membership) -> None:
    """Invite a new member to accept the membership, with or without an account (they register first)."""
    link = absolute_url(reverse("mirror_groups:invitation", args=[membership.invitation_token]))
    send_templated_mail("mirror_groups/welcome", [membership.email], {"membership": membership, "link": link})
    Membership.objects.filter(pk=membership.pk).update(invited_at=timezone.now())
