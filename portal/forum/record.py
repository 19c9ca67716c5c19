"""A session's audience questions for the event's report: every question as CSV, for its moderators, who
know who asked (an erased person is "a participant"). The answered ones are also in the public record, on
the event page (timetable.programme), without names."""

import csv
import zoneinfo

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.core.spreadsheets import SafeWriter

from . import questions
from .models import Question, Session


def questions_rows(session: Session) -> list[list]:
    """The header and a row a question, in the order they were asked, times in the event's time zone."""
    zone = zoneinfo.ZoneInfo(session.event.time_zone)
    yes_no = {True: _("yes"), False: _("no")}
    rows = [[_("Asked at"), _("Question"), _("Asked by"), _("Anonymous"), _("State"), _("Pinned"),
             _("Votes")]]
    asked = Question.objects.filter(session=session).select_related("author").order_by("created_at", "pk")
    for question in asked:
        rows.append([question.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), question.text,
                     questions.author_shown(question, to_moderator=True), yes_no[question.anonymous],
                     question.get_state_display(), yes_no[question.pinned], question.votes])
    return rows


def questions_csv(session: Session) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{session.event.slug}-questions-{session.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    SafeWriter(csv.writer(response)).writerows(questions_rows(session))
    return response


@login_required
def questions_csv_view(request, session_id: int):
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    if not questions.is_moderator(session, request.user):
        raise PermissionDenied
    return questions_csv(session)
