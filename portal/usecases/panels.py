"""'My portal': the person's use cases (drafts to finish, where the others stand) and their invitations to
co-author."""

from django.core.paginator import Paginator

from portal.stakeholders.members import is_member
from portal.stakeholders.panels import register_panel

from . import services

PER_PAGE = 10


def _context(request, profile):
    user = request.user
    use_cases = services.authored_by(user).order_by("-updated_at", "pk")
    invitations = services.invitations_for(user).order_by("-invited_at", "pk")
    may_start = is_member(user)
    if not may_start and not use_cases.exists():
        return None
    return {
        "may_start": may_start,
        "use_cases": Paginator(use_cases, PER_PAGE).get_page(request.GET.get("use_cases_page")),
        "invitations": Paginator(invitations, PER_PAGE).get_page(
            request.GET.get("use_case_invitations_page")),
    }


def register_own_panels() -> None:
    register_panel(order=140, template="usecases/panel.html", context=_context)
