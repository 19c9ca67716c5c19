import itertools

import pytest
from django.utils import timezone

from newsletters.models import Subscriber
from portal.initiative.models import DiseaseArea, SubArea
from portal.mirror_groups.models import Application
from portal.stakeholders import consents
from portal.stakeholders.models import Consent, StakeholderProfile
from tests.factories import (
    ApplicationFactory,
    ClusterFactory,
    ConsentFactory,
    CountryFactory,
    MembershipFactory,
    MirrorGroupFactory,
    ProfileFactory,
    SubscriberFactory,
    TopicFactory,
    coordinator,
)
from tests.queries import assert_queries_do_not_grow
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


def profile_data(**changes):
    cluster = ClusterFactory(slug="academics", name="Academics")
    country = CountryFactory()
    return {
        "first_name": "Ana", "last_name": "Silva", "organisation": "INSA", "role": "Researcher",
        "country": country.pk, "clusters": [cluster.pk], **changes,
    }


def test_a_complete_profile_goes_to_the_coordinators_for_approval(client, newcomer):
    coordinator(email="office@example.org")

    response = client.post("/my/profile/", profile_data())

    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.status == StakeholderProfile.Status.PENDING
    assert newcomer.submitted_at is not None
    assert [c.slug for c in newcomer.clusters.all()] == ["academics"]
    [notice] = queued_mail()
    assert notice.to == ["office@example.org"]
    assert "/admin/stakeholders/" in notice.body
    assert "Awaiting approval" in client.get("/my/").text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"country": "99999"}, "country", "Choose your country from the list."),
        ({"country": "not-a-number"}, "country", "Choose your country from the list."),
        ({"clusters": []}, "clusters", "Choose at least one stakeholder cluster."),
        ({"clusters": ["424242"]}, "clusters", "Choose from the list."),
        ({"disease_areas": ["not-a-pk"]}, "disease_areas", "Choose from the list."),
        ({"organisation": "<img src=x onerror=alert(1)>"}, "organisation", "remove the HTML tags"),
        ({"organisation": ""}, "organisation", "This field is required."),
        ({"role": "x" * 201}, "role", "at most 200 characters"),
    ],
)
def test_bad_profile_input_gets_a_message_next_to_the_field_and_saves_nothing(
    client, newcomer, changes, field, message
):
    response = client.post("/my/profile/", profile_data(**changes))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert f'id="id_{field}_errors"' in response.text
    assert 'value="Silva"' in response.text  # what was typed is kept
    newcomer.refresh_from_db()
    assert newcomer.status == StakeholderProfile.Status.INCOMPLETE
    assert newcomer.organisation == ""
    assert newcomer.user.last_name != "Silva"
    assert queued_mail() == []


def test_joining_a_cluster_preselects_it_on_the_profile(client, newcomer):
    client.get("/clusters/industry/join/")
    response = client.get("/my/profile/")

    industry = response.context["form"]["clusters"].initial
    assert [c.slug for c in industry] == ["industry"]


def test_pages_of_a_signed_in_person_are_not_cached_publicly(client, newcomer):
    response = client.get("/my/profile/")
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_errors_are_summarised_at_the_top_and_tied_to_their_fields(client, newcomer):
    response = client.post("/my/profile/", profile_data(clusters=[], organisation=""))

    text = response.text
    summary = text.index('class="error-summary"')
    assert summary < text.index("<form") or summary < text.index('id="id_organisation"')
    assert '<a href="#id_organisation">' in text and '<a href="#id_clusters">' in text
    assert 'aria-describedby="id_clusters_help id_clusters_errors"' in text
    assert 'aria-invalid="true"' in text and 'aria-describedby="id_organisation_errors"' in text


def test_without_the_newsletter_app_the_profile_asks_nothing_about_a_newsletter(client, newcomer,
                                                                                monkeypatch):
    monkeypatch.setattr(consents, "_newsletter_ledger", None)

    assert "consent_newsletter" not in client.get("/my/profile/").context["form"].fields
    response = client.post("/my/profile/", profile_data(consent_newsletter="on"))

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not newcomer.user.consents.filter(purpose="newsletter").exists()
def test_my_portal_runs_the_same_queries_however_much_the_person_has(client):
    """Every panel at once: the profile's clusters, sub-areas and disease areas, the consents' history,
    the newsletter's topics, mirror group memberships, applications and invitations."""
    profile = ProfileFactory(status=StakeholderProfile.Status.APPROVED)
    user = profile.user
    subscriber = SubscriberFactory(email=user.email, status=Subscriber.Status.CONFIRMED)
    numbers = itertools.count()
    client.force_login(user)

    def group(letter: str, number: int):
        return MirrorGroupFactory(iso=f"{letter}{chr(65 + number)}", name=f"Country {letter}{number}")

    def add_a_bit_of_everything(count):
        for _ in range(count):
            number = next(numbers)
            cluster = ClusterFactory()
            profile.clusters.add(cluster)
            profile.sub_areas.add(SubArea.objects.create(cluster=cluster, name=f"Sub-area {number}"))
            profile.disease_areas.add(DiseaseArea.objects.create(slug=f"area-{number}", name=f"A{number}"))
            ConsentFactory(user=user, purpose=Consent.Purpose.PUBLIC_LISTING, given=bool(number % 2))
            subscriber.topics.add(TopicFactory(name=f"Topic {number}", slug=f"topic-{number}"))
            MembershipFactory(group=group("X", number), user=user)
            ApplicationFactory(group=group("Y", number), applicant=user, status=Application.Status.DECLINED,
                               message="Not this year.", decided_at=timezone.now())
            MembershipFactory(group=group("Z", number), email=user.email)

    # 44: each app's panel asks at least once whether it has anything to show.
    response = assert_queries_do_not_grow(client, "/my/", add_a_bit_of_everything, budget=44)
    assert response.text.count("Not this year.") == 10
