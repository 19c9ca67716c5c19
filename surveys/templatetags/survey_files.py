"""What the answering widget of a file question says it takes (surveys/types/file.py)."""

from django import template
from django.template.defaultfilters import filesizeformat

from portal.core.private_files import FORMATS

from ..types.file import KIND_LABELS, accepted, formats, max_bytes

register = template.Library()


@register.simple_tag
def file_question(question: dict) -> dict:
    """The file picker's `accept` (extensions and content types), the kinds in words and the size limit."""
    return {
        "accept": ",".join(dict.fromkeys(
            value for format_ in formats(question)
            for value in (FORMATS[format_].extension, FORMATS[format_].content_type))),
        "kinds": ", ".join(str(KIND_LABELS[kind]) for kind in accepted(question)),
        "limit": filesizeformat(max_bytes(question)),
    }
