"""The surveys panel of "My portal": drafts to resume and contributions made."""

from portal.stakeholders.panels import register_panel

from .models import Response


def _context(request, profile):
    responses = list(
        Response.objects.filter(respondent=request.user).select_related("survey").order_by("-updated_at")
    )
    if not responses:
        return None
    return {"responses": responses}


def register_own_panels() -> None:
    register_panel(order=100, template="surveys/panel.html", context=_context)
