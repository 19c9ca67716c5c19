"""The initiative's reference data: countries and stakeholder clusters (the run's world already holds the
real ones; these get them, or make one the world lacks)."""

import factory

from portal.initiative.models import Country, StakeholderCluster


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
