"""The industry directory: the Industry cluster's members who agreed to be listed there, by country, industry
role and disease area, with their published use cases, for approved stakeholders to find and write to.

Who is listed is decided here alone: an approved stakeholder of the Industry cluster whose latest consent of
the directory's purpose is given. Withdrawing it, or leaving the cluster, takes them off at once. Their
address is never shown: a message reaches them through the outbox, with the sender's as Reply-To."""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse

from portal.core.mail import absolute_url, send_templated_mail
from portal.initiative.models import SubArea
from portal.stakeholders.consents import INDUSTRY_CLUSTER
from portal.stakeholders.models import Consent, StakeholderProfile

from .models import CoAuthor, State, UseCase


def _latest_consent():
    return Subquery(Consent.objects.filter(user=OuterRef("user"), purpose=Consent.Purpose.INDUSTRY_DIRECTORY)
                    .order_by("-recorded_at", "-pk").values("given")[:1])


def listed():
    """The profiles in the directory."""
    return (StakeholderProfile.objects
            .filter(status=StakeholderProfile.Status.APPROVED, user__is_active=True,
                    clusters__slug=INDUSTRY_CLUSTER)
            .annotate(agreed=_latest_consent()).filter(agreed=True))


def industry_roles():
    """The roles industry can play: the Industry cluster's sub-areas."""
    return SubArea.objects.filter(cluster__slug=INDUSTRY_CLUSTER).order_by("sort_order", "pk")


def _authored_by(user) -> Q:
    """Use cases this person wrote: as submitter or as a co-author who accepted."""
    return Q(submitter=user) | Q(co_authors__user=user, co_authors__accepted_at__isnull=False)


def published():
    return UseCase.objects.filter(state=State.PUBLISHED)


def matching(profiles, *, country=None, role=None, disease_area=None):
    """The profiles that pass the directory's filters (each one absent lets everything through). A disease
    area is the profile's own or one of their published use cases'."""
    if country is not None:
        profiles = profiles.filter(country=country)
    if role is not None:
        profiles = profiles.filter(sub_areas=role)
    if disease_area is not None:
        own = StakeholderProfile.disease_areas.through.objects.filter(
            stakeholderprofile=OuterRef("pk"), diseasearea=disease_area)
        in_use_cases = published().filter(_authored_by(OuterRef("user")), disease_areas=disease_area)
        profiles = profiles.filter(Exists(own) | Exists(in_use_cases))
    return profiles


def for_listing(profiles):
    """What the directory shows of each profile, in a fixed number of queries."""
    return (profiles.select_related("user", "country")
            .prefetch_related(Prefetch("sub_areas", queryset=industry_roles(), to_attr="roles"),
                              "disease_areas")
            .order_by("country__name", "user__last_name", "user__first_name", "pk"))


def with_use_cases(profiles) -> list:
    """Give each profile its published use cases (newest first) and the disease areas of its own and of those
    use cases, as `use_cases` and `areas`: one query for the use cases whoever they belong to."""
    profiles = list(profiles)
    users = [profile.user_id for profile in profiles]
    cases = list(
        published().filter(Q(submitter__in=users)
                           | Q(co_authors__user__in=users, co_authors__accepted_at__isnull=False))
        .distinct().order_by("-published_at", "pk")
        .prefetch_related("disease_areas", Prefetch(
            "co_authors", queryset=CoAuthor.objects.filter(accepted_at__isnull=False), to_attr="accepted"))
    )
    for profile in profiles:
        profile.use_cases = [case for case in cases if case.submitter_id == profile.user_id
                             or any(author.user_id == profile.user_id for author in case.accepted)]
        areas = {*profile.disease_areas.all(), *(area for case in profile.use_cases
                                                 for area in case.disease_areas.all())}
        profile.areas = sorted(areas, key=lambda area: area.name)
    return profiles


def write_to(profile: StakeholderProfile, *, sender, message: str, request=None) -> None:
    """Mail a message from an approved stakeholder to a listed person, who answers the sender's address."""
    sender_profile = StakeholderProfile.objects.select_related("country").filter(user=sender).first()
    send_templated_mail("usecases/directory_contact", [profile.user.email], {
        "profile": profile, "sender": sender, "sender_profile": sender_profile, "message": message,
        "profile_url": absolute_url(reverse("stakeholders:profile"), request),
    }, reply_to=[sender.email], concerning=[sender.email])
