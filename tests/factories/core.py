"""Private files (portal.core.private_files) and the bytes of small files of each kind, for uploads."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.core.models import PrivateFile

from .accounts import UserFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip holding `entries` in their order (the first stored uncompressed, as ODF wants its mimetype).
    Its entries carry a fixed time, so that the same entries always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for position, (name, data) in enumerate(entries.items()):
            method = zipfile.ZIP_STORED if position == 0 else zipfile.ZIP_DEFLATED
            entry = zipfile.ZipInfo(name, date_time=(2020, 7, 1, 0, 0, 0))
            archive.writestr(entry, data, compress_type=method)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
                      "word/document.xml": b"<w:document/>"})


def odt_bytes() -> bytes:
    return zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>",
                      "META-INF/manifest.xml": b"<manifest/>"})


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """A file as a browser sends it; `content_type` is what the browser claims, which the check ignores."""
    return SimpleUploadedFile(name, data, content_type=content_type)


class PrivateFileFactory(factory.django.DjangoModelFactory):
    """A small PDF."""

    class Meta:
        model = PrivateFile

    file = factory.django.FileField(data=PDF, filename="report.pdf")
    name = "report.pdf"
    content_type = "application/pdf"
    size = len(PDF)
    uploaded_by = factory.SubFactory(UserFactory)
