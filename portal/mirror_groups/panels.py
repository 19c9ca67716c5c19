"""The National Mirror Group panel of "My portal": applications and their answers, memberships,
invitations to a verified address of the person waiting to be accepted, and the way to apply to the group
of one's country."""

from portal.core.personal_data import Owner
from portal.stakeholders.panels import register_panel

from .models import Application, Membership, MirrorGroup
from .services import application_refusal


def _context(request, profile):
    user = request.user
    applications = list(Application.objects.filter(applicant=user).select_related("group__country"))
    memberships = list(Membership.objects.filter(user=user).select_related("group__country")
                       .order_by("-starts_on"))
    invitations = list(Membership.objects.filter(Owner.of(user).by_address("email"), user__isnull=True)
                       .select_related("group__country"))
    own_group = (MirrorGroup.objects.select_related("country").filter(country_id=profile.country_id).first()
                 if profile.country_id else None)
    if not (applications or memberships or invitations or own_group):
        return None
    may_apply = (own_group is not None and application_refusal(user, own_group) is None
                 and all(invitation.group_id != own_group.pk for invitation in invitations))
    return {"applications": applications, "memberships": memberships, "invitations": invitations,
            "own_group": own_group, "may_apply": may_apply}


def register_own_panels() -> None:
    register_panel(order=50, template="mirror_groups/panel.html", context=_context)
