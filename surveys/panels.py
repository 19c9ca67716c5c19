"""The surveys panel of "My portal": invitations to answer, drafts to continue and contributions made."""

from django.core.paginator import Paginator

from portal.core.personal_data import Owner
from portal.stakeholders.panels import register_panel

from .invitations import ANSWERED
from .listing import open_now
from .models import Invitation, Response, SurveyPage

PER_PAGE = 10


def invitations_of(user):
    """Invitations to the person's verified addresses (portal.core.personal_data.Owner: an address merely
    typed into an account never shows another person's invitation link) not answered yet, in surveys open
    now."""
    return (
        Invitation.objects.filter(Owner.of(user).by_address("email"),
                                  survey__in=open_now(SurveyPage.objects.live()))
        .exclude(ANSWERED)
        .select_related("survey", "response")
        .defer("response__answers", "response__edited_answers")
        .order_by("-invited_at", "pk")
    )


def _items(request) -> list[dict]:
    taking_answers = set(open_now(SurveyPage.objects.live()).values_list("pk", flat=True))
    items = [
        {"kind": "invitation", "survey": invitation.survey, "started": invitation.response_id is not None,
         "path": invitation.survey.reverse_subpage("invitation", args=[invitation.token]),
         "date": invitation.response.updated_at if invitation.response_id else invitation.invited_at}
        for invitation in invitations_of(request.user)
    ]
    responses = Response.objects.filter(respondent=request.user).select_related("survey").defer(
        "answers", "edited_answers"
    )
    for response in responses.order_by("status", "-updated_at", "-pk"):  # drafts first
        if response.status == Response.Status.DRAFT:
            items.append({"kind": "draft", "survey": response.survey,
                          "open": response.survey_id in taking_answers,
                          "path": response.survey.reverse_subpage("resume", args=[response.token]),
                          "date": response.updated_at})
        else:
            items.append({"kind": "submitted", "survey": response.survey, "id": response.contribution_id,
                          "path": response.survey.reverse_subpage("receipt", args=[response.token]),
                          "date": response.submitted_at})
    return items


def _context(request, profile):
    items = _items(request)
    if not items:
        return None
    shown = Paginator(items, PER_PAGE).get_page(request.GET.get("surveys_page"))
    for item in shown:
        address = item["survey"].get_url(request)
        item["url"] = address + item["path"] if address else None
    return {"items": shown}


def register_own_panels() -> None:
    register_panel(order=100, template="surveys/panel.html", context=_context)
