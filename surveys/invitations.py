"""Invitations: single-use links mailed by Celery, reminders only to those who have not answered."""

import csv
import io
import logging
import re
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.core.mail import send_templated_mail
from portal.stakeholders.services import is_erased_address

from .models import Invitation, Response, SurveyPage

logger = logging.getLogger(__name__)

REMIND_AFTER = timedelta(days=3)
SWEEP_AFTER = timedelta(minutes=5)  # what waits longer was not sent by its task: the sweep sends it
SWEEP_BATCH = 500


def addresses_in(text: str = "", csv_file=None) -> list[str]:
    """The addresses in pasted text (any separators) and in a CSV file's "email" (or first) column."""
    found = re.split(r"[\s,;]+", text)
    if csv_file is not None:
        rows = list(csv.reader(io.StringIO(csv_file.read().decode("utf-8-sig", errors="replace"))))
        if rows:
            header = [cell.strip().lower() for cell in rows[0]]
            column = header.index("email") if "email" in header else 0
            body = rows[1:] if "email" in header else rows
            found += [row[column] for row in body if len(row) > column]
    return [address.strip().lower() for address in found if address.strip()]


def invite(survey: SurveyPage, addresses: list[str]) -> dict[str, list[str]]:
    """Create the invitations, queue their mail after the commit, and say what happened to each address."""
    outcome = {"invited": [], "already": [], "invalid": [], "erased": []}
    existing = set(Invitation.objects.filter(survey=survey).values_list("email", flat=True))
    for address in dict.fromkeys(addresses):
        try:
            validate_email(address)
            if len(address) > 254:
                raise ValidationError("too long")
        except ValidationError:
            outcome["invalid"].append(address)
            continue
        if address in existing:
            outcome["already"].append(address)
        elif is_erased_address(address):
            outcome["erased"].append(address)
        else:
            outcome["invited"].append(address)
    created = Invitation.objects.bulk_create(Invitation(survey=survey, email=a) for a in outcome["invited"])
    pks = [invitation.pk for invitation in created]
    if pks:
        _queue(send_invitations, pks)
    return outcome


def _link(invitation: Invitation) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return (
        base
        + invitation.survey.url
        + invitation.survey.reverse_subpage("invitation", args=[invitation.token])
    )


# Each mail is claimed by a conditional update of the invitation's own columns before it is written to
# the outbox, in one transaction: of two senders (a double click, the queued task and the sweep, a task
# delivered twice) only one finds the row still due, so each mail goes once.
UNSENT = Q(sent_at__isnull=True)
REMINDER_DUE = Q(reminder_requested_at__isnull=False) & (
    Q(reminded_at__isnull=True) | Q(reminded_at__lt=F("reminder_requested_at"))
)
ANSWERED = Q(submitted_on__isnull=False) | Q(response__status=Response.Status.SUBMITTED)


def _mail_each(invitations, template: str, due: Q, stamp: str) -> int:
    """Mail each invitation still `due` its link with `template`, recording the time in the field `stamp`."""
    mailed = 0
    for invitation in invitations.select_related("survey"):
        with transaction.atomic():
            if not Invitation.objects.filter(due, pk=invitation.pk).update(**{stamp: timezone.now()}):
                continue  # another sender had it
            context = {"survey": invitation.survey, "link": _link(invitation)}
            send_templated_mail(template, [invitation.email], context)
        mailed += 1
    return mailed


def _queue(task, pks: list[int]) -> None:
    """Queue the task after the commit; with the broker down, sweep_invitations sends the mail later."""

    def queue():
        try:
            task.delay(pks)
        except Exception:
            logger.warning("Could not queue %s; the sweep will send them", task.name, exc_info=True)

    transaction.on_commit(queue)


@shared_task
def send_invitations(pks: list[int]) -> int:
    return _mail_each(Invitation.objects.filter(UNSENT, pk__in=pks), "surveys/invitation", UNSENT, "sent_at")


def needing_reminder(survey: SurveyPage):
    """Invited, not submitted, and neither invited nor reminded in the last few days."""
    recently = timezone.now() - REMIND_AFTER
    return (
        Invitation.objects.filter(survey=survey, sent_at__lte=recently)
        .exclude(ANSWERED)
        .filter(Q(reminder_requested_at__isnull=True) | Q(reminder_requested_at__lte=recently))
    )


def remind(survey: SurveyPage) -> int:
    """Claim a reminder for each person who needs one and queue their mail; returns how many were claimed.

    A second click, even at the same moment, finds them reminded a moment ago and claims none.
    """
    now = timezone.now()
    pks = list(needing_reminder(survey).values_list("pk", flat=True))
    not_recently = Q(reminder_requested_at__isnull=True) | Q(reminder_requested_at__lte=now - REMIND_AFTER)
    claimed = Invitation.objects.filter(not_recently, pk__in=pks)
    if not claimed.update(reminder_requested_at=now):
        return 0
    pks = list(Invitation.objects.filter(pk__in=pks, reminder_requested_at=now).values_list("pk", flat=True))
    _queue(send_reminders, pks)
    return len(pks)


@shared_task
def send_reminders(pks: list[int]) -> int:
    unanswered = Invitation.objects.filter(REMINDER_DUE, pk__in=pks).exclude(ANSWERED)
    return _mail_each(unanswered, "surveys/reminder", REMINDER_DUE, "reminded_at")


@shared_task
def sweep_invitations() -> int:
    """Send the invitations and reminders that were never sent (their task could not be queued, or was
    lost), a few minutes after they were due; run periodically by Celery beat, oldest first."""
    now = timezone.now()
    waiting = Invitation.objects.filter(Q(survey__closes_at__isnull=True) | Q(survey__closes_at__gt=now))
    unsent = waiting.filter(UNSENT, invited_at__lte=now - SWEEP_AFTER).order_by("invited_at", "pk")
    mailed = _mail_each(unsent[:SWEEP_BATCH], "surveys/invitation", UNSENT, "sent_at")
    unreminded = (
        waiting.filter(REMINDER_DUE, reminder_requested_at__lte=now - SWEEP_AFTER)
        .exclude(ANSWERED)
        .order_by("reminder_requested_at", "pk")
    )
    return mailed + _mail_each(unreminded[:SWEEP_BATCH], "surveys/reminder", REMINDER_DUE, "reminded_at")


class InvitationUsed(Exception):
    """The invitation's response was submitted in an anonymous survey: the link opens nothing more."""


def open_invitation(invitation: Invitation) -> Response:
    """The response an invitation leads to: started at the first visit, the same one ever after."""
    from .services import _now, start_response

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.response is None and invitation.submitted_on is not None:
            raise InvitationUsed
        if invitation.opened_at is None:
            invitation.opened_at = _now(invitation.survey)  # the day only, in an anonymous survey
        if invitation.response is None:
            invitation.response = start_response(invitation.survey, invited=True)
        invitation.save(update_fields=["opened_at", "response"])
    return invitation.response


def invitation_answered(response: Response) -> None:
    """On submit: the invitation records the day, and in an anonymous survey forgets which response it
    led to, so that nothing leads from an address to the answers (submitted_on keeps it single-use)."""
    Invitation.objects.filter(response=response, submitted_on__isnull=True).update(
        submitted_on=timezone.localdate()
    )
    if response.survey.anonymous:
        Invitation.objects.filter(response=response).update(response=None)
