"""Accept or decline one thing that awaits a coordinator (a registration, an application): what it is, an
optional message to the person, and the button. Each app names its yes and no, its records and its service."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from portal.core.validators import no_markup


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the stakeholder (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_markup],
    )


class DecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Subclasses set `decisions` (the word in the address: yes or no), `yes_label`/`no_label`,
    `index_url_name`, a template extending core/admin/decide.html, and implement `decide` (True when it was
    still undecided) and `outcome` (the message shown after)."""

    form_class = DecisionForm
    header_icon = "user"
    decisions: dict[str, bool]
    yes_label = gettext_lazy("Accept")
    no_label = gettext_lazy("Decline")
    index_url_name: str
    already_decided = gettext_lazy("This was already decided on.")

    def setup(self, request, *args, pk, decision, **kwargs):
        super().setup(request, *args, **kwargs)
        if decision not in self.decisions:
            raise Http404
        self.yes = self.decisions[decision]
        self.object = get_object_or_404(self.get_queryset(), pk=pk)

    def get_queryset(self):
        return self.model.objects.all()

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object, yes=self.yes, button_label=self.yes_label if self.yes else self.no_label,
            cancel_url=reverse(self.index_url_name), **kwargs)

    def form_valid(self, form):
        if self.decide(form.cleaned_data["message"]):
            messages.success(self.request, self.outcome())
        else:
            messages.warning(self.request, self.already_decided)
        return redirect(self.index_url_name)

    def decide(self, message: str) -> bool:
        raise NotImplementedError

    def outcome(self) -> str:
        raise NotImplementedError
