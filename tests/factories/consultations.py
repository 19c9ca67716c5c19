"""Consultations: a consultation whose review is open (two draft sections unless told), its versions and
their sections, comments, verdicts, named participants and the notices sent."""

import datetime

import factory
from django.utils import timezone

from portal.consultations import services
from portal.consultations.models import (
    Comment,
    Consultation,
    DraftSection,
    NamedParticipant,
    Notice,
    Round,
    Verdict,
    Version,
    VersionSection,
)

from .accounts import UserFactory


def _days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class ConsultationFactory(factory.django.DjangoModelFactory):
    """Open to all approved stakeholders; the review opened a day ago and closes in ten days, the
    validation follows. `sections=[(heading, text), ...]` sets the draft."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Draft recommendation {n}")
    slug = factory.Sequence(lambda n: f"draft-{n}")
    review_opens_at = factory.LazyFunction(lambda: _days(-1))
    review_closes_at = factory.LazyFunction(lambda: _days(10))
    validation_opens_at = factory.LazyFunction(lambda: _days(20))
    validation_closes_at = factory.LazyFunction(lambda: _days(30))

    @factory.post_generation
    def sections(obj, create, extracted, **kwargs):
        if create:
            for order, (heading, text) in enumerate(extracted or [
                    ("Industry in every mirror group", "Each signatory country adds industry to its group."),
                    ("Use cases", "The working groups document use cases for industry involvement.")]):
                DraftSection.objects.create(consultation=obj, sort_order=order, heading=heading, text=text)


class DraftSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DraftSection

    consultation = factory.SubFactory(ConsultationFactory)
    heading = factory.Sequence(lambda n: f"Section {n}")
    text = "The text of the section."
    sort_order = factory.Sequence(lambda n: n + 10)


class NamedParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NamedParticipant

    consultation = factory.SubFactory(ConsultationFactory)
    user = factory.SubFactory(UserFactory)


def opened(consultation: Consultation, round_: int = Round.REVIEW) -> Version:
    """The round's version, frozen from the draft as it is."""
    return services.open_round(consultation, round_)


class VersionFactory(factory.django.DjangoModelFactory):
    """A frozen review version of its own, with no section unless one is made for it."""

    class Meta:
        model = Version

    consultation = factory.SubFactory(ConsultationFactory)
    round = Round.REVIEW


class VersionSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VersionSection

    version = factory.SubFactory(VersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Section {n}")
    text = "Each signatory country adds industry to its group."


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    section = factory.SubFactory(VersionSectionFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Comment {n}: say which industry.")


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    version = factory.SubFactory(VersionFactory, round=Round.VALIDATION)
    section = None
    voter = factory.SubFactory(UserFactory)
    choice = Verdict.Choice.APPROVE


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    consultation = factory.SubFactory(ConsultationFactory)
    user = factory.SubFactory(UserFactory)
    round = Round.REVIEW
    kind = Notice.Kind.INVITATION
