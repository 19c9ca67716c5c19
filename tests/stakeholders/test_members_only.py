import pytest
from django.core.files.base import ContentFile
from wagtail.models import Page

from portal.stakeholders.members import members_collection, restrict_to_members
from portal.stakeholders.models import StakeholderProfile
from portal.stakeholders.services import stakeholder_decide
from tests.factories import DocumentFactory, ProfileFactory, StandardPageFactory, UserFactory, coordinator

pytestmark = pytest.mark.django_db

Status = StakeholderProfile.Status


@pytest.fixture
def members_area():
    page = StandardPageFactory(title="Working documents", intro="Drafts for members.")
    restrict_to_members(page)
    document = DocumentFactory(
        title="Draft recommendations", collection=members_collection(),
        file=ContentFile(b"Draft recommendations to the 1+MG working groups", name="draft.txt"),
    )
    public = DocumentFactory(title="Roadmap brochure",
                             file=ContentFile(b"The 1+MG roadmap", name="roadmap.txt"))
    return page, document, public


def sign_in(client, status):
    if status == "anonymous":
        return None
    profile = ProfileFactory(status=Status.PENDING)
    if status in (Status.APPROVED, Status.DECLINED):
        stakeholder_decide(profile=profile, approve=status == Status.APPROVED, by=coordinator())
    client.force_login(profile.user)
    return profile


@pytest.mark.parametrize("status", ["anonymous", Status.PENDING, Status.DECLINED])
def test_only_approved_stakeholders_get_the_member_page_and_document(client, members_area, status):
    page, document, public = members_area
    sign_in(client, status)

    page_response = client.get(page.url)
    document_response = client.get(document.url)

    for response in (page_response, document_response):
        if status == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/?next=")
        else:
            assert response.status_code == 403
            assert "For approved members" in response.text
        assert b"Draft recommendations to the 1+MG" not in getattr(response, "content", b"")
    # The file's own address under /media/ is never served: documents only go through the serve view.
    assert client.get("/media/" + document.file.name).status_code == 404
    assert client.get(public.url).status_code == 200


def test_an_approved_stakeholder_gets_the_member_page_and_document(client, members_area):
    page, document, _ = members_area
    sign_in(client, Status.APPROVED)

    assert client.get(page.url).status_code == 200
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Draft recommendations to the 1+MG working groups"
    assert "private" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", "")


def test_a_signed_in_account_without_a_profile_is_refused_too(client, members_area):
    page, document, _ = members_area
    client.force_login(UserFactory())
    assert client.get(page.url).status_code == 403
    assert client.get(document.url).status_code == 403


def test_restricted_pages_stay_out_of_public_listings(members_area):
    page, _, _ = members_area
    assert page not in Page.objects.live().public()
