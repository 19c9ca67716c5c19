"""Coordinators invite people to a survey, see who opened, started and submitted, and remind them.

The invitees' addresses are personal data and mailing them speaks for the initiative: the same right as
the results (may_see_results: who may publish the survey page), not the editors' right to edit it."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import Button

from .. import invitations
from ..models import Invitation, SurveyPage
from .results import may_see_results

MAX_CSV_BYTES = 2 * 1024 * 1024


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label=gettext_lazy("Email addresses"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One or more, separated by new lines, commas or semicolons."),
    )
    csv_file = forms.FileField(
        label=gettext_lazy("Or a CSV file"),
        required=False,
        help_text=gettext_lazy("With a column named “email”, or the addresses in the first column."),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload and (not upload.name.lower().endswith(".csv") or upload.size > MAX_CSV_BYTES):
            raise forms.ValidationError(_("Upload a .csv file of at most 2 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("addresses") and not cleaned.get("csv_file") and not self.errors:
            raise forms.ValidationError(_("Paste addresses or choose a CSV file."))
        return cleaned


def _survey(request, pk) -> SurveyPage:
    survey = get_object_or_404(SurveyPage, pk=pk)
    if not may_see_results(request.user, survey):
        raise PermissionDenied
    return survey


def invitations_view(request, pk):
    survey = _survey(request, pk)
    form = InviteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remind" in request.POST:
        count = invitations.remind(survey)
        if count:
            messages.success(request, _("%(count)s reminders are on their way.") % {"count": count})
        else:  # such as the second of a double click
            messages.info(request, _(
                "Nobody needs a reminder now: whoever has not answered was invited or reminded in the last "
                "three days."
            ))
        return redirect("surveys_invitations", pk)
    if request.method == "POST" and form.is_valid():
        try:
            addresses = invitations.addresses_in(
                form.cleaned_data["addresses"], form.cleaned_data["csv_file"]
            )
        except csv.Error as error:
            messages.error(request, _("The CSV file could not be read: %(error)s") % {"error": error})
            return redirect("surveys_invitations", pk)
        outcome = invitations.invite(survey, addresses)
        messages.success(
            request,
            _(
                "%(invited)s invited; %(already)s already invited; %(erased)s not invited (their "
                "accounts were erased); %(invalid)s not addresses: %(invalid_list)s"
            )
            % {
                **{key: len(value) for key, value in outcome.items()},
                "invalid_list": ", ".join(outcome["invalid"]),
            },
        )
        return redirect("surveys_invitations", pk)
    listed = Invitation.objects.filter(survey=survey).select_related("response")
    counts = listed.aggregate(
        invited=Count("pk"),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        started=Count("pk", filter=Q(response__isnull=False) | Q(submitted_on__isnull=False)),
        submitted=Count("pk", filter=invitations.ANSWERED),
    )
    return TemplateResponse(
        request,
        "surveys/admin/invitations.html",
        {
            "survey": survey,
            "form": form,
            "counts": counts,
            "invitations": Paginator(listed, 50).get_page(request.GET.get("p")),
            "to_remind": invitations.needing_reminder(survey).count(),
            "page_title": _("Invitations"),
            "header_icon": "mail",
        },
    )


def urls():
    return [path("surveys/<int:pk>/invitations/", invitations_view, name="surveys_invitations")]


def invitation_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, SurveyPage) and may_see_results(user, page):
        yield Button(
            _("Invitations"), reverse("surveys_invitations", args=[page.pk]), icon_name="mail", priority=80
        )
