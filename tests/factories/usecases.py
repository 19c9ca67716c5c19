"""Industry use cases: a use case (a draft by an approved stakeholder unless told, with every part filled
in and one disease area, so it can be submitted), its co-authors, audit log entries and attachments, review
criteria, reviewers' assignments and their scores."""

import factory
from django.utils import timezone

from portal.initiative.models import DiseaseArea
from portal.usecases.models import (
    Assignment,
    Attachment,
    AuditEntry,
    CoAuthor,
    Confidentiality,
    Criterion,
    Score,
    State,
    UseCase,
)

from .core import PrivateFileFactory
from .stakeholders import approved_stakeholder


class UseCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UseCase
        skip_postgeneration_save = True

    organisation = "Genomics Industries SA"
    title = factory.Sequence(lambda n: f"Federated variant analysis {n}")
    summary = "A public summary of what the company proposes."
    description = "A detailed description of the proposal."
    offers = "Software and training."
    seeks = "Access to a pilot site."
    data_needed = "Pseudonymised variant calls."
    safeguards = "Analysis inside the data holder's secure environment."
    confidentiality = Confidentiality.REVIEWERS
    submitter = factory.LazyFunction(lambda: approved_stakeholder(organisation="Genomics Industries SA"))
    state = State.DRAFT
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.state == State.PUBLISHED else None)

    @factory.post_generation
    def disease_areas(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = DiseaseArea.objects.all()[:1]
        obj.disease_areas.set(extracted)


class CoAuthorFactory(factory.django.DjangoModelFactory):
    """An accepted co-author (an approved stakeholder); `accepted_at=None, user=None` for an invitation."""

    class Meta:
        model = CoAuthor

    use_case = factory.SubFactory(UseCaseFactory)
    user = factory.LazyFunction(approved_stakeholder)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "invited@example.org")
    accepted_at = factory.LazyFunction(timezone.now)


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    use_case = factory.SubFactory(UseCaseFactory, state=State.SUBMITTED)
    from_state = State.DRAFT
    to_state = State.SUBMITTED
    by = factory.LazyAttribute(lambda o: o.use_case.submitter)
    comment = ""


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    use_case = factory.SubFactory(UseCaseFactory)
    file = factory.SubFactory(PrivateFileFactory)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    name = factory.Sequence(lambda n: f"Relevance to 1+MG {n}")
    description = "How the use case serves the initiative."
    order = factory.Sequence(lambda n: n)


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A reviewer (an approved stakeholder) assigned to a submitted use case, not yet declared; give
    `conflict=Assignment.Conflict.NONE` for one who may review."""

    class Meta:
        model = Assignment

    use_case = factory.SubFactory(UseCaseFactory, state=State.SUBMITTED)
    reviewer = factory.LazyFunction(approved_stakeholder)
    conflict = Assignment.Conflict.UNDECLARED
    declared_at = factory.LazyAttribute(
        lambda o: None if o.conflict == Assignment.Conflict.UNDECLARED else timezone.now())


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    assignment = factory.SubFactory(AssignmentFactory, conflict=Assignment.Conflict.NONE)
    criterion = factory.SubFactory(CriterionFactory)
    value = 4
