"""The reviewers' pages, on the portal (reviewers are stakeholders, not admin users): their assignments,
and for each the declaration of conflicts of interest, then the use case with their scores and
recommendation. Each view checks that the assignment is the person's own and not ended by a conflict: to
anyone else it does not exist."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import access, services
from .forms import ConflictForm, ReviewForm
from .models import Assignment
from .views import signed_in_keeping_post

PER_PAGE = 20


def _own(request, pk: int) -> Assignment:
    assignment = get_object_or_404(Assignment.objects.select_related("use_case"), pk=pk,
                                   reviewer=request.user)
    if assignment.conflict == Assignment.Conflict.DECLARED:
        raise Http404
    return assignment


@never_cache
@signed_in_keeping_post
def listing(request):
    assignments = (Assignment.objects.filter(reviewer=request.user)
                   .exclude(conflict=Assignment.Conflict.DECLARED)
                   .select_related("use_case").order_by("-assigned_at", "pk"))
    return render(request, "usecases/reviews.html", {
        "assignments": Paginator(assignments, PER_PAGE).get_page(request.GET.get("page"))})


@never_cache
@signed_in_keeping_post
def review(request, pk: int):
    assignment = _own(request, pk)
    use_case = assignment.use_case
    if assignment.conflict == Assignment.Conflict.UNDECLARED:
        # Title and organisation only, until they declared no conflict.
        return render(request, "usecases/review.html", {"assignment": assignment, "use_case": use_case,
                                                        "conflict_form": ConflictForm()})
    criteria = services.active_criteria()
    open_ = use_case.state in services.REVIEWED
    initial = {"recommendation": assignment.recommendation, "comment": assignment.comment,
               "internal_note": assignment.internal_note,
               **{f"criterion_{score.criterion_id}": score.value for score in assignment.scores.all()}}
    form = ReviewForm(request.POST if request.method == "POST" else None, criteria=criteria, initial=initial)
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.review(assignment, request.user, form.scores(), form.cleaned_data["recommendation"],
                            form.cleaned_data["comment"], form.cleaned_data["internal_note"])
        except services.Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Your review is saved. You may change it while the use case is in "
                                        "review."))
            return redirect("usecases:review", assignment.pk)
    return render(request, "usecases/review.html", {
        "assignment": assignment, "use_case": use_case, "form": form if open_ else None,
        "detailed": access.may_see_detailed(use_case, request.user),
        "disease_areas": use_case.disease_areas.all(), "industry_roles": use_case.industry_roles.all(),
        "countries": use_case.countries.all(), "attachments": use_case.attachments.select_related("file"),
    })


@require_POST
@signed_in_keeping_post
def declare(request, pk: int):
    assignment = _own(request, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        return render(request, "usecases/review.html", {"assignment": assignment,
                                                        "use_case": assignment.use_case,
                                                        "conflict_form": form}, status=400)
    try:
        services.declare(assignment, request.user, form.cleaned_data["conflict"], form.cleaned_data["note"])
    except services.Refused as refused:
        messages.error(request, str(refused))
        return redirect("usecases:review", assignment.pk)
    if assignment.conflict == Assignment.Conflict.DECLARED:
        messages.info(request, _("Thank you: you are off this review, and the coordinators know why."))
        return redirect("usecases:reviews")
    return redirect("usecases:review", assignment.pk)
