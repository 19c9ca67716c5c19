"""Private uploads: files people send with a record (a use case's attachments, later a survey's), checked
by their content, kept under PRIVATE_MEDIA_ROOT (never served by the web server) and served only by a view
that has decided the person asking may see them.

- `check_upload(upload, kinds=..., max_bytes=...)` decides what a file is from its bytes, never from its
  name or what the browser said: a PDF's signature, the zip structure of OOXML (Word, Excel, PowerPoint)
  and ODF (OpenDocument) files. Anything else (another zip, an HTML page or a program renamed .pdf, an
  empty or oversize file, macros, a name whose extension says another kind) is refused with a reason.
- `PrivateFileField` is the form field that runs it; `save_private_file` stores what it accepted.
- `serve_private_file(request, private_file)` answers with the file as a download.

Legacy binary Office files (.doc, .xls, .ppt) are refused: their container (OLE2) cannot be told from a
macro carrier without parsing it, and every office suite saves the formats above.
"""

import os
import re
import zipfile
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .caching import make_private
from .models import PrivateFile
from .personal_data import register


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    label: str


FORMATS = {
    "pdf": Format(".pdf", "application/pdf", "PDF"),
    "docx": Format(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   "Word (.docx)"),
    "xlsx": Format(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "Excel (.xlsx)"),
    "pptx": Format(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                   "PowerPoint (.pptx)"),
    "odt": Format(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (.odt)"),
    "ods": Format(".ods", "application/vnd.oasis.opendocument.spreadsheet",
                  "OpenDocument spreadsheet (.ods)"),
    "odp": Format(".odp", "application/vnd.oasis.opendocument.presentation",
                  "OpenDocument presentation (.odp)"),
}
DOCUMENTS = tuple(FORMATS)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_ODF_TYPES = {FORMATS[kind].content_type: kind for kind in ("odt", "ods", "odp")}
# Where OOXML (vbaProject.bin) and ODF (Basic/, Scripts/) keep macros.
_MACROS = re.compile(r"(^|/)vbaproject\.bin$|^(basic|scripts)/", re.IGNORECASE)


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if not entries or any(_MACROS.search(entry.filename) for entry in entries):
                return None
            first = entries[0]
            # ODF: a first entry named mimetype, stored uncompressed, whose text is the type.
            if first.filename == "mimetype" and first.file_size < 100:
                return _ODF_TYPES.get(archive.read(first).decode("ascii", "replace").strip())
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names:
                return None
            kinds = {kind for folder, kind in _OOXML_FOLDERS.items()
                     if any(name.startswith(folder) for name in names)}
            return kinds.pop() if len(kinds) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return None


def sniff(upload) -> str | None:
    """The kind of a file from its content (a key of FORMATS), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(upload)
        return None
    finally:
        upload.seek(0)


def _labels(kinds) -> str:
    return ", ".join(FORMATS[kind].label for kind in kinds)


def check_upload(upload, *, kinds=DOCUMENTS, max_bytes: int = DEFAULT_MAX_BYTES) -> Format:
    """The format of an uploaded file, or a ValidationError saying why it is refused."""
    if not upload.size:
        raise ValidationError(_("This file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(_("This file is %(size)s; files may be at most %(limit)s."), code="too_big",
                              params={"size": filesizeformat(upload.size),
                                      "limit": filesizeformat(max_bytes)})
    kind = sniff(upload)
    if kind not in kinds:
        raise ValidationError(_("This file is not one of the kinds accepted here (%(kinds)s), or it holds "
                                "macros. Save it as one of them and try again."),
                              code="kind", params={"kinds": _labels(kinds)})
    format_ = FORMATS[kind]
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension != format_.extension:
        raise ValidationError(_("This file is a %(kind)s file, yet its name ends in “%(extension)s”: please "
                                "give it the extension %(expected)s."), code="extension",
                              params={"kind": format_.label, "extension": extension or "…",
                                      "expected": format_.extension})
    return format_


@deconstructible
class UploadCheck:
    """check_upload as a field validator."""

    def __init__(self, kinds=DOCUMENTS, max_bytes: int = DEFAULT_MAX_BYTES):
        self.kinds, self.max_bytes = tuple(kinds), max_bytes

    def __call__(self, upload):
        check_upload(upload, kinds=self.kinds, max_bytes=self.max_bytes)

    def __eq__(self, other):
        return isinstance(other, UploadCheck) and (self.kinds, self.max_bytes) == (other.kinds,
                                                                                   other.max_bytes)


class PrivateFileField(forms.FileField):
    """A form's file field that takes only what check_upload accepts; the file picker offers those kinds.
    Store the cleaned file with save_private_file."""

    def __init__(self, *, kinds=DOCUMENTS, max_bytes: int = DEFAULT_MAX_BYTES, **kwargs):
        self.kinds, self.max_bytes = tuple(kinds), max_bytes
        # Lazy, so that a form declared at import time is told in the reader's language.
        kwargs.setdefault("help_text", lazy(lambda: _("%(kinds)s; at most %(limit)s.") % {
            "kinds": _labels(self.kinds), "limit": filesizeformat(max_bytes)}, str)())
        super().__init__(validators=[UploadCheck(self.kinds, max_bytes), *kwargs.pop("validators", [])],
                         **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(
            dict.fromkeys(value for kind in self.kinds
                          for value in (FORMATS[kind].extension, FORMATS[kind].content_type)))
        return attrs


def safe_name(name: str, extension: str) -> str:
    """The uploader's file name without folders or control characters, ending in the format's extension."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    stem = os.path.splitext(name)[0][:200] or "file"
    return stem + extension


def save_private_file(upload, *, uploaded_by, kinds=DOCUMENTS,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> PrivateFile:
    """Store an upload (checked again, so nothing unchecked is ever stored) with the content type its bytes
    showed."""
    format_ = check_upload(upload, kinds=kinds, max_bytes=max_bytes)
    name = safe_name(upload.name, format_.extension)
    private_file = PrivateFile(name=name, content_type=format_.content_type, size=upload.size,
                               uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False)
                               else None)
    private_file.file.save(name, upload, save=False)
    private_file.save()
    return private_file


def serve_private_file(request, private_file: PrivateFile) -> FileResponse:
    """The file as a download, in the content type its check decided, never sniffed by the browser nor kept
    by a shared cache.

    It checks nothing about the person asking: the caller decides first who may see the file (and answers
    404 to the others, so that a file's existence says nothing) and only then calls this."""
    response = FileResponse(private_file.file.open("rb"), as_attachment=True, filename=private_file.name,
                            content_type=private_file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return make_private(response)


def remove_stored_file(sender, instance: PrivateFile, **kwargs):
    """A deleted PrivateFile takes its stored file with it, once the deletion is committed."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _export(owner) -> list[dict]:
    return [{"name": private_file.name, "content_type": private_file.content_type, "size": private_file.size,
             "uploaded_at": private_file.created_at.isoformat()}
            for private_file in PrivateFile.objects.filter(uploaded_by=owner.user)]


def register_personal_data() -> None:
    # The file stays with the record it was sent with (whose app decides about it on erasure); only who
    # uploaded it is forgotten.
    register(PrivateFile, label="uploaded_files", export=_export,
             erase=lambda owner: PrivateFile.objects.filter(uploaded_by=owner.user).update(uploaded_by=None))
