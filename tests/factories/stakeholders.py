"""Stakeholders: profiles, consents, privacy statements, erased addresses."""

import factory
from django.utils import timezone

from portal.core.personal_data import address_hash
from portal.stakeholders.consents import agree_to_privacy_statement
from portal.stakeholders.models import Consent, ErasedAddress, PrivacyStatement, StakeholderProfile

from .accounts import UserFactory
from .initiative import CountryFactory


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = "Instituto Nacional de Saude"
    country = factory.SubFactory(CountryFactory)
    status = StakeholderProfile.Status.PENDING
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def agreed_to_privacy_statement(obj, create, extracted, **kwargs):
        statement = PrivacyStatement.current()
        if create and extracted is not False and statement is not None:
            agree_to_privacy_statement(obj.user, statement, source=Consent.Source.REGISTRATION)

    @factory.post_generation
    def clusters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.clusters.set(extracted)


def approved_stakeholder(**fields):
    """An account whose profile a coordinator approved: in the group that member-only content and forum
    registration ask for. `fields` go to the profile (`user__email=...` to the account)."""
    from django.contrib.auth.models import Group

    from portal.stakeholders.services import APPROVED_STAKEHOLDERS

    user = ProfileFactory(status=StakeholderProfile.Status.APPROVED, **fields).user
    user.groups.add(Group.objects.get(name=APPROVED_STAKEHOLDERS))
    return user


class ConsentFactory(factory.django.DjangoModelFactory):
    """A stakeholder's consent: to the newsletter, given on the profile, unless told otherwise."""

    class Meta:
        model = Consent

    user = factory.SubFactory(UserFactory)
    purpose = Consent.Purpose.NEWSLETTER
    given = True
    source = Consent.Source.PROFILE
    text_version = "newsletter-1"


class PrivacyStatementFactory(factory.django.DjangoModelFactory):
    """A new version of the privacy statement, published now unless `live=False`."""

    class Meta:
        model = PrivacyStatement

    version = factory.Sequence(lambda n: f"2.{n}")
    changes = "We now keep event registrations."
    body = "<p>New text.</p>"
    live = True
    first_published_at = factory.LazyAttribute(lambda o: timezone.now() if o.live else None)
    last_published_at = factory.SelfAttribute("first_published_at")


class ErasedAddressFactory(factory.django.DjangoModelFactory):
    """An address that belonged to an erased account: `ErasedAddressFactory(address="...")`."""

    class Meta:
        model = ErasedAddress

    class Params:
        address = "gone@example.org"

    address_hash = factory.LazyAttribute(lambda o: address_hash(o.address))
