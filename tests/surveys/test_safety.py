"""What the review of the survey engine found: each hole stays closed."""

import pytest

from portal.core.personal_data import export_personal_data
from portal.stakeholders.services import account_erase
from surveys.invitations import open_invitation
from surveys.models import Invitation, Response, SurveyVersion
from surveys.services import publish_version
from tests.factories import InvitationFactory, ProfileFactory, coordinator, small_definition
from tests.services import queued_mail

pytestmark = pytest.mark.django_db


def test_a_broken_definition_published_in_another_way_freezes_no_version(survey):
    survey.definition = small_definition(privacy_statement_url="")
    survey.save_revision().publish()  # e.g. a bulk publish, which skips the editor's form
    assert publish_version(survey) is None
    assert SurveyVersion.objects.filter(survey=survey).count() == 1


def test_a_published_survey_is_not_deleted_from_the_page_tree(client, survey):
    client.force_login(coordinator())
    reply = client.post(f"/admin/pages/{survey.pk}/delete/")
    assert reply.status_code == 302
    assert survey.__class__.objects.filter(pk=survey.pk).exists()


def test_an_invited_stakeholders_answers_join_their_export_and_erasure(survey):
    profile = ProfileFactory(user__email="ana@example.org")
    invitation = InvitationFactory(survey=survey, email="ana@example.org")
    response = open_invitation(invitation)
    response.answers = {"purpose": "clinical", "contact": "ana@example.org"}
    response.status = Response.Status.SUBMITTED
    response.save()

    assert [r["answers"]["purpose"] for r in export_personal_data(profile.user)["survey_responses"]] == [
        "clinical"
    ]
    account_erase(profile.user)

    response.refresh_from_db()
    assert response.answers == {"purpose": "clinical"}  # kept anonymously, without the address
    assert not Invitation.objects.filter(email="ana@example.org").exists()


def test_an_erased_address_is_never_mailed_again(client):
    profile = ProfileFactory(user__email="gone@example.org")
    account_erase(profile.user)

    client.post("/accounts/password/reset/", {"email": "gone@example.org"})

    assert queued_mail() == []


def test_an_over_long_address_or_a_broken_csv_is_bad_input_not_a_500(client, survey):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator())
    long_address = "a" * 250 + "@example.org"
    reply = client.post(f"/admin/surveys/{survey.pk}/invitations/", {"addresses": long_address}, follow=True)
    assert reply.status_code == 200 and long_address in reply.text
    broken = SimpleUploadedFile("people.csv", b'"' + b"x" * 200_000)
    reply = client.post(f"/admin/surveys/{survey.pk}/invitations/", {"csv_file": broken}, follow=True)
    assert reply.status_code == 200 and "could not be read" in reply.text
    assert Invitation.objects.count() == 0


def test_site_search_takes_a_nul_character(client, survey):
    assert client.get("/search/?q=genomes%00").status_code == 200


def test_the_stakeholder_export_makes_formulas_inert(client):
    ProfileFactory(organisation='=HYPERLINK("http://evil.example","x")')
    client.force_login(coordinator())
    body = b"".join(client.get("/admin/stakeholders/?export=csv").streaming_content).decode()
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body


def test_member_only_pages_stay_out_of_the_menu_for_others(client, survey, site):
    from cms.models import MainMenu, StandardPage
    from portal.stakeholders.members import restrict_to_members
    from tests.factories import MainMenuItemFactory

    members = StandardPage.objects.live().first()
    restrict_to_members(members)
    menu, _ = MainMenu.objects.get_or_create(site=site.site)
    MainMenuItemFactory(menu=menu, page=members, label="Members only corner", sort_order=99)

    assert "Members only corner" not in client.get("/").text
    pending = ProfileFactory()
    client.force_login(pending.user)
    assert "Members only corner" not in client.get("/").text
    from portal.stakeholders.services import stakeholder_decide

    stakeholder_decide(profile=pending, approve=True, by=coordinator())
    assert "Members only corner" in client.get("/").text
