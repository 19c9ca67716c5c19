"""'My portal': the recommendations the person follows, with their status."""

from django.core.paginator import Paginator

from portal.stakeholders.panels import register_panel

from .models import Follow, RecommendationIndexPage

PER_PAGE = 10


def _context(request, profile):
    follows = (Follow.objects.filter(user=request.user).select_related("recommendation")
               .order_by("-created_at", "-pk"))
    if not follows.exists():
        return None
    return {"follows": Paginator(follows, PER_PAGE).get_page(request.GET.get("recommendations_page")),
            "tracker": RecommendationIndexPage.objects.live().first()}


def register_own_panels() -> None:
    register_panel(order=130, template="recommendations/panel.html", context=_context)
