"""The National Mirror Group panel of "My portal": applications and their answers, memberships, and the
way to apply to the group of one's country."""

from django.db.models import Q

from portal.stakeholders.panels import register_panel

from .models import Application, Membership, MirrorGroup
from .services import application_refusal


def _context(request, profile):
    user = request.user
    applications = list(Application.objects.filter(applicant=user).select_related("group__country"))
    # Also a membership made for the address before the person registered.
    memberships = list(Membership.objects.filter(Q(user=user) | Q(email__iexact=user.email))
                       .select_related("group__country").order_by("-starts_on"))
    own_group = (MirrorGroup.objects.select_related("country").filter(country_id=profile.country_id).first()
                 if profile.country_id else None)
    if not (applications or memberships or own_group):
        return None
    may_apply = own_group is not None and application_refusal(user, own_group) is None
    return {"applications": applications, "memberships": memberships, "own_group": own_group,
            "may_apply": may_apply}


def register_own_panels() -> None:
    register_panel(order=50, template="mirror_groups/panel.html", context=_context)
