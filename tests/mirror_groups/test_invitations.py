"""An invited person takes up their membership only by accepting the emailed invitation, signed in with any
address; until then the managers see "invited", and learn nothing of whether the address has an account."""


import pytest
from django.contrib.auth import get_user_model

from portal.mirror_groups.models import Membership, Role
from tests.factories import EmailAddressFactory, MembershipFactory, MirrorGroupFactory, UserFactory, manager
from tests.helpers import path_in
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

SIGNUP = {"first_name": "Rita", "last_name": "Lopes", "password1": "genomes-for-europe-2026",
          "password2": "genomes-for-europe-2026", "privacy_consent": "on"}


@pytest.fixture
def portugal():
    return MirrorGroupFactory()


def invitation_path(membership) -> str:
    return f"/mirror-groups/invitation/{membership.invitation_token}/"


def test_registering_with_the_invited_address_gives_nothing_until_it_is_accepted(client, portugal):
    invited = MembershipFactory(group=portugal, email="Rita.Lopes@example.pt",
                                role=Role.NATIONAL_CONTACT_POINT)

    client.post("/accounts/signup/", {**SIGNUP, "email": "rita.lopes@example.pt"})
    client.post(path_in(queued_mail()[-1], "/accounts/confirm-email/"))

    invited.refresh_from_db()
    assert invited.user is None  # confirming the address is not accepting
    assert client.get("/admin/mirror-groups/members/").status_code != 200
    portal = client.get("/my/")
    assert invitation_path(invited) in portal.text  # the invitation waits on "My portal"

    client.post(invitation_path(invited))

    invited.refresh_from_db()
    assert invited.user == get_user_model().objects.get(email="rita.lopes@example.pt")
    assert client.get("/admin/mirror-groups/members/").status_code == 200  # now the group's NCP


def test_an_invitation_to_an_address_merely_typed_is_not_on_my_portal(client, portugal):
    invited = MembershipFactory(group=portugal, email="rita.lopes@example.pt")
    someone = UserFactory(email="someone@example.org")
    EmailAddressFactory(user=someone, email="rita.lopes@example.pt", verified=False)
    client.force_login(someone)

    assert invitation_path(invited) not in client.get("/my/").text


def test_an_invitation_link_shows_the_group_and_leads_to_registration(client, portugal):
    invited = MembershipFactory(group=portugal, email="rita.lopes@example.pt")

    response = client.get(invitation_path(invited))

    assert response.status_code == 200
    assert "National Mirror Group of Portugal" in response.text
    assert f"/accounts/signup/?next={invitation_path(invited)}" in response.text


def test_someone_signed_in_with_another_address_takes_it_up_through_the_link(client, portugal):
    invited = MembershipFactory(group=portugal, email="rita@old-address.example.pt")
    user = UserFactory(email="rita.lopes@example.pt")
    client.force_login(user)

    assert "Accept the invitation" in client.get(invitation_path(invited)).text
    response = client.post(invitation_path(invited))

    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.user == user


def test_an_invitation_taken_up_by_someone_else_or_unknown_is_refused(client, portugal):
    owner = UserFactory()
    taken = MembershipFactory(group=portugal, user=owner)
    client.force_login(UserFactory())

    assert client.get(invitation_path(taken)).status_code == 404
    assert client.post(invitation_path(taken)).status_code == 404
    assert client.get("/mirror-groups/invitation/not-a-token/").status_code == 404
    taken.refresh_from_db()
    assert taken.user == owner


def test_a_member_of_the_group_cannot_take_up_a_second_membership(client, portugal):
    user = UserFactory()
    MembershipFactory(group=portugal, user=user)
    invited = MembershipFactory(group=portugal, email="another@example.pt")
    client.force_login(user)

    client.post(invitation_path(invited))

    invited.refresh_from_db()
    assert invited.user is None


def test_a_member_added_in_the_admin_is_invited_whether_or_not_the_address_has_an_account(client, portugal):
    ncp = manager(portugal)
    UserFactory(email="tiago.reis@example.pt", first_name="Tiago", last_name="Reis-Account")
    client.force_login(ncp)
    form = {"group": portugal.pk, "role": "member", "sector": "industry", "region": "Lisboa",
            "organisation": "", "starts_on": "", "ends_on": ""}

    for name, email in (("Tiago Reis", "Tiago.Reis@example.pt"), ("Nuno Sá", "nuno.sa@example.pt")):
        response = client.post("/admin/mirror-groups/members/new/", {**form, "name": name, "email": email})
        assert response.status_code == 302, response.text

    tiago = Membership.objects.get(email="tiago.reis@example.pt")
    nuno = Membership.objects.get(email="nuno.sa@example.pt")
    assert tiago.user is None and nuno.user is None  # nobody is linked without accepting
    letters = {letter.to[0]: letter for letter in queued_mail()}
    for membership in (tiago, nuno):
        letter = letters[membership.email]
        assert invitation_path(membership) in letter.body
        assert letter.subject == "Your invitation to the National Mirror Group of Portugal"
    # What the manager sees is the same for both: invited, and no account holder's name.
    listing = client.get("/admin/mirror-groups/members/").text
    assert listing.count("invited") >= 2 and "Reis-Account" not in listing
    assert "Reis-Account" not in client.get(f"/admin/mirror-groups/members/inspect/{tiago.pk}/").text


def test_the_admin_form_refuses_a_second_ncp_and_an_end_before_the_start(client, portugal):
    client.force_login(manager(portugal, name="Current NCP"))
    form = {"group": portugal.pk, "name": "Second", "email": "second@example.pt", "sector": "industry",
            "region": "Lisboa", "organisation": ""}

    second = client.post("/admin/mirror-groups/members/new/", {**form, "role": "ncp", "starts_on": "",
                                                                "ends_on": ""})
    backwards = client.post("/admin/mirror-groups/members/new/", {**form, "role": "member",
                                                                   "starts_on": "2026-05-01",
                                                                   "ends_on": "2026-04-01"})

    assert "is already the group&#x27;s National contact point (NCP)" in second.text
    assert "The end date is before the start date." in backwards.text
    assert not Membership.objects.filter(email="second@example.pt").exists()
