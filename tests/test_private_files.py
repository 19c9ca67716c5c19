"""Private uploads (portal.core.private_files): a file is what its bytes say, whatever its name or the
browser claim; what is refused says why; what is kept stays outside the served media and comes back only
as a download that no browser sniffs and no shared cache keeps."""

from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from portal.core.models import PrivateFile
from portal.core.private_files import (
    PrivateFileField,
    check_upload,
    save_private_file,
    serve_private_file,
)
from tests.factories import UserFactory, docx_bytes, odt_bytes, upload, zip_bytes
from tests.factories.core import PDF


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("Report.PDF", PDF, "application/pdf"),
    ("plan.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("sheet.xlsx", zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("plan.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
])
def test_a_file_is_what_its_content_says_whatever_the_browser_claims(name, data, content_type):
    assert check_upload(upload(name, data, content_type="text/html")).content_type == content_type


@pytest.mark.parametrize(("name", "data", "code"), [
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "kind"),
    ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "kind"),
    ("archive.docx", zip_bytes({"readme.txt": b"hello", "word/document.xml": b"<w/>"}), "kind"),
    ("book.epub", zip_bytes({"mimetype": b"application/epub+zip", "content.opf": b"<package/>"}), "kind"),
    ("macros.docx", zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>",
                               "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "kind"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "kind"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "kind"),
    ("report.docx", PDF, "extension"),
    ("report", PDF, "extension"),
    ("empty.pdf", b"", "empty"),
])
def test_disguised_broken_and_empty_files_are_refused_with_a_reason(name, data, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, data, content_type="application/pdf"))
    assert refused.value.code == code
    assert str(refused.value.messages[0]).startswith("This file")


def test_an_oversize_file_and_a_kind_not_taken_here_are_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("big.pdf", PDF + b"0" * 2000), max_bytes=1024)
    assert refused.value.messages == ["This file is 2.0\xa0KB; files may be at most 1.0\xa0KB."]

    with pytest.raises(ValidationError) as refused:
        check_upload(upload("plan.docx", docx_bytes()), kinds=["pdf"])
    assert "PDF" in refused.value.messages[0] and "Word" not in refused.value.messages[0]


class AttachmentForm(forms.Form):
    attachment = PrivateFileField(kinds=["pdf", "docx"], max_bytes=1024)


def test_a_form_declares_the_field_and_gets_the_check_and_the_file_picker_filter():
    form = AttachmentForm(files={"attachment": upload("page.pdf", b"<html></html>", "application/pdf")})
    assert not form.is_valid()
    assert form.errors["attachment"][0].startswith("This file is not one of the kinds accepted here (PDF, Wo")
    assert AttachmentForm(files={"attachment": upload("plan.docx", docx_bytes())}).is_valid()
    assert 'accept=".pdf,application/pdf,.docx,' in str(AttachmentForm()["attachment"])


@pytest.mark.django_db
def test_a_stored_file_is_kept_outside_the_media_folder_and_served_as_a_private_download(settings):
    person = UserFactory()
    stored = save_private_file(upload('C:\\Users\\ana\\"plan"\n.docx', docx_bytes(), "text/html"),
                               uploaded_by=person)

    assert (stored.name, stored.size, stored.uploaded_by) == ('"plan".docx', len(docx_bytes()), person)
    path = Path(stored.file.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT) and not path.is_relative_to(settings.MEDIA_ROOT)
    assert "plan" not in path.name
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - no address serves it

    response = serve_private_file(RequestFactory().get("/"), stored)
    assert b"".join(response.streaming_content) == docx_bytes()
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument"
                                        ".wordprocessingml.document")
    assert response["Content-Disposition"] == r'attachment; filename="\"plan\".docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}
    response.close()


@pytest.mark.django_db
def test_nothing_unchecked_is_stored_and_a_deleted_file_leaves_the_disk(django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        save_private_file(upload("page.pdf", b"<html></html>"), uploaded_by=None)
    assert not PrivateFile.objects.exists()

    stored = save_private_file(upload("report.pdf", PDF), uploaded_by=None)
    path = Path(stored.file.path)
    assert path.read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        stored.delete()
    assert not path.exists()
