"""Registered stakeholders. This ledger holds their newsletter consent: the profile reads and changes it
through the functions registered here (portal.stakeholders.consents), subscribing asks them to confirm by
email, and "My portal" shows their subscription."""

from datetime import timedelta
from itertools import groupby

from django.db.models import Q

from portal.core.personal_data import Owner
from portal.stakeholders.consents import register_newsletter_ledger
from portal.stakeholders.panels import register_panel

from . import services
from .models import Consent, Subscriber, Topic, subscribers_of


def topics_for(user):
    """The general newsletter, and the topics of the stakeholder's clusters and disease areas."""
    profile = getattr(user, "stakeholder_profile", None)
    wanted = Q(is_general=True)
    if profile is not None:
        wanted |= Q(cluster__in=profile.clusters.all()) | Q(disease_area__in=profile.disease_areas.all())
    return Topic.objects.filter(wanted).distinct()


def subscriber_of(user) -> Subscriber | None:
    return subscribers_of(Owner.of(user)).first()


def latest_consent(user) -> Consent | None:
    subscriber = subscriber_of(user)
    return None if subscriber is None else subscriber.consents.order_by("recorded_at", "pk").last()


def subscribe(user, *, text_version: str, request=None) -> Subscriber | None:
    return services.subscribe(user.email, topics_for(user), source=Consent.Source.REGISTRATION,
                              text_version=text_version, user=user, request=request)


def unsubscribe(user) -> None:
    subscriber = subscriber_of(user)
    if subscriber is not None:
        services.unsubscribe(subscriber, source=Consent.Source.REGISTRATION)


def _panel(request, profile):
    return {"subscriber": subscriber_of(request.user)}


def register_with_stakeholders() -> None:
    register_newsletter_ledger(latest=latest_consent, subscribe=subscribe, unsubscribe=unsubscribe)
    register_panel(order=900, template="newsletters/panel.html", context=_panel)


# Until this ledger held the newsletter consent, a signal wrote a row here for each profile row (and a row
# there for each unsubscribing here) in the same request: a row this close to one of the profile's, given
# or withdrawn alike, records the same event.
SAME_EVENT = timedelta(seconds=60)


def carry_profile_consents(stakeholder_consents=None, subscribers=None, consents=None,
                           email_addresses=None) -> int:
    """Copy the newsletter consents recorded by the stakeholders app (its Consent rows of the newsletter
    purpose) into this ledger, each with its time, source and text version; those rows stay where they
    are. A row the ledger holds already is not copied, so a second run copies nothing. Someone with no
    subscription gets one only if they ever gave the consent, through a verified address: waiting for
    confirmation if that was their last word, else unsubscribed; someone who only ever declined keeps
    their rows in the stakeholders app alone. Takes the models as arguments so that a migration can call
    it; returns the count of rows written."""
    if stakeholder_consents is None:
        from allauth.account.models import EmailAddress as email_addresses

        from portal.stakeholders.models import Consent as stakeholder_consents
        subscribers, consents = Subscriber, Consent
    rows = (stakeholder_consents.objects.filter(purpose="newsletter").select_related("user")
            .order_by("user_id", "recorded_at", "pk"))
    written = 0
    for _user_id, history in groupby(rows, key=lambda row: row.user_id):
        history = list(history)
        subscriber = _subscriber_to_carry_to(history, subscribers, email_addresses)
        if subscriber is None:
            continue
        held = list(consents.objects.filter(subscriber=subscriber).values_list("given", "recorded_at"))
        for row in history:
            if any(given == row.given and abs(at - row.recorded_at) <= SAME_EVENT for given, at in held):
                continue
            consents.objects.create(
                subscriber=subscriber, given=row.given, text_version=row.text_version,
                source=Consent.Source.IMPORT if row.source == "import" else Consent.Source.REGISTRATION,
                recorded_at=row.recorded_at,
            )
            written += 1
    return written


def _subscriber_to_carry_to(history, subscribers, email_addresses):
    user = history[0].user
    linked = subscribers.objects.filter(user=user).first()
    if linked is not None:
        return linked
    verified = {address.strip().lower() for address in email_addresses.objects.filter(
        user=user, verified=True).values_list("email", flat=True)}
    for address in sorted(verified):
        unlinked = subscribers.objects.filter(user__isnull=True, email__iexact=address).first()
        if unlinked is not None:
            return unlinked
    email = user.email.strip().lower()
    if (not any(row.given for row in history) or email not in verified
            or subscribers.objects.filter(email__iexact=email).exists()):
        return None
    last = history[-1]
    return subscribers.objects.create(
        user=user, email=email, created_at=history[0].recorded_at,
        status=Subscriber.Status.UNCONFIRMED if last.given else Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=None if last.given else last.recorded_at,
    )
