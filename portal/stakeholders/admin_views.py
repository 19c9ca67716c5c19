"""Coordinators approve or decline stakeholders from the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import MenuItem

from portal.validators import no_markup

from . import services
from .models import StakeholderProfile

DECISIONS = {"approve": True, "decline": False}


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the stakeholder (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_markup],
    )


class StakeholderIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "country")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        pending = instance.status == StakeholderProfile.Status.PENDING
        if pending and self.user_has_permission("review"):
            for decision, label, icon in (
                ("approve", _("Approve"), "check"),
                ("decline", _("Decline"), "cross"),
            ):
                buttons.append(MenuItem(
                    label,
                    url=reverse("stakeholders_admin:decide", args=[instance.pk, decision]),
                    icon_name=icon,
                    priority=5,
                ))
        return buttons


class DecideView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = StakeholderProfile
    permission_required = "review"
    form_class = DecisionForm
    template_name = "stakeholders/admin/decide.html"
    header_icon = "user"

    def setup(self, request, *args, pk, decision, **kwargs):
        super().setup(request, *args, **kwargs)
        if decision not in DECISIONS:
            raise Http404
        self.approve = DECISIONS[decision]
        self.profile = get_object_or_404(
            StakeholderProfile.objects.select_related("user", "country"), pk=pk
        )

    def get_page_title(self):
        return _("Approve stakeholder") if self.approve else _("Decline stakeholder")

    def get_page_subtitle(self):
        return str(self.profile)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, approve=self.approve, **kwargs)

    def form_valid(self, form):
        if self.profile.status != StakeholderProfile.Status.PENDING:
            messages.warning(self.request, _("%(name)s was already decided on.") % {"name": self.profile})
        else:
            services.stakeholder_decide(
                profile=self.profile, approve=self.approve, by=self.request.user,
                message=form.cleaned_data["message"],
            )
            done = _("%(name)s is approved.") if self.approve else _("%(name)s is declined.")
            messages.success(self.request, done % {"name": self.profile})
        return redirect("stakeholders_admin:index")
