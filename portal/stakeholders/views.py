"""The stakeholder's own pages: "My portal" and the profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.initiative.models import StakeholderCluster

from . import services
from .forms import ProfileForm
from .models import StakeholderProfile
from .privacy import PRIVACY_STATEMENT_VERSION


def _own_profile(request) -> StakeholderProfile:
    return get_object_or_404(StakeholderProfile.objects.select_related("country"), user=request.user)


@never_cache
@login_required
def my_portal(request):
    profile = StakeholderProfile.objects.select_related("country").filter(user=request.user).first()
    if profile is None:
        # Coordinators made by hand (manage.py, the demo) have no stakeholder profile.
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        raise Http404
    if not profile.is_complete:
        return redirect("stakeholders:profile")
    return render(request, "stakeholders/my_portal.html", {
        "profile": profile,
        "clusters": profile.clusters.all(),
    })


@never_cache
@login_required
def profile(request):
    profile = _own_profile(request)
    first_time = not profile.is_complete
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            services.profile_save(form, request=request)
            request.session.pop("join_cluster", None)
            if first_time:
                messages.success(request, _("Thank you: a coordinator will review your registration."))
            else:
                messages.success(request, _("Your profile is saved."))
            return redirect("stakeholders:my_portal")
    else:
        initial = {}
        joining = request.GET.get("join") or request.session.get("join_cluster")
        if joining:
            cluster = StakeholderCluster.objects.filter(slug=joining).first()
            if cluster is not None:
                initial["clusters"] = [*profile.clusters.all(), cluster]
        form = ProfileForm(instance=profile, initial=initial)
    return render(request, "stakeholders/profile.html", {
        "form": form, "profile": profile, "first_time": first_time,
    })


def privacy_statement(request):
    return render(request, "stakeholders/privacy_statement.html", {"version": PRIVACY_STATEMENT_VERSION})
