"""'My portal': the person's use cases (drafts to finish, where the others stand), their invitations to
co-author and, for a reviewer, the way to their reviews."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Exists

from portal.stakeholders.panels import register_panel
from portal.stakeholders.services import APPROVED_STAKEHOLDERS

from . import services
from .models import Assignment

PER_PAGE = 10


def _context(request, profile):
    user = request.user
    use_cases = services.authored_by(user).order_by("-updated_at", "pk")
    invitations = services.invitations_for(user).order_by("-invited_at", "pk")
    # One query tells whether there is anything to show: "My portal" lists every app's panel.
    has = get_user_model().objects.filter(pk=user.pk).values(
        member=Exists(user.groups.filter(name=APPROVED_STAKEHOLDERS)), authored=Exists(use_cases),
        invited=Exists(invitations), reviewing=Exists(Assignment.objects.filter(reviewer=user).exclude(
            conflict=Assignment.Conflict.DECLARED))).first()
    if not any(has.values()):
        return None
    return {
        "may_start": has["member"], "reviewing": has["reviewing"],
        "use_cases": Paginator(use_cases, PER_PAGE).get_page(request.GET.get("use_cases_page")),
        "invitations": Paginator(invitations, PER_PAGE).get_page(
            request.GET.get("use_case_invitations_page")),
    }


def register_own_panels() -> None:
    register_panel(order=140, template="usecases/panel.html", context=_context)
