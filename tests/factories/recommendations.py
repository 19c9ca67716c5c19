"""Working group memberships (portal.core) and the recommendations tracker: its page under the world's home
page, sources, themes, recommendations, status changes and followers."""

import datetime

import factory

from portal.core.models import WorkingGroupMembership
from portal.initiative.models import WorkingGroup
from portal.recommendations.models import (
    Follow,
    Recommendation,
    RecommendationIndexPage,
    Source,
    StatusChange,
    Theme,
)

from .accounts import UserFactory
from .cms import PageFactory


def working_group(number: int) -> WorkingGroup:
    """One of the world's working groups (WG1-11)."""
    return WorkingGroup.objects.get(number=number)


class WorkingGroupMembershipFactory(factory.django.DjangoModelFactory):
    """A contact of WG7 unless told."""

    class Meta:
        model = WorkingGroupMembership

    user = factory.SubFactory(UserFactory)
    working_group = factory.LazyFunction(lambda: working_group(7))
    role = WorkingGroupMembership.Role.CONTACT


class RecommendationIndexPageFactory(PageFactory):
    class Meta:
        model = RecommendationIndexPage

    title = "Recommendations"
    slug = "recommendations"


def tracker() -> RecommendationIndexPage:
    return RecommendationIndexPage.objects.first() or RecommendationIndexPageFactory()


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = Source.Kind.REPORT
    title = factory.Sequence(lambda n: f"Report {n}")
    date = datetime.date(2023, 1, 31)


class RecommendationFactory(factory.django.DjangoModelFactory):
    """Addressed to WG7 unless given `working_groups` (numbers or groups)."""

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Recommendation {n}")
    text = factory.Sequence(lambda n: f"The text of recommendation {n}.")
    source = factory.SubFactory(SourceFactory)
    proposed_on = datetime.date(2022, 10, 13)

    @factory.post_generation
    def working_groups(self, create, extracted, **kwargs):
        groups = [working_group(g) if isinstance(g, int) else g for g in (extracted or [7])]
        self.working_groups.set(groups)

    @factory.post_generation
    def disease_areas(self, create, extracted, **kwargs):
        if extracted:
            self.disease_areas.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    recommendation = factory.SubFactory(RecommendationFactory)
    status = "considered"
    date = datetime.date(2023, 3, 1)
    changed_by = factory.SubFactory(UserFactory)
    role = StatusChange.Role.CONTACT
    working_group = factory.LazyFunction(lambda: working_group(7))


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
