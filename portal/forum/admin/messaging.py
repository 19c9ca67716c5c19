"""Coordinators write to the people of an event, or of one of its workshops, through the outbox."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from portal.core.validators import no_markup

from .. import notifications
from ..models import ForumEventPage, Registration, Session
from ..models.registrations import HOLDS_A_PLACE


class MessageForm(forms.Form):
    AUDIENCES = [("attendees", gettext_lazy("Everyone with a place")),
                 ("waiting", gettext_lazy("Everyone on the waiting list"))]

    event = forms.ModelChoiceField(queryset=ForumEventPage.objects.order_by("-starts_at"),
                                   label=gettext_lazy("Event"))
    workshop = forms.ModelChoiceField(queryset=Session.objects.filter(kind=Session.Kind.WORKSHOP),
                                      required=False, label=gettext_lazy("Only the people of this workshop"))
    audience = forms.ChoiceField(choices=AUDIENCES, initial="attendees", label=gettext_lazy("To"))
    subject = forms.CharField(max_length=200, validators=[no_markup], label=gettext_lazy("Subject"))
    text = forms.CharField(max_length=5000, validators=[no_markup], widget=forms.Textarea,
                           label=gettext_lazy("Message"))

    def clean(self):
        cleaned = super().clean()
        workshop, event = cleaned.get("workshop"), cleaned.get("event")
        if workshop and event and workshop.event_id != event.pk:
            self.add_error("workshop", _("Choose a workshop of this event."))
        return cleaned

    def recipients(self):
        data = self.cleaned_data
        statuses = HOLDS_A_PLACE if data["audience"] == "attendees" else [Registration.Status.WAITING]
        found = Registration.objects.filter(event=data["event"]).select_related("user", "event")
        if data["workshop"]:
            return found.filter(status__in=HOLDS_A_PLACE, workshops__session=data["workshop"],
                                workshops__status__in=statuses)
        return found.filter(status__in=statuses)


class MessageAttendeesView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Registration
    permission_required = "change"
    form_class = MessageForm
    template_name = "forum/admin/message.html"
    page_title = gettext_lazy("Write to attendees")
    header_icon = "mail"

    def form_valid(self, form):
        recipients = list(form.recipients())
        for registration in recipients:
            notifications.message_from_coordinators(registration, form.cleaned_data["subject"],
                                                    form.cleaned_data["text"])
        messages.success(self.request, ngettext("The message is on its way to %(count)d person.",
                                                "The message is on its way to %(count)d people.",
                                                len(recipients)) % {"count": len(recipients)})
        return redirect(reverse("forum_registrations:index") + f"?event={form.cleaned_data['event'].pk}")
