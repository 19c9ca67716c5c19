"""Registering for a coming forum: a workshop in each parallel slot, accessibility needs, the attendee
list. Asking a question in a session's Q&A."""

from itertools import groupby

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.core.validators import no_markup

from .models import ForumEventPage, Question, Session


def parallel_slots(event: ForumEventPage) -> list[list[Session]]:
    """The event's workshops, grouped by their start: one choice per group."""
    workshops = event.sessions.filter(kind=Session.Kind.WORKSHOP).select_related("disease_area")
    return [list(group) for _start, group in groupby(workshops.order_by("starts_at", "track", "pk"),
                                                      key=lambda session: session.starts_at)]


class RegistrationForm(forms.Form):
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"), required=False, max_length=1000, validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything that would help you take part: captions, step-free access, breaks..."))
    listed = forms.BooleanField(
        label=_("Show my name and organisation on the attendee list that other attendees see"),
        required=False)

    def __init__(self, *args, event: ForumEventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = parallel_slots(event)
        with timezone.override(event.time_zone):
            for number, slot in enumerate(self.slots):
                start = formats.time_format(timezone.localtime(slot[0].starts_at), "H:i")
                self.fields[f"slot_{number}"] = forms.TypedChoiceField(
                    label=_("Workshop at %(time)s") % {"time": start}, required=False, coerce=int,
                    empty_value=None, widget=forms.RadioSelect,
                    choices=[("", _("None"))] + [(session.pk, session.title) for session in slot])

    def chosen_workshops(self) -> list[Session]:
        chosen = {self.cleaned_data.get(f"slot_{number}") for number in range(len(self.slots))} - {None}
        return [session for slot in self.slots for session in slot if session.pk in chosen]


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), max_length=Question._meta.get_field("text").max_length,
                           validators=[no_markup], widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"), required=False,
        help_text=_("Other attendees will not see your name; the session's moderators always do."))
