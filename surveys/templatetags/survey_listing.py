"""The home page's section of open surveys."""

from django import template

from ..listing import open_surveys
from ..models import SurveyIndexPage

register = template.Library()

ON_THE_HOME_PAGE = 3


@register.inclusion_tag("surveys/includes/home_section.html", takes_context=True)
def open_surveys_section(context) -> dict:
    """The first open surveys and a link to the surveys page; nothing when no survey is open."""
    request = context.get("request")
    if request is None:
        return {"surveys": []}
    shown = list(open_surveys(request)[:ON_THE_HOME_PAGE])
    return {
        "request": request,
        "surveys": shown,
        "index": SurveyIndexPage.objects.live().first() if shown else None,
    }
