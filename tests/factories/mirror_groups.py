"""National mirror groups: groups, their members, applications, meetings and news."""

import datetime

import factory
from django.utils.text import slugify

from portal.initiative.models import Country
from portal.mirror_groups.models import Application, GroupNews, Meeting, Membership, MirrorGroup, Role, Sector

from .accounts import UserFactory
from .initiative import CountryFactory

ESTABLISHED = datetime.date(2021, 3, 15)

# A group that meets every rule under the default settings: a coordinator, an NCP and five members from
# five sectors (industry among them) and four regions; six declared a gender, three and three.
COMPLETE = [
    (Role.SCIENTIFIC_COORDINATOR, "Ana Coordinator", Sector.RESEARCH, "Lisboa", "woman", True),
    (Role.NATIONAL_CONTACT_POINT, "Bruno Contact", Sector.GOVERNMENT, "Lisboa", "man", True),
    (Role.MEMBER, "Carla Industry", Sector.INDUSTRY, "Norte", "woman", True),
    (Role.MEMBER, "Duarte Hidden", Sector.ELSI, "Centro", "man", False),
    (Role.MEMBER, "Eva Patients", Sector.PATIENTS, "Algarve", "woman", True),
    (Role.MEMBER, "Filipe Funder", Sector.FUNDING, "Norte", "man", True),
    (Role.MEMBER, "Gabriela Unlisted", Sector.RESEARCH, "Norte", "", False),
]


def _add_people(group, people) -> None:
    for role, name, sector, region, gender, listed in people:
        MembershipFactory(group=group, name=name, role=role, sector=sector, region=region, gender=gender,
                          listed_publicly=listed)


class MirrorGroupFactory(factory.django.DjangoModelFactory):
    """A bare group of a country (Portugal unless `iso=` and `name=` say another); `people=` a list like
    COMPLETE adds its members."""

    class Meta:
        model = MirrorGroup
        django_get_or_create = ["country"]
        skip_postgeneration_save = True

    class Params:
        iso = "PT"
        name = "Portugal"
        status = Country.Status.SIGNATORY

    country = factory.SubFactory(CountryFactory, iso_code=factory.SelfAttribute("..iso"),
                                 name=factory.SelfAttribute("..name"),
                                 status=factory.SelfAttribute("..status"))
    people = factory.PostGeneration(lambda group, create, people, **kwargs: _add_people(group, people or ()))


class EstablishedGroupFactory(MirrorGroupFactory):
    """A group established in 2021 with a mission, and the COMPLETE members unless `people=` says others."""

    established_on = ESTABLISHED
    mission = "Improve quality of life."
    people = factory.PostGeneration(
        lambda group, create, people, **kwargs: _add_people(group, COMPLETE if people is None else people)
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member: the account's name and address when given a `user=`, else ones made from the name."""

    class Meta:
        model = Membership

    group = factory.SubFactory(MirrorGroupFactory)
    user = None
    name = factory.LazyAttributeSequence(lambda o, n: o.user.get_full_name() if o.user else f"Member {n}")
    email = factory.LazyAttribute(
        lambda o: o.user.email if o.user
        else slugify(o.name).replace("-", ".") + f".{o.group.country.iso_code.lower()}@example.org"
    )
    role = Role.MEMBER
    sector = Sector.RESEARCH
    region = "Lisboa"
    organisation = factory.LazyAttribute(lambda o: f"{o.name}'s organisation")


def manager(group, role=Role.NATIONAL_CONTACT_POINT, **fields):
    """A new account that manages `group` (its NCP unless `role=` says otherwise)."""
    user = UserFactory()
    MembershipFactory(group=group, user=user, role=role, **fields)
    return user


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    group = factory.SubFactory(MirrorGroupFactory)
    applicant = factory.SubFactory(UserFactory)
    motivation = "I run the national genome programme's data office."
    sector = Sector.INDUSTRY
    region = "Lisboa"
    organisation = "Genomics SA"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(MirrorGroupFactory)
    held_on = datetime.date(2026, 3, 2)
    agenda = "Kick-off"


class GroupNewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupNews

    group = factory.SubFactory(MirrorGroupFactory)
    title = "First meeting held"
    text = "We met."
