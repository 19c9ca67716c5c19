"""Importing a subscriber list (CSV: email, topics) with the consent basis it was collected with.

Every row is checked first; one bad row saves nothing. People who left, bounced or complained are not
subscribed again, erased addresses are never mailed, and nobody is subscribed twice."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.stakeholders.services import is_erased_address

from . import services
from .models import Consent, Subscriber, Topic

IMPORT_TEXT_VERSION = "import"
LEFT = (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED)


@dataclass
class Row:
    number: int
    email: str
    topics: list = field(default_factory=list)
    problems: list = field(default_factory=list)


@dataclass
class Outcome:
    asked_to_confirm: int = 0
    subscribed: int = 0
    already_subscribed: int = 0
    skipped: int = 0  # left, bounced, complained or erased


def read_rows(text: str) -> list[Row]:
    by_key = {}
    for topic in Topic.objects.all():
        by_key[topic.slug.lower()] = by_key[topic.name.lower()] = topic
    general = list(Topic.objects.filter(is_general=True))
    rows, seen = [], set()
    for number, values in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not values or not "".join(values).strip():
            continue
        email = values[0].strip().lower()
        if number == 1 and email == "email":
            continue
        row = Row(number, email)
        try:
            validate_email(email)
        except ValidationError:
            row.problems.append(_("“%(email)s” is not an email address.") % {"email": values[0].strip()})
        if email in seen:
            row.problems.append(_("This address is on an earlier row."))
        seen.add(email)
        names = [name.strip() for name in ";".join(values[1:]).split(";") if name.strip()]
        for name in names:
            if name.lower() in by_key:
                row.topics.append(by_key[name.lower()])
            else:
                row.problems.append(_("No topic is called “%(name)s”.") % {"name": name})
        if not names:
            row.topics = general
        rows.append(row)
    return rows


@transaction.atomic
def import_rows(rows: list[Row], *, basis: str, prior_confirmed_consent: bool) -> Outcome:
    outcome = Outcome()
    for row in rows:
        if is_erased_address(row.email):
            outcome.skipped += 1
            continue
        subscriber = services._subscriber_for(row.email)
        if subscriber.status in LEFT:
            outcome.skipped += 1
        elif subscriber.status == Subscriber.Status.CONFIRMED:
            subscriber.topics.add(*row.topics)
            outcome.already_subscribed += 1
        elif prior_confirmed_consent:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
            subscriber.topics.set(row.topics)
            Consent.objects.create(subscriber=subscriber, source=Consent.Source.IMPORT,
                                   text_version=IMPORT_TEXT_VERSION, basis=basis)
            outcome.subscribed += 1
        else:
            services.subscribe(row.email, row.topics, source=Consent.Source.IMPORT,
                               text_version=IMPORT_TEXT_VERSION, basis=basis)
            outcome.asked_to_confirm += 1
    return outcome
