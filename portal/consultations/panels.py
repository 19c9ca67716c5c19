"""'My portal': the consultations the person takes part in, their comments with the answers, their
verdicts."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Exists

from portal.stakeholders.panels import register_panel

from . import services
from .models import Comment, Verdict

PER_PAGE = 10


def _context(request, profile):
    user = request.user
    invited = (services.taking_part(user, profile).filter(report_published_at__isnull=True).distinct()
               .order_by("-created_at", "pk"))
    comments = (Comment.objects.filter(author=user).select_related("section__version__consultation")
                .order_by("-created_at", "pk"))
    verdicts = (Verdict.objects.filter(voter=user).select_related("version__consultation", "section")
                .order_by("-changed_at", "pk"))
    # One query tells whether there is anything to show: "My portal" lists every app's panel.
    has = get_user_model().objects.filter(pk=user.pk).values(
        invited=Exists(invited), commented=Exists(comments), voted=Exists(verdicts)).first()
    if not any(has.values()):
        return None
    return {
        "invited": Paginator(invited, PER_PAGE).get_page(request.GET.get("consultations_page")),
        "comments": Paginator(comments, PER_PAGE).get_page(request.GET.get("consultation_comments_page")),
        "verdicts": Paginator(verdicts, PER_PAGE).get_page(request.GET.get("consultation_verdicts_page")),
    }


def register_own_panels() -> None:
    register_panel(order=130, template="consultations/panel.html", context=_context)
