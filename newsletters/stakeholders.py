"""Registered stakeholders. This ledger holds their newsletter consent: the profile reads and changes it
through the functions registered here (portal.stakeholders.consents), subscribing asks them to confirm by
email, and "My portal" shows their subscription."""

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

