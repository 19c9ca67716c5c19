"""The industry directory: approved stakeholders find the Industry cluster's members who agreed to be listed
(a consent of its own, asked on the profile, withdrawn at once), filter them, read their published use cases
and write to them through the portal, which never shows their address."""

import pytest
from django.utils import timezone

from portal.initiative.models import DiseaseArea, StakeholderCluster, SubArea
from portal.stakeholders.consents import has_consent, record_consent
from portal.stakeholders.models import Consent, StakeholderProfile
from portal.usecases.models import CoAuthor, State, UseCase
from tests.factories import ClusterFactory, CountryFactory, ProfileFactory, UserFactory, approved_stakeholder
from tests.queries import assert_queries_do_not_grow
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

DIRECTORY = "/use-cases/directory/"
PURPOSE = Consent.Purpose.INDUSTRY_DIRECTORY


@pytest.fixture
def industry():
    return StakeholderCluster.objects.get(slug="industry")


def role(name: str) -> SubArea:
    return SubArea.objects.get(cluster__slug="industry", name=name)


def area(slug: str) -> DiseaseArea:
    return DiseaseArea.objects.get(slug=slug)


def industry_member(industry, *, first_name="Ines", last_name="Costa", email=None, country=("PT", "Portugal"),
                    roles=(), areas=(), agreed=True):
    user = approved_stakeholder(
        user__first_name=first_name, user__last_name=last_name,
        user__email=email or f"{first_name.lower()}.{last_name.lower()}@genomics-company.example",
        organisation="Genomics Company", role="Partnerships lead",
        country=CountryFactory(iso_code=country[0], name=country[1]), clusters=[industry])
    profile = user.stakeholder_profile
    profile.sub_areas.set(roles)
    profile.disease_areas.set(areas)
    if agreed:
        record_consent(user, PURPOSE, True, Consent.Source.PROFILE)
    return profile


def published_use_case(title, submitter, *, areas=(), state=State.PUBLISHED):
    published_at = timezone.now() if state == State.PUBLISHED else None
    case = UseCase.objects.create(organisation="Genomics Company", title=title, submitter=submitter,
                                  state=state, published_at=published_at)
    case.disease_areas.set(areas)
    return case


@pytest.fixture
def viewer(client):
    """An approved stakeholder of a National Mirror Group looking for an industry member."""
    user = approved_stakeholder(user__first_name="Nuno", user__last_name="Mirror",
                                user__email="nuno@mirror.example", organisation="NMG Portugal")
    client.force_login(user)
    return user


def listed_names(html: str) -> list[str]:
    return [part.split("</a>", 1)[0].split(">")[-1] for part in html.split('<li class="listing-item"')[1:]]


def test_a_member_who_agreed_appears_and_leaves_at_once_when_withdrawing(client, viewer, industry):
    ines = industry_member(industry)

    assert listed_names(client.get(DIRECTORY).text) == ["Ines Costa"]

    record_consent(ines.user, PURPOSE, False, Consent.Source.PROFILE)

    assert listed_names(client.get(DIRECTORY).text) == []
    assert client.get(f"{DIRECTORY}{ines.pk}/").status_code == 404


def test_nobody_is_listed_without_the_consent_or_outside_the_industry_cluster(client, viewer, industry):
    industry_member(industry, first_name="Never", last_name="Asked", agreed=False)
    academic = industry_member(industry, first_name="Aca", last_name="Demic")
    academic.clusters.set([ClusterFactory(slug="academics")])
    pending = industry_member(industry, first_name="Pen", last_name="Ding")
    StakeholderProfile.objects.filter(pk=pending.pk).update(status=StakeholderProfile.Status.PENDING)
    # The public listing consent is another purpose: it does not put anyone here.
    public = industry_member(industry, first_name="Pub", last_name="Lic", agreed=False)
    record_consent(public.user, Consent.Purpose.PUBLIC_LISTING, True, Consent.Source.PROFILE)

    assert listed_names(client.get(DIRECTORY).text) == []
    assert client.get(f"{DIRECTORY}{academic.pk}/").status_code == 404


@pytest.mark.parametrize("visitor", ["signed out", "not approved"])
def test_only_approved_stakeholders_see_the_directory(client, industry, visitor):
    ines = industry_member(industry)
    if visitor == "not approved":
        client.force_login(ProfileFactory(status=StakeholderProfile.Status.PENDING).user)

    for url in (DIRECTORY, f"{DIRECTORY}{ines.pk}/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "The industry directory is for approved members" in response.text
        assert "Ines Costa" not in response.text
    refused = client.post(f"{DIRECTORY}{ines.pk}/contact/", {"message": "Hello"})
    assert refused.status_code == 403
    assert queued_mail() == []
    if visitor == "signed out":
        assert f'href="/accounts/login/?next={DIRECTORY}"' in client.get(DIRECTORY).text


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["Ines Costa", "Luca Rossi", "Pia Berg"]),
    ({"country": "IT"}, ["Luca Rossi"]),
    ({"role": "data"}, ["Ines Costa", "Pia Berg"]),
    ({"disease_area": "cancer"}, ["Ines Costa", "Pia Berg"]),  # the profile's, and a published use case's
    # The submitter and a co-author who accepted, not one invited who did not.
    ({"disease_area": "rare-disease"}, ["Ines Costa", "Luca Rossi"]),
    ({"disease_area": "infectious-disease"}, []),  # a draft's areas do not count
    ({"country": "PT", "role": "data", "disease_area": "cancer"}, ["Ines Costa"]),
    ({"country": "not-a-country"}, ["Ines Costa", "Luca Rossi", "Pia Berg"]),
])
def test_the_directory_filters_by_country_role_and_disease_area(client, viewer, industry, filters, expected):
    data = role("Data solutions provider")
    ines = industry_member(industry, roles=[data, role("Scientific innovator")], areas=[area("cancer")])
    industry_member(industry, first_name="Luca", last_name="Rossi", country=("IT", "Italy"),
                    roles=[role("Project support")])
    pia = industry_member(industry, first_name="Pia", last_name="Berg", country=("SE", "Sweden"),
                          roles=[data])
    published_use_case("Tumour sequencing at scale", pia.user, areas=[area("cancer")])
    shared = published_use_case("Rare disease diagnostics", ines.user, areas=[area("rare-disease")])
    luca = StakeholderProfile.objects.get(user__last_name="Rossi").user
    CoAuthor.objects.create(use_case=shared, email=luca.email, user=luca, accepted_at=timezone.now())
    CoAuthor.objects.create(use_case=shared, email=pia.user.email, user=pia.user)  # not accepted
    published_use_case("Pathogen surveillance", pia.user, areas=[area("infectious-disease")],
                       state=State.DRAFT)
    if "role" in filters:
        filters = {**filters, "role": data.pk}

    response = client.get(DIRECTORY, filters)

    assert sorted(listed_names(response.text)) == expected


def test_each_person_shows_roles_areas_and_published_use_cases_only(client, viewer, industry):
    ines = industry_member(industry, roles=[role("Data solutions provider")], areas=[area("cancer")])
    published_use_case("Rare disease diagnostics", ines.user, areas=[area("rare-disease")])
    published_use_case("A confidential draft", ines.user, state=State.IN_REVIEW)

    for url in (DIRECTORY, f"{DIRECTORY}{ines.pk}/"):
        html = client.get(url).text
        assert "Data solutions provider" in html
        assert "Cancer; Rare disease" in html
        assert "Rare disease diagnostics" in html
        assert "A confidential draft" not in html


def test_no_address_of_a_listed_person_is_shown(client, viewer, industry):
    ines = industry_member(industry, email="ines.private@genomics-company.example")

    for url in (DIRECTORY, f"{DIRECTORY}{ines.pk}/"):
        html = client.get(url).text
        assert "Ines Costa" in html
        assert "ines.private@genomics-company.example" not in html
        assert "mailto:" not in html.split("<footer", 1)[0]


MESSAGE = {"message": "Our mirror group seeks an industry member.\nWould you join?"}


def test_a_message_reaches_the_person_who_answers_the_sender(client, viewer, industry):
    ines = industry_member(industry, email="ines.private@genomics-company.example")

    response = client.post(f"{DIRECTORY}{ines.pk}/contact/", MESSAGE, follow=True)

    assert response.redirect_chain == [(f"{DIRECTORY}{ines.pk}/", 302)]
    assert "Thank you: your message is on its way to Ines Costa." in response.text
    (mail,) = queued_mail()
    assert mail.to == ["ines.private@genomics-company.example"]
    assert mail.reply_to == ["nuno@mirror.example"]
    assert mail.subject == "[1+MG] Nuno Mirror wrote to you through the industry directory"
    assert "Nuno Mirror <nuno@mirror.example>, an approved stakeholder" in mail.body
    assert "Organisation: NMG Portugal" in mail.body
    assert "Would you join?" in mail.body
    assert "ines.private@genomics-company.example" not in response.text


def test_a_robot_that_fills_the_trap_is_thanked_and_nothing_is_sent(client, viewer, industry):
    ines = industry_member(industry)
    html = client.get(f"{DIRECTORY}{ines.pk}/").text
    assert 'name="website"' in html and '<div class="visually-hidden" aria-hidden="true">' in html

    response = client.post(f"{DIRECTORY}{ines.pk}/contact/", {**MESSAGE, "website": "https://spam.example"},
                           follow=True)

    assert "your message is on its way" in response.text
    assert queued_mail() == []


def test_the_limit_is_a_setting_with_a_default(settings):
    assert settings.ACCOUNT_RATE_LIMITS["industry_directory_contact"] == "5/h/user,20/d/key"


def test_messages_are_limited_per_sender_and_per_person(client, viewer, industry, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS,
                                    "industry_directory_contact": "2/h/user,3/d/key"}
    ines = industry_member(industry)
    luca = industry_member(industry, first_name="Luca", last_name="Rossi")
    sent = [client.post(f"{DIRECTORY}{ines.pk}/contact/", MESSAGE).status_code for _ in range(2)]
    assert sent == [302, 302]

    refused = client.post(f"{DIRECTORY}{luca.pk}/contact/", MESSAGE)

    assert refused.status_code == 429
    assert "Many messages were sent to this person or by you lately" in refused.text
    assert "Would you join?" in refused.text  # what was typed stays in the form
    client.force_login(approved_stakeholder(user__email="other@mirror.example"))
    assert client.post(f"{DIRECTORY}{ines.pk}/contact/", MESSAGE).status_code == 302
    # The person's own limit holds whoever writes.
    assert client.post(f"{DIRECTORY}{ines.pk}/contact/", MESSAGE).status_code == 429
    assert len(queued_mail()) == 3


def test_the_contact_form_takes_posts_only(client, viewer, industry):
    ines = industry_member(industry)
    assert client.get(f"{DIRECTORY}{ines.pk}/contact/").status_code == 405


def test_the_directory_runs_the_same_queries_however_many_people(client, viewer, industry):
    data, cancer = role("Data solutions provider"), area("cancer")
    counter = iter(range(100))

    def add_people(count):
        for _ in range(count):
            number = next(counter)
            profile = industry_member(industry, first_name=f"Person{number}", last_name="Listed",
                                      roles=[data], areas=[cancer])
            published_use_case(f"Use case {number}", profile.user, areas=[area("rare-disease")])

    response = assert_queries_do_not_grow(client, DIRECTORY, add_people, few=1, more=8,
                                          data={"disease_area": "cancer"})
    assert len(listed_names(response.text)) == 9


def test_the_directory_pages_through_its_people(client, viewer, industry):
    for number in range(12):
        industry_member(industry, first_name=f"Person{number:02}", last_name="Listed")

    first, second = client.get(DIRECTORY).text, client.get(DIRECTORY, {"page": 2}).text

    assert len(listed_names(first)) == 10 and len(listed_names(second)) == 2
    assert "12 people" in first


# The consent on the profile: asked of Industry cluster members only.

def profile_data(cluster, **changes):
    return {"first_name": "Ines", "last_name": "Costa", "organisation": "Genomics Company", "role": "Lead",
            "country": CountryFactory().pk, "clusters": [cluster.pk], **changes}


def test_the_profile_asks_industry_members_only(client, industry):
    academic = approved_stakeholder(clusters=[ClusterFactory(slug="academics")])
    client.force_login(academic)
    assert "consent_industry_directory" not in client.get("/my/profile/").context["form"].fields

    member = approved_stakeholder(clusters=[industry])
    client.force_login(member)
    assert "industry directory" in client.get("/my/profile/").text


def test_the_consent_is_given_and_withdrawn_on_the_profile_and_recorded_as_history(client, viewer, industry):
    ines = industry_member(industry, agreed=False)
    client.force_login(ines.user)

    client.post("/my/profile/", profile_data(industry, consent_industry_directory="on"))
    assert has_consent(ines.user, PURPOSE)
    assert "Being listed in the industry directory: given" in client.get("/my/").text

    client.post("/my/profile/", profile_data(industry))

    assert not has_consent(ines.user, PURPOSE)
    assert [(c.given, c.text_version, c.source) for c in ines.user.consents.filter(purpose=PURPOSE)] == [
        (False, "industry-directory-1", "profile"), (True, "industry-directory-1", "profile")]
    client.force_login(viewer)
    assert listed_names(client.get(DIRECTORY).text) == []


def test_leaving_the_industry_cluster_withdraws_the_consent(client, industry):
    ines = industry_member(industry)
    client.force_login(ines.user)

    academics = ClusterFactory(slug="academics")
    client.post("/my/profile/", profile_data(academics, consent_industry_directory="on"))

    assert not has_consent(ines.user, PURPOSE)


def test_joining_the_industry_cluster_from_its_page_asks_the_consent(client):
    newcomer = ProfileFactory(status=StakeholderProfile.Status.INCOMPLETE, user=UserFactory())
    client.force_login(newcomer.user)
    session = client.session
    session["join_cluster"] = "industry"
    session.save()

    assert "consent_industry_directory" in client.get("/my/profile/").context["form"].fields
