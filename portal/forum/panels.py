"""'My portal': the person's registrations for forum events, with offers to take up and cancelling."""

from django.core.paginator import Paginator

from portal.stakeholders.panels import register_panel

from .models import Registration

PER_PAGE = 10


def _context(request, profile):
    registrations = (Registration.objects.filter(user=request.user)
                     .exclude(status=Registration.Status.CANCELLED).select_related("event").prefetch_related("workshops__session")
                     .order_by("-event__starts_at", "pk"))
    if not registrations.exists():
        return None
    return {"registrations": Paginator(registrations, PER_PAGE).get_page(request.GET.get("forum_page"))}


def register_own_panels() -> None:
    register_panel(order=120, template="forum/panel.html", context=_context)
