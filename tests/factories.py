"""Factories shared by the tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.initiative.models import Country, StakeholderCluster
from portal.stakeholders.consents import agree_to_privacy_statement
from portal.stakeholders.models import Consent, PrivacyStatement, StakeholderProfile


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Silva{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def coordinator(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def editor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["iso_code"]

    iso_code = "PT"
    name = "Portugal"
    status = Country.Status.SIGNATORY


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderCluster
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"cluster-{n}")
    name = factory.Sequence(lambda n: f"Cluster {n}")
    description = "A cluster."


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
