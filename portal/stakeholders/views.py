"""The stakeholder's own pages: "My portal", the profile, the privacy statement, their data."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.documents.views.serve import serve as wagtail_serve_document

from portal.core.personal_data import export_personal_data
from portal.initiative.models import StakeholderCluster

from . import services
from .consents import agree_to_privacy_statement, latest_consents, statement_to_agree
from .forms import EraseAccountForm, PrivacyAgreementForm, ProfileForm
from .models import Consent, PrivacyStatement, StakeholderProfile
from .panels import panels_for


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
    # An incomplete profile is asked for on the page (registration panel), never required: a person's
    # data, erasure and survey drafts stay in reach.
    return render(request, "stakeholders/my_portal.html", {
        "profile": profile,
        "panels": panels_for(request, profile),
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
        joining = request.session.get("join_cluster")
        if joining:
            cluster = StakeholderCluster.objects.filter(slug=joining).first()
            if cluster is not None:
                initial["clusters"] = [*profile.clusters.all(), cluster]
        form = ProfileForm(instance=profile, initial=initial)
    return render(request, "stakeholders/profile.html", {
        "form": form, "profile": profile, "first_time": first_time,
    })


def admin_login(request):
    """The Wagtail admin's sign-in: allauth's for the signed out, a plain refusal for stakeholders."""
    if not request.user.is_authenticated:
        query = request.GET.urlencode()
        return redirect(reverse("account_login") + (f"?{query}" if query else ""))
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(_safe_next(request, reverse("wagtailadmin_home")))
    return render(request, "stakeholders/no_admin_access.html", status=403)


def serve_document(request, document_id, document_filename):
    """Wagtail's document serve view; no shared cache keeps a document that may be for members only."""
    response = wagtail_serve_document(request, document_id, document_filename)
    patch_cache_control(response, private=True)
    return response


def privacy_statement(request):
    statement = PrivacyStatement.current()
    if statement is None:
        raise Http404
    return render(request, "stakeholders/privacy_statement.html", {"statement": statement})


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@never_cache
@login_required
def privacy_agreement(request):
    """A new privacy statement was published: agree to it before going on (or leave)."""
    statement = statement_to_agree(request.user)
    next_url = _safe_next(request, "/my/")
    if statement is None:
        return redirect(next_url)
    form = PrivacyAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree_to_privacy_statement(request.user, statement, source=Consent.Source.RECONSENT)
        messages.success(request, _("Thank you: your agreement is recorded."))
        return redirect(next_url)
    return render(request, "stakeholders/privacy_agreement.html", {
        "statement": statement, "form": form, "next": next_url,
    })


@never_cache
@login_required
def my_data(request):
    return render(request, "stakeholders/my_data.html", {
        "form": EraseAccountForm(user=request.user),
        "consents": latest_consents(request.user).values(),
    })


@never_cache
@login_required
def export_data(request):
    data = {
        "exported": timezone.now().isoformat(),
        "source": request.build_absolute_uri("/"),
        **export_personal_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-1mg-portal-data.json"'
    return response


@never_cache
@login_required
@require_POST
def erase_account(request):
    form = EraseAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "stakeholders/my_data.html", {
            "form": form, "consents": latest_consents(request.user).values(),
        }, status=400)
    user = request.user
    logout(request)
    services.account_erase(user)
    return redirect("stakeholders:erased")


def erased(request):
    return render(request, "stakeholders/erased.html")
