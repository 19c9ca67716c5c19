"""Invitations: single-use links mailed by Celery, reminders only to those who have not answered."""

import csv
import io
import re
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal.mail import send_templated_mail
from portal.stakeholders.services import is_erased_address

from .models import Invitation, Response, SurveyPage

REMIND_AFTER = timedelta(days=3)


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
        transaction.on_commit(lambda: send_invitations.delay(pks))
    return outcome


def _link(invitation: Invitation) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return (
        base
        + invitation.survey.url
        + invitation.survey.reverse_subpage("invitation", args=[invitation.token])
    )


def _mail_each(invitations, template: str, stamp: str) -> int:
    """Mail each invitation its link with `template`, recording the time in the field `stamp`."""
    mailed = 0
    for invitation in invitations:
        with transaction.atomic():
            context = {"survey": invitation.survey, "link": _link(invitation)}
            send_templated_mail(template, [invitation.email], context)
            Invitation.objects.filter(pk=invitation.pk).update(**{stamp: timezone.now()})
        mailed += 1
    return mailed


@shared_task
def send_invitations(pks: list[int]) -> int:
    unsent = Invitation.objects.filter(pk__in=pks, sent_at__isnull=True).select_related("survey")
    return _mail_each(unsent, "surveys/invitation", "sent_at")


def needing_reminder(survey: SurveyPage):
    """Invited, not submitted, and neither invited nor reminded in the last few days."""
    recently = timezone.now() - REMIND_AFTER
    return (
        Invitation.objects.filter(survey=survey, sent_at__lte=recently)
        .exclude(response__status=Response.Status.SUBMITTED)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=recently))
    )


def remind(survey: SurveyPage) -> int:
    pks = list(needing_reminder(survey).values_list("pk", flat=True))
    if pks:
        transaction.on_commit(lambda: send_reminders.delay(pks))
    return len(pks)


@shared_task
def send_reminders(pks: list[int]) -> int:
    unanswered = (
        Invitation.objects.filter(pk__in=pks)
        .exclude(response__status=Response.Status.SUBMITTED)
        .select_related("survey")
    )
    return _mail_each(unanswered, "surveys/reminder", "reminded_at")


def open_invitation(invitation: Invitation) -> Response:
    """The response an invitation leads to: started at the first visit, the same one ever after."""
    from .services import start_response

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.opened_at is None:
            invitation.opened_at = timezone.now()
        if invitation.response is None:
            invitation.response = start_response(invitation.survey, invited=True)
        invitation.save(update_fields=["opened_at", "response"])
    return invitation.response
