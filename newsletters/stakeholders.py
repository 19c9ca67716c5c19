"""Registered stakeholders: the newsletter consent of their profile asks them to confirm by email, and
"My portal" shows their subscription."""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.core.personal_data import Owner
from portal.stakeholders.models import Consent as StakeholderConsent
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


@receiver(post_save, sender=StakeholderConsent)
def newsletter_consent_recorded(sender, instance, created, **kwargs):
    if not created or instance.purpose != StakeholderConsent.Purpose.NEWSLETTER:
        return
    user = instance.user
    if instance.given:
        services.subscribe(user.email, topics_for(user), source=Consent.Source.REGISTRATION,
                           text_version=instance.text_version, user=user)
    elif (subscriber := subscriber_of(user)) is not None:
        services.unsubscribe(subscriber, source=Consent.Source.REGISTRATION)


def _panel(request, profile):
    return {"subscriber": subscriber_of(request.user)}


def register_own_panels() -> None:
    register_panel(order=900, template="newsletters/panel.html", context=_panel)
