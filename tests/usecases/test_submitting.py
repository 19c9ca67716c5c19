"""Submitting on the portal's pages: the steps saved to a draft, errors and an ended session keeping what was
typed, co-authors, the use case's page and who reads it, "My portal", the coordinators' admin."""

import pytest
from django.contrib.auth.models import Group

from portal.initiative.models import Country, DiseaseArea
from portal.stakeholders.services import APPROVED_STAKEHOLDERS
from portal.usecases import services
from portal.usecases.models import AuditEntry, CoAuthor, State, UseCase
from tests.factories import (
    AuditEntryFactory,
    CoAuthorFactory,
    ProfileFactory,
    UseCaseFactory,
    approved_stakeholder,
    coordinator,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

SECRET = "Our unreleased assay pricing"


def public_part(**fields):
    return {"organisation": "Genomics Industries SA", "title": "Federated analysis",
            "summary": "What we propose.", "disease_areas": [DiseaseArea.objects.first().pk], **fields}


def test_a_stakeholder_writes_a_draft_in_steps_saved_at_each_and_submits_it(client):
    person = approved_stakeholder()
    client.force_login(person)
    response = client.post("/use-cases/new/", public_part())
    use_case = UseCase.objects.get(submitter=person)
    assert response.url == f"/use-cases/{use_case.pk}/edit/detail/"
    assert use_case.state == State.DRAFT and use_case.title == "Federated analysis"

    client.post(response.url, {"description": SECRET, "offers": "Tools", "seeks": "A pilot",
                               "data_needed": "", "safeguards": "", "confidentiality": "reviewers_wg7",
                               "later": "1"})
    use_case.refresh_from_db()
    assert use_case.description == SECRET and use_case.confidentiality == "reviewers_wg7"
    # Resumed from "My portal".
    assert f"/use-cases/{use_case.pk}/edit/public/" in client.get("/my/").text

    country = Country.objects.first()
    response = client.post(f"/use-cases/{use_case.pk}/edit/scope/",
                           {"countries": [country.pk], "time_frame": "2026-2027"})
    assert response.url == f"/use-cases/{use_case.pk}/edit/attachments/"
    client.post(f"/use-cases/{use_case.pk}/move/", {"to_state": State.SUBMITTED, "comment": ""})
    use_case.refresh_from_db()
    assert use_case.state == State.SUBMITTED
    assert list(use_case.countries.all()) == [country]
    # Submitted, it is no longer edited.
    assert client.get(f"/use-cases/{use_case.pk}/edit/detail/").status_code == 302


def test_a_validation_error_keeps_everything_typed(client):
    client.force_login(approved_stakeholder())
    response = client.post("/use-cases/new/", public_part(title="", summary=SECRET))
    assert response.status_code == 200 and response.context["form"].errors["title"]
    assert SECRET in response.text
    assert not UseCase.objects.exists()


def test_a_step_posted_after_the_session_ended_comes_back_after_signing_in(client):
    use_case = UseCaseFactory(description="")
    url = f"/use-cases/{use_case.pk}/edit/detail/"
    response = client.post(url, {"description": SECRET, "confidentiality": "reviewers"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    use_case.refresh_from_db()
    assert use_case.description == ""

    client.force_login(use_case.submitter)  # signing in keeps the anonymous session's data
    response = client.get(url)
    assert SECRET in response.text and response.context["form"].is_bound
    # Once only, and only at that address.
    assert SECRET not in client.get(url).text


def test_what_a_stranger_posted_signed_out_is_never_written_to_the_draft(client):
    use_case = UseCaseFactory(description="The real text")
    client.post(f"/use-cases/{use_case.pk}/edit/detail/",
                {"description": "Vandal", "confidentiality": "public"})
    client.force_login(approved_stakeholder())
    assert client.get(f"/use-cases/{use_case.pk}/edit/detail/").status_code == 404
    use_case.refresh_from_db()
    assert use_case.description == "The real text"


def test_a_stakeholder_not_yet_approved_is_told_why(client):
    client.force_login(ProfileFactory().user)
    response = client.get("/use-cases/new/")
    assert response.status_code == 403 and "approved" in response.text
    assert client.post("/use-cases/new/", public_part()).status_code == 403
    assert not UseCase.objects.exists()


def test_co_authors_are_invited_by_address_with_a_warning_when_their_organisation_differs(client):
    use_case = UseCaseFactory(organisation="Genomics Industries SA")
    colleague = approved_stakeholder(organisation="Other Company Ltd")
    client.force_login(use_case.submitter)
    response = client.post(f"/use-cases/{use_case.pk}/co-authors/", {"email": colleague.email.upper()},
                           follow=True)
    assert "Other Company Ltd" in response.text
    invitation = CoAuthor.objects.get(use_case=use_case)
    assert invitation.email == colleague.email and invitation.accepted_at is None

    # Not an approved stakeholder: refused.
    pending = ProfileFactory().user
    client.post(f"/use-cases/{use_case.pk}/co-authors/", {"email": pending.email})
    assert CoAuthor.objects.count() == 1

    client.force_login(colleague)
    assert use_case.title in client.get("/my/").text
    client.post(f"/use-cases/invitations/{invitation.pk}/accept/")
    invitation.refresh_from_db()
    assert invitation.user == colleague
    # The co-author edits the draft and reads its history.
    client.post(f"/use-cases/{use_case.pk}/edit/detail/",
                {"description": "Rewritten together", "offers": "x", "seeks": "y",
                 "confidentiality": "reviewers"})
    use_case.refresh_from_db()
    assert use_case.description == "Rewritten together"
    assert client.get(f"/use-cases/{use_case.pk}/").status_code == 200


def test_someone_else_cannot_accept_an_invitation(client):
    invitation = CoAuthorFactory(user=None, accepted_at=None, email="colleague@example.org")
    client.force_login(approved_stakeholder())
    assert client.post(f"/use-cases/invitations/{invitation.pk}/accept/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.user is None


def test_the_authors_read_the_log_without_internal_notes(client):
    use_case = UseCaseFactory(state=State.IN_REVIEW)
    AuditEntryFactory(use_case=use_case, comment="Thank you for submitting.")
    AuditEntryFactory(use_case=use_case, from_state=State.IN_REVIEW, to_state=State.IN_REVIEW,
                      by=coordinator(), comment="Reviewer B knows them well.", internal=True)
    co_author = CoAuthorFactory(use_case=use_case).user
    for person in (use_case.submitter, co_author):
        client.force_login(person)
        text = client.get(f"/use-cases/{use_case.pk}/").text
        assert "Thank you for submitting." in text and "Reviewer B" not in text
    client.force_login(coordinator())
    assert "Reviewer B" in client.get(f"/use-cases/{use_case.pk}/").text


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED, State.ACCEPTED, State.WITHDRAWN])
def test_a_stranger_finds_nothing_of_an_unpublished_use_case(client, state):
    use_case = UseCaseFactory(state=state, description=SECRET)
    invited = CoAuthorFactory(use_case=use_case, accepted_at=None).user
    for visitor in (None, approved_stakeholder(), invited):
        client.logout()
        if visitor:
            client.force_login(visitor)
        for url in (f"/use-cases/{use_case.pk}/", f"/use-cases/{use_case.pk}/edit/public/"):
            response = client.get(url)
            assert response.status_code in (302, 404) and SECRET not in response.text
        response = client.post(f"/use-cases/{use_case.pk}/move/", {"to_state": State.WITHDRAWN})
        assert response.status_code in (302, 404)
    use_case.refresh_from_db()
    assert use_case.state == state


def test_a_published_use_case_shows_only_its_public_part_to_others_unless_made_public(client):
    use_case = UseCaseFactory(state=State.PUBLISHED, description=SECRET, summary="Public summary")
    client.force_login(approved_stakeholder())
    text = client.get(f"/use-cases/{use_case.pk}/").text
    assert "Public summary" in text and SECRET not in text
    UseCase.objects.filter(pk=use_case.pk).update(confidentiality="public")
    assert SECRET in client.get(f"/use-cases/{use_case.pk}/").text


def test_my_portal_lists_the_use_cases_in_the_same_queries_however_many(client):
    person = approved_stakeholder()
    client.force_login(person)

    def add(count):
        for _ in range(count):
            UseCaseFactory(submitter=person)
            CoAuthorFactory(use_case=UseCaseFactory(), user=None, email=person.email, accepted_at=None)

    response = assert_queries_do_not_grow(client, "/my/", add, few=1, more=12)
    assert response.text.count("Accept</button>") == 10
    assert response.context["panels"]


def test_a_coordinator_lists_use_cases_by_state_and_moves_one_with_a_comment_in_the_admin(client):
    UseCaseFactory(title="Still a draft")
    submitted = UseCaseFactory(title="Waiting for review", state=State.SUBMITTED)
    client.force_login(coordinator())
    listing = client.get("/admin/use-cases/", {"state": State.SUBMITTED}).text
    assert "Waiting for review" in listing and "Still a draft" not in listing

    response = client.post(f"/admin/use-cases/edit/{submitted.pk}/",
                           {"to_state": State.CHANGES_REQUESTED, "comment": ""})
    assert response.status_code == 200  # a comment is needed
    client.post(f"/admin/use-cases/edit/{submitted.pk}/",
                {"to_state": State.CHANGES_REQUESTED, "comment": "Say more about the safeguards."})
    submitted.refresh_from_db()
    assert submitted.state == State.CHANGES_REQUESTED
    assert AuditEntry.objects.get(use_case=submitted).comment == "Say more about the safeguards."


def test_an_approved_stakeholder_has_no_admin_listing(client):
    client.force_login(approved_stakeholder())
    assert client.get("/admin/use-cases/").status_code in (302, 403)


def test_erasure_keeps_a_published_use_case_under_its_organisation_and_removes_the_rest():
    person = approved_stakeholder()
    published = UseCaseFactory(submitter=person, state=State.PUBLISHED)
    UseCaseFactory(submitter=person)
    UseCaseFactory(submitter=person, state=State.IN_REVIEW)
    from portal.stakeholders.services import account_erase

    account_erase(person)
    assert list(UseCase.objects.all()) == [published]
    published.refresh_from_db()
    assert published.submitter is None and published.organisation == "Genomics Industries SA"


def test_only_approved_stakeholders_are_coordinators_of_nothing():
    """The approved stakeholders' group does not carry the coordinators' permission."""
    assert not Group.objects.get(name=APPROVED_STAKEHOLDERS).permissions.filter(
        codename="change_usecase").exists()
    assert services.is_coordinator(coordinator())


def test_the_admin_listing_runs_the_same_queries_however_many_use_cases(client):
    client.force_login(coordinator())
    assert_queries_do_not_grow(client, "/admin/use-cases/",
                               lambda count: [UseCaseFactory() for _ in range(count)], budget=40)
