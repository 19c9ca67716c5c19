"""Coordinators and editors in the admin: drafts kept as revisions and previewed; uploads checked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cms.models import StandardPage
from tests.factories import coordinator, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_page():
    return StandardPage.objects.live().first()


def test_an_editors_draft_is_a_revision_that_can_be_previewed_while_the_live_page_stays(client, about_page):
    author = editor()
    live_title = about_page.title
    about_page.title = "A better title, not yet published"
    revision = about_page.save_revision(user=author)
    client.force_login(coordinator())

    preview = client.get(f"/admin/pages/{about_page.pk}/revisions/{revision.pk}/view/")
    history = client.get(f"/admin/pages/{about_page.pk}/history/")

    assert preview.status_code == 200 and "A better title, not yet published" in preview.text
    assert history.status_code == 200
    assert client.get(about_page.url).context["page"].title == live_title


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "File extension “exe” is not allowed."),
        ("report.pdf", b"%PDF-1.4 " + b"x" * 2048, "This file is too big"),
    ],
)
def test_a_document_of_the_wrong_type_or_size_is_refused_and_nothing_stored(
    client, settings, media_in_tmp, name, content, message
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client.force_login(coordinator())

    response = client.post("/admin/documents/add/", {
        "title": "An upload", "file": SimpleUploadedFile(name, content), "collection": 1,
    })

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"])
    assert Document.objects.count() == 0
    assert not list(media_in_tmp.rglob(name))


def test_an_image_that_is_not_an_image_is_refused(client):
    client.force_login(coordinator())

    not_a_picture = SimpleUploadedFile("photo.png", b"not a picture at all")
    response = client.post(
        "/admin/images/add/", {"title": "A picture", "file": not_a_picture, "collection": 1}
    )

    assert response.status_code == 200
    assert Image.objects.count() == 0
