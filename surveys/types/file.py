"""A file the respondent sends (a plan, a report ...), checked by its content with the portal's shared
check (portal.core.private_files) and kept privately. The answer is a reference to the stored file,
`{"file": <ResponseFile id>, "name": "plan.pdf", "size": 12345}`: surveys/uploads.py stores, replaces and
removes files; this module says what the question accepts."""

import os

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from portal.core.private_files import DEFAULT_MAX_BYTES, FORMATS

from . import register
from .base import QuestionType
from .edits import Change, limit, setting, whole

MB = 1024 * 1024
LARGEST_MB = DEFAULT_MAX_BYTES // MB  # what the shared check allows by default

# What a survey may ask for, as the formats portal.core.private_files recognises by their content.
KINDS = {
    "pdf": ("pdf",),
    "document": ("docx", "odt"),
    "spreadsheet": ("xlsx", "ods"),
    "presentation": ("pptx", "odp"),
}
KIND_LABELS = {
    "pdf": gettext_lazy("PDF"),
    "document": gettext_lazy("Text documents (Word, OpenDocument)"),
    "spreadsheet": gettext_lazy("Spreadsheets (Excel, OpenDocument)"),
    "presentation": gettext_lazy("Presentations (PowerPoint, OpenDocument)"),
}
_KIND_OF_EXTENSION = {FORMATS[format_].extension: kind
                      for kind, formats_ in KINDS.items() for format_ in formats_}


def accepted(question: dict) -> list[str]:
    return setting(question, "accept")


def formats(question: dict) -> tuple[str, ...]:
    """The formats (keys of portal.core.private_files.FORMATS) the question takes."""
    return tuple(format_ for kind in accepted(question) for format_ in KINDS[kind])


def max_bytes(question: dict) -> int:
    return setting(question, "max_size_mb") * MB


def stored(value) -> dict | None:
    """The reference an answer holds, or None when it holds none."""
    if isinstance(value, dict) and isinstance(value.get("file"), int) and not isinstance(value["file"], bool):
        return value
    return None


def kind_of(value) -> str | None:
    """The kind (a key of KINDS) of a stored answer, from its name: the stored name ends in the extension
    of the format its content showed."""
    answer = stored(value)
    if answer is None:
        return None
    return _KIND_OF_EXTENSION.get(os.path.splitext(str(answer.get("name", "")))[1].lower())


def download_url(file_id: int) -> str:
    """Where those who may see the results download a file (surveys/admin/files.py)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("surveys_response_file", args=[file_id])


@register
class File(QuestionType):
    name = "file"
    label = gettext_lazy("File upload")
    schema = {"properties": {
        "max_size_mb": {"type": "integer", "minimum": 1, "maximum": LARGEST_MB, "default": LARGEST_MB},
        "accept": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(KINDS)},
                   "default": list(KINDS)},
    }}
    # A document can name its author in its text or its properties, which erasure cannot read.
    personal_by_default = True
    keeps_files = True
    template = "surveys/questions/types/file.html"

    @property
    def defaults(self):
        return {"max_size_mb": LARGEST_MB, "accept": list(KINDS)}

    def builder_blocks(self):
        return [
            ("max_size_mb", blocks.IntegerBlock(min_value=1, max_value=LARGEST_MB, default=LARGEST_MB,
                                                label=gettext_lazy("Largest file (MB)"))),
            ("accept", blocks.MultipleChoiceBlock(choices=list(KIND_LABELS.items()), default=list(KINDS),
                                                  label=gettext_lazy("Kinds of file accepted"))),
        ]

    def read(self, question, data, rows):
        return None  # the file comes apart from the form's fields: surveys.uploads.take()

    def check(self, question, value, rows):
        return [] if stored(value) else [_("Send the file again.")]

    def words(self, question, value, rows):
        answer = stored(value)
        if answer is None:
            return ""
        return f"{answer.get('name', '')} ({filesizeformat(answer.get('size') or 0)})"

    def changes(self, old, new):
        name = new["name"]
        changes = limit(old, new, "max_size_mb", _("the largest file allowed (MB)"), low=False, read=whole,
                        values=lambda answers: sizes_mb(answers.get(name)))
        before, after = accepted(old), accepted(new)
        dropped = [kind for kind in before if kind not in after]
        added = [kind for kind in after if kind not in before]
        if dropped:
            changes.append(Change(True, _("Question %(name)s no longer accepts: %(kinds)s.")
                                  % {"name": name, "kinds": ", ".join(dropped)},
                                  lambda answers: kind_of(answers.get(name)) in dropped))
        if added:
            changes.append(Change(False, _("Question %(name)s now also accepts: %(kinds)s.")
                                  % {"name": name, "kinds": ", ".join(added)}))
        return changes

    def cells(self, question, target, cell):
        name, text = question.name, cell["text"]

        def cells(answers, version):
            answer = stored(answers.get(name))
            if answer is None:
                return [cell["empty"]]
            return [text(f"{answer.get('name', '')} <{download_url(answer['file'])}>")]

        return cells

    def codebook_values(self, question):
        return ("a file: its name, then between < > the address where those who may see the results "
                "download it")

    # XLSForm: the type `file`; what it accepts in `body::accept` (extensions), as ODK reads it.

    xlsform_types = ("file",)
    xlsform_columns = ("body::accept",)
    xlsform_control = frozenset({"accept"})

    def to_xlsform(self, writer, question, row, here):
        extensions = ",".join(FORMATS[format_].extension for format_ in formats(question))
        writer.survey.append({**row, "type": "file", "required": "yes" if question.get("required") else "",
                              "body::accept": extensions})
        if setting(question, "max_size_mb") != LARGEST_MB:
            writer.notes.append(f"Question {question['name']}: XLSForm has no largest file size; the "
                                f"limit of {question['max_size_mb']} MB is left out.")

    def from_xlsform(self, reader, element, question, where, at):
        accept = str(element.get("control", {}).get("accept") or "")
        wanted = [part.strip().lower() for part in accept.split(",") if part.strip()]
        kinds, unknown = set(), []
        for part in wanted:
            kind = _KIND_OF_EXTENSION.get(part) or next(
                (kind for kind, formats_ in KINDS.items()
                 if any(FORMATS[format_].content_type == part for format_ in formats_)), None)
            if kind:
                kinds.add(kind)
            else:
                unknown.append(part)
        if unknown:
            reader.notes.append(f"{where}: the portal takes PDF and office files only; the kinds "
                                f"{', '.join(unknown)} are left out.")
        chosen = [kind for kind in KINDS if kind in kinds]
        if chosen and chosen != list(KINDS):
            question["accept"] = chosen
        return question


def sizes_mb(value) -> list[float]:
    answer = stored(value)
    return [answer.get("size", 0) / MB] if answer else []
