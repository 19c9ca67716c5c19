"""A stakeholder's application reaches the group's managers, who accept or decline it with a message;
both steps email the people concerned."""

from datetime import date

import pytest
import time_machine

from portal.mirror_groups.models import Application, Membership, Role
from portal.mirror_groups.notifications import notify_managers
from portal.stakeholders.consents import record_consent
from portal.stakeholders.models import Consent
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    MirrorGroupFactory,
    UserFactory,
    coordinator,
    manager,
)
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def portugal():
    return MirrorGroupFactory()


@pytest.fixture
def ncp(portugal):
    return manager(portugal, Role.NATIONAL_CONTACT_POINT, email="ncp@example.pt")


@pytest.fixture
def applicant():
    return UserFactory(first_name="Rita", last_name="Lopes", email="rita.lopes@example.pt")


def decide(client, application, decision, message=""):
    return client.post(f"/admin/mirror-groups/applications/decide/{application.pk}/{decision}/",
                       {"message": message})


def test_a_new_application_is_mailed_to_the_groups_current_managers_only(portugal, ncp, applicant):
    scientific = manager(portugal, Role.SCIENTIFIC_COORDINATOR)
    manager(portugal, Role.NATIONAL_CONTACT_POINT, ends_on=date(2020, 1, 1))  # no longer
    manager(MirrorGroupFactory(iso="ES", name="Spain"), Role.NATIONAL_CONTACT_POINT)  # another group's
    coordinator()
    pending = ApplicationFactory(group=portugal, applicant=applicant)

    notify_managers(pending)

    [notice] = queued_mail()
    assert sorted(notice.to) == sorted([ncp.email, scientific.email])
    assert notice.subject == "[1+MG] An application to join the National Mirror Group of Portugal"
    assert "Rita Lopes applies to join the National Mirror Group of Portugal." in notice.body
    assert f"/admin/mirror-groups/applications/inspect/{pending.pk}/" in notice.body
    assert f"/admin/mirror-groups/applications/inspect/{pending.pk}/" in notice.alternatives[0][0]


def test_a_group_without_managers_has_its_applications_mailed_to_the_coordinators(portugal, applicant):
    boss = coordinator()
    notify_managers(ApplicationFactory(group=portugal, applicant=applicant))
    [notice] = queued_mail()
    assert notice.to == [boss.email]


@time_machine.travel("2026-04-01 09:00 +00:00")
def test_accepting_makes_the_applicant_a_member_and_tells_them(client, portugal, ncp, applicant):
    record_consent(applicant, Consent.Purpose.PUBLIC_LISTING, True, Consent.Source.PROFILE)
    pending = ApplicationFactory(group=portugal, applicant=applicant, sector="industry", region="Lisboa",
                                 organisation="Genomics SA")
    client.force_login(ncp)

    response = decide(client, pending, "accept", "Welcome: our next meeting is on 12 May.")

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Application.Status.ACCEPTED
    assert pending.decided_by == ncp and pending.message == "Welcome: our next meeting is on 12 May."
    membership = Membership.objects.get(group=portugal, user=applicant)
    assert (membership.name, membership.email, membership.role) == ("Rita Lopes", "rita.lopes@example.pt",
                                                                     Role.MEMBER)
    assert (membership.sector, membership.region, membership.organisation) == ("industry", "Lisboa",
                                                                               "Genomics SA")
    assert membership.starts_on == date(2026, 4, 1) and membership.listed_publicly
    [letter] = queued_mail()
    assert letter.to == ["rita.lopes@example.pt"]
    assert letter.subject == "Welcome to the National Mirror Group of Portugal"
    assert "Welcome: our next meeting is on 12 May." in letter.body
    assert "Welcome: our next meeting is on 12 May." in letter.alternatives[0][0]
    assert "Rita Lopes" in client.get("/admin/mirror-groups/members/").text


def test_an_applicant_who_did_not_agree_to_public_listing_is_not_listed(client, portugal, ncp, applicant):
    client.force_login(ncp)
    decide(client, ApplicationFactory(group=portugal, applicant=applicant), "accept")
    assert not Membership.objects.get(user=applicant).listed_publicly


def test_declining_tells_the_applicant_with_the_managers_message(client, portugal, ncp, applicant):
    pending = ApplicationFactory(group=portugal, applicant=applicant)
    client.force_login(ncp)

    decide(client, pending, "decline", "We are complete for research; try again next year.")

    pending.refresh_from_db()
    assert pending.status == Application.Status.DECLINED
    assert not Membership.objects.filter(user=applicant).exists()
    [letter] = queued_mail()
    assert letter.to == ["rita.lopes@example.pt"]
    assert letter.subject == "Your application to the National Mirror Group of Portugal"
    assert "We are complete for research; try again next year." in letter.body


def test_an_application_is_decided_once(client, portugal, ncp, applicant):
    pending = ApplicationFactory(group=portugal, applicant=applicant)
    client.force_login(ncp)
    decide(client, pending, "decline", "No.")

    response = decide(client, pending, "accept", "Yes after all.")

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Application.Status.DECLINED and pending.message == "No."
    assert not Membership.objects.filter(user=applicant).exists()
    assert len(queued_mail()) == 1


@time_machine.travel("2026-04-01 09:00 +00:00")
def test_a_former_member_accepted_again_takes_up_their_membership_again(client, portugal, ncp, applicant):
    former = MembershipFactory(group=portugal, name="Rita Lopes", email="rita.lopes@example.pt",
                               starts_on=date(2023, 1, 1), ends_on=date(2025, 12, 31))
    client.force_login(ncp)

    decide(client, ApplicationFactory(group=portugal, applicant=applicant, region="Norte"), "accept")

    former.refresh_from_db()
    assert (former.user, former.region, former.starts_on, former.ends_on) == (applicant, "Norte",
                                                                              date(2026, 4, 1), None)
    assert Membership.objects.filter(group=portugal).count() == 2  # the NCP and her


def test_pending_applications_show_accept_and_decline_to_the_managers(client, portugal, ncp, applicant):
    pending = ApplicationFactory(group=portugal, applicant=applicant)
    client.force_login(ncp)
    listing = client.get("/admin/mirror-groups/applications/").text
    page = client.get(f"/admin/mirror-groups/applications/inspect/{pending.pk}/").text
    for text in (listing, page):
        assert f"/admin/mirror-groups/applications/decide/{pending.pk}/accept/" in text
        assert f"/admin/mirror-groups/applications/decide/{pending.pk}/decline/" in text
    assert "I run the national genome programme" in page
    assert "Rita Lopes &lt;rita.lopes@example.pt&gt;" in page
    assert "Rita Lopes → Portugal" in listing


def test_applications_cannot_be_added_edited_or_deleted_in_the_admin(client, portugal, applicant):
    pending = ApplicationFactory(group=portugal, applicant=applicant)
    client.force_login(coordinator())
    for path in ("new/", f"edit/{pending.pk}/", f"delete/{pending.pk}/"):
        assert client.get(f"/admin/mirror-groups/applications/{path}").status_code == 404
