"""The forum's addresses outside its pages: the iCalendar files of live, public events; registering,
cancelling and taking up an offered place; a session's audience Q&A (its page, the poll its script sends,
voting, moderating and the presenter view)."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.core.listings import paginate

from . import calendar, live, questions, registration
from .forms import QuestionForm, RegistrationForm
from .models import ForumEventPage, Question, Registration, Session


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


# The audience Q&A of a session.

def _session_with_audience(request, session_id: int) -> tuple[Session, str | None]:
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id, event__live=True)
    return session, live.audience_of(session, request.user)


def _not_for_you(request, session: Session):
    return render(request, "forum/questions_not_for_you.html", {"session": session, "event": session.event},
                  status=403)


def _sort(data) -> str:
    return data.get("sort") if data.get("sort") in live.SORTS else live.SORTS[0]


def _back_to_board(session_id: int, sort: str):
    return redirect(f"{reverse('forum:questions', args=[session_id])}?sort={sort}")


@login_required
def session_questions(request, session_id: int):
    """The Q&A board: ask, vote, sort; moderators also approve, hide, answer and pin. The script
    (static/js/questions.js) keeps it current; without it, a reload does."""
    session, audience = _session_with_audience(request, session_id)
    if audience is None:
        return _not_for_you(request, session)
    sort = _sort(request.POST or request.GET)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="forum_question", user=request.user):
            form.add_error("text", _("You have asked several questions in a short time: please wait a few "
                                     "minutes before asking again. Your question is kept below."))
        else:
            try:
                asked = questions.ask(session, request.user, form.cleaned_data["text"],
                                      anonymous=form.cleaned_data["anonymous"])
            except questions.Refused as refused:
                form.add_error("text", str(refused))
            else:
                waits = asked.state == Question.State.PENDING
                messages.success(request, _("Your question waits for a moderator; only you see it now.")
                                 if waits else _("Your question is on the board."))
                return _back_to_board(session.pk, sort)
    # The tag before the board: a change in between makes the script's first poll bring it.
    tag = live.etag(session, request.user, audience, sort)
    board = live.board(session, request.user, audience, sort)
    # Without the script the longest section goes in pages; the script shows all of it.
    asked = paginate(request, board["sections"]["asked"])
    context = {"session": session, "event": session.event, "form": form, "sort": sort, "sorts": live.SORTS,
               "board": board, "asked": asked, "etag": tag, "blank": live.BLANK_ROW,
               "actions": live.ACTION_LABELS}
    return render(request, "forum/questions.html", context, status=400 if form.errors else 200)


@require_GET
def session_questions_poll(request, session_id: int):
    """What the board's script asks for every few seconds: 304 while nothing changed, and never a write.
    `?view=present` gives the presenter view's questions; otherwise `?sort=` orders the board."""
    session, audience = _session_with_audience(request, session_id)
    if audience is None:
        return JsonResponse({"error": _("The Q&A is for the event's attendees.")}, status=403)
    presenting = request.GET.get("view") == live.PRESENT and audience == live.MODERATORS
    view = live.PRESENT if presenting else _sort(request.GET)
    tag = live.etag(session, request.user, live.AUDIENCE if presenting else audience, view)
    unchanged = get_conditional_response(request, etag=tag)
    if unchanged is not None:
        return unchanged
    response = JsonResponse(live.presented(session) if presenting
                            else live.board(session, request.user, audience, view))
    response["ETag"] = tag
    return response


def _answer(request, session: Session, status: int, message: str, sort: str, **data):
    """The answer to a vote or a moderator's action: JSON for the script, else a message and the board."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"message": message, **data}, status=status)
    (messages.success if status == 200 else messages.error)(request, message)
    return _back_to_board(session.pk, sort)


@login_required
@require_POST
def vote(request, question_id: int):
    question = get_object_or_404(Question.objects.select_related("session"), pk=question_id,
                                 session__event__live=True)
    sort = _sort(request.POST)
    if not ratelimit.consume(request, action="forum_vote", user=request.user):
        return _answer(request, question.session, 429,
                       _("You have voted many times in a short time: please wait a minute."), sort)
    try:
        counted = questions.upvote(question, request.user)
    except questions.Refused as refused:
        return _answer(request, question.session, 403, str(refused), sort)
    votes = Question.objects.values_list("votes", flat=True).get(pk=question.pk)
    return _answer(request, question.session, 200,
                   _("Your vote is counted.") if counted else _("You had voted for this question already."),
                   sort, counted=counted, votes=votes)


@login_required
@require_POST
def moderate(request, question_id: int):
    question = get_object_or_404(Question.objects.select_related("session"), pk=question_id,
                                 session__event__live=True)
    sort = _sort(request.POST)
    action = request.POST.get("action", "")
    if action not in live.MODERATION:
        return _answer(request, question.session, 400, _("Choose what to do with the question."), sort)
    try:
        questions.moderate(question, request.user, action)
    except questions.Refused as refused:
        return _answer(request, question.session, 403, str(refused), sort)
    return _answer(request, question.session, 200, live.MODERATION[action], sort, state=question.state,
                   pinned=question.pinned)


@login_required
def present(request, session_id: int):
    """The pinned question and the most voted ones, in large type for the room's screen (moderators)."""
    session, audience = _session_with_audience(request, session_id)
    if audience != live.MODERATORS:
        return _not_for_you(request, session)
    tag = live.etag(session, request.user, live.AUDIENCE, live.PRESENT)
    return render(request, "forum/questions_present.html",
                  {"session": session, "event": session.event, "etag": tag, **live.presented(session)})
