"""The forum: an index and events under the world's home page, sessions, speakers, materials, registrations
and workshop choices."""

import datetime

import factory
from django.utils import timezone

from portal.forum.models import (
    ForumEventPage,
    ForumIndexPage,
    Material,
    Question,
    Registration,
    Session,
    Speaker,
    Vote,
    WorkshopChoice,
)

from .accounts import UserFactory
from .cms import PageFactory


class ForumIndexPageFactory(PageFactory):
    class Meta:
        model = ForumIndexPage

    title = factory.Sequence(lambda n: f"Stakeholder Forum {n}")


def forum_index() -> ForumIndexPage:
    return ForumIndexPage.objects.first() or ForumIndexPageFactory()


def _in_days(days: int, hour: int):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class ForumEventPageFactory(PageFactory):
    """A coming event, open for registration, with no capacity unless told."""

    class Meta:
        model = ForumEventPage

    parent = factory.LazyFunction(forum_index)
    title = factory.Sequence(lambda n: f"Stakeholder Forum {2030 + n}")
    starts_at = factory.LazyFunction(lambda: _in_days(30, 10))
    ends_at = factory.LazyAttribute(lambda page: page.starts_at + datetime.timedelta(hours=6, minutes=30))
    date = factory.LazyAttribute(lambda page: timezone.localdate(page.starts_at))
    registration_open = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(ForumEventPageFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = Session.Kind.UPDATE
    starts_at = factory.LazyAttribute(lambda session: session.event.starts_at)
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + datetime.timedelta(hours=1))


class WorkshopFactory(SessionFactory):
    """A parallel workshop, in the event's afternoon slot unless told."""

    kind = Session.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = factory.LazyAttribute(lambda session: session.event.starts_at + datetime.timedelta(hours=4))
    track = factory.Sequence(lambda n: f"Room {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    affiliation = "B1MG"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    event = factory.SubFactory(ForumEventPageFactory)
    kind = Material.Kind.SLIDES
    title = factory.Sequence(lambda n: f"Slides {n}")
    url = "https://example.org/slides.pdf"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration made directly (not through the service): registered unless `status=` says otherwise."""

    class Meta:
        model = Registration

    event = factory.SubFactory(ForumEventPageFactory)
    user = factory.SubFactory(UserFactory)


class WorkshopChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopChoice

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.SubFactory(WorkshopFactory, event=factory.SelfAttribute("..registration.event"))


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question shown to the audience, unless `state=` says otherwise."""

    class Meta:
        model = Question

    session = factory.SubFactory(SessionFactory, questions_open=True)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"How will question {n} be answered?")
    state = Question.State.SHOWN


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    question = factory.SubFactory(QuestionFactory)
    voter = factory.SubFactory(UserFactory)
