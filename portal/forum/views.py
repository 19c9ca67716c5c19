"""The forum's addresses outside its pages: the iCalendar files of live, public events, and registering,
cancelling and taking up an offered place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import calendar, registration
from .forms import RegistrationForm
from .models import ForumEventPage, Registration, Session


def _ics(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


def feed(request):
    return _ics(calendar.feed_ics(calendar.coming_events()), "stakeholder-forum")


def event_programme(request, page_id: int):
    event = get_object_or_404(calendar.public_events(), pk=page_id)
    return _ics(calendar.programme_ics(event, Session.objects.filter(event=event)), event.slug)


def session(request, session_id: int):
    found = get_object_or_404(Session.objects.select_related("event"), pk=session_id,
                              event__in=calendar.public_events())
    return _ics(calendar.session_ics(found), f"session-{found.pk}")


@login_required
def register_for(request, page_id: int):
    """The registration form of a coming event (approved stakeholders; others are told why not yet)."""
    event = get_object_or_404(ForumEventPage.objects.live(), pk=page_id)
    existing = Registration.objects.filter(event=event, user=request.user).exclude(
        status=Registration.Status.CANCELLED).first()
    reason = "" if existing else registration.refusal(event, request.user)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and not existing and not reason and form.is_valid():
        try:
            made = registration.register(
                event, request.user, workshops=form.chosen_workshops(),
                accessibility_needs=form.cleaned_data["accessibility_needs"],
                listed=form.cleaned_data["listed"])
        except registration.Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("You have a place: a confirmation is on its way by email.")
                             if made.status == Registration.Status.REGISTERED else
                             _("The event is full: you are on its waiting list, and we will email you."))
            return redirect("stakeholders:my_portal")
    return render(request, "forum/register.html",
                  {"event": event, "form": form, "existing": existing, "reason": reason})


def cancel(request, token: str):
    """One click from the email or "My portal": the link shows one button, which cancels."""
    found = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        registration.cancel(found)
        messages.success(request, _("Your registration is cancelled."))
        return redirect(found.event.url or "/")
    return render(request, "forum/cancel.html", {"registration": found})


@login_required
@require_POST
def accept_offer(request, token: str):
    found = get_object_or_404(Registration, token=token, user=request.user)
    workshop = request.POST.get("workshop")
    offer = get_object_or_404(found.workshops, pk=workshop) if workshop else found
    try:
        registration.accept(offer)
    except registration.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The place is yours."))
    return redirect("stakeholders:my_portal")
