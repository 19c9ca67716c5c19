"""Members-only documents stay out of a mirror group manager's admin: the managers reach the admin through
their role (permissions.ManagerBackend) but hold no rights on the document library, so Wagtail's
collection permissions list them no document; the coordinators, who hold them, see every collection."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from portal.stakeholders.members import members_collection
from tests.factories import DocumentFactory, MeetingFactory, MirrorGroupFactory, coordinator, manager

pytestmark = pytest.mark.django_db

SECRET = "Confidential roadmap for members"


@pytest.fixture
def documents():
    secret = DocumentFactory(title=SECRET, file=ContentFile(b"%PDF-1.4", name="secret.pdf"),
                             collection=members_collection())
    public = DocumentFactory(title="Public roadmap brochure",
                             file=ContentFile(b"%PDF-1.4", name="public.pdf"))
    return secret, public


def views(secret):
    return {
        "chooser": "/admin/documents/chooser/",
        "chooser search": "/admin/documents/chooser/results/?q=roadmap",
        "chosen": f"/admin/documents/chooser/{secret.pk}/",
        "listing": "/admin/documents/",
        "listing search": "/admin/documents/?q=roadmap",
        "edit": f"/admin/documents/edit/{secret.pk}/",
        "usage": f"/admin/documents/usage/{secret.pk}/",
    }


def test_a_mirror_group_manager_sees_no_members_only_document(client, documents):
    secret, _ = documents
    portugal = MirrorGroupFactory()
    user = manager(portugal)
    MeetingFactory(group=portugal)  # a manager with records of their own, in the admin through their role
    client.force_login(user)
    assert client.get("/admin/mirror-groups/meetings/").status_code == 200

    for name, url in views(secret).items():
        response = client.get(url)
        assert SECRET not in response.text, name
        assert response.status_code in (200, 302, 403, 404), name

    policy = policy_registry.get_by_type(get_document_model())
    assert not policy.instances_user_has_any_permission_for(user, ["choose", "add", "change"]).exists()
    assert not policy.collections_user_has_any_permission_for(user, ["choose", "add", "change"]).exists()


def test_a_coordinator_sees_every_collection_in_the_chooser_and_the_listing(client, documents):
    secret, _ = documents
    client.force_login(coordinator())

    for name in ("chooser", "chooser search", "listing", "listing search"):
        response = client.get(views(secret)[name])
        assert response.status_code == 200, name
        assert SECRET in response.text and "Public roadmap brochure" in response.text, name
