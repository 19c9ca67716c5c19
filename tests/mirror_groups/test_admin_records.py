"""A group's records as managers keep them: meetings with their minutes, the group's texts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from portal.mirror_groups.models import Meeting, MirrorGroup
from tests.factories import CountryFactory, MirrorGroupFactory, coordinator, manager

pytestmark = pytest.mark.django_db


def test_a_manager_records_a_meeting_with_its_minutes(client):
    portugal = MirrorGroupFactory()
    client.force_login(manager(portugal))

    response = client.post("/admin/mirror-groups/meetings/new/", {
        "group": portugal.pk, "held_on": "2026-03-02", "agenda": "Kick-off; work plan", "attendance": "9",
        "minutes_file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes",
                                           content_type="application/pdf"),
    })

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.attendance == 9
    assert meeting.minutes.collection.name == "Mirror group minutes"
    assert meeting.minutes.file.read() == b"%PDF-1.4 minutes"


def test_minutes_of_a_kind_the_library_refuses_are_refused(client):
    portugal = MirrorGroupFactory()
    client.force_login(manager(portugal))

    response = client.post("/admin/mirror-groups/meetings/new/", {
        "group": portugal.pk, "held_on": "2026-03-02", "agenda": "Kick-off",
        "minutes_file": SimpleUploadedFile("minutes.exe", b"MZ", content_type="application/octet-stream"),
    })

    assert response.status_code == 200
    assert "File extension" in response.text
    assert not Meeting.objects.exists() and not get_document_model().objects.exists()


def test_coordinators_set_up_a_group_for_a_country_managers_cannot(client):
    country = CountryFactory(iso_code="IT", name="Italy")
    client.force_login(manager(MirrorGroupFactory()))
    assert client.get("/admin/mirror-groups/groups/new/").status_code == 302

    client.force_login(coordinator())
    response = client.post("/admin/mirror-groups/groups/new/", {
        "country": country.pk, "established_on": "", "mission": "", "role": "", "tasks": ""})

    assert response.status_code == 302
    assert MirrorGroup.objects.filter(country=country).exists()
